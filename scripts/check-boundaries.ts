// npm run check:boundaries: application code never holds a raw database client (docs/architecture.md §2 "one way
// in"), route modules never build SQL (§4: loaders and actions call domain functions), and only db/
// touches the settings and roles that row-level security depends on.
//
//   app/**            may not import db/client.server, db/migrate.server, postgres, @electric-sql/pglite,
//                     drizzle-orm/postgres-js or drizzle-orm/pglite;
//   app/routes/**     may not import drizzle-orm (any entry), db/schema or db/scope.server, not even for
//                     types: a route reaches its hospital through member.tx() from the guard, so it never
//                     passes a tenant id by hand;
//   app/** but auth/  may not take withIdentity from db/scope.server (sign-in identities, password
//                     hashes and sessions are app/auth/'s alone: decision 020), nor the whole module
//                     at once (namespace import, star re-export, dynamic import, require);
//   everything but db/ and tests (app/, scripts/, configuration files) may not write set_config(...),
//                     SET ROLE / SET LOCAL ROLE / RESET ROLE (any case) in SQL text, nor call sql.raw():
//                     those set or bypass the tenant and role of a transaction, which db/scope.server.ts
//                     alone does.
//
// Source is read with the TypeScript parser, so comments do not count, while multi-line, re-export,
// dynamic import(), require() and import("x").T type references do, and SQL is found in strings and
// template literals (tagged sql`...` included).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";

export type SourceFile = { path: string; content: string };
/** `specifier` is the import, or the forbidden SQL text or call found. */
export type BoundaryViolation = { file: string; line: number; specifier: string; message: string };

/** What an import takes from its module: named bindings, or everything (a namespace, `export *`, a
 * dynamic import or require, whose use cannot be read from the import itself). */
type Taken = string[] | "everything";

type ImportFound = { specifier: string; line: number; taken: Taken };

/** Names that only some folders may take from a module. */
type NameRule = { applies: (file: string) => boolean; module: string; name: string; message: string };

type Rule = { applies: (file: string) => boolean; forbids: (target: string) => boolean; message: string };

const isPackage = (target: string, name: string) => target === name || target.startsWith(`${name}/`);

const RULES: Rule[] = [
  {
    applies: (file) => file.startsWith("app/"),
    forbids: (target) => target === "db/client.server" || target === "db/migrate.server",
    message: "application code must reach the database through withTenant/withPlatform (db/scope.server), not the raw client",
  },
  {
    applies: (file) => file.startsWith("app/"),
    forbids: (target) =>
      ["postgres", "@electric-sql/pglite", "drizzle-orm/postgres-js", "drizzle-orm/pglite"].some((name) => isPackage(target, name)),
    message: "application code must not open database drivers; use withTenant/withPlatform",
  },
  {
    applies: (file) => file.startsWith("app/routes/"),
    forbids: (target) => isPackage(target, "drizzle-orm") || target === "db/schema" || target.startsWith("db/schema/"),
    message: "route modules never build SQL: call a domain function (app/<capability>/*.server.ts) instead",
  },
  {
    applies: (file) => file.startsWith("app/routes/"),
    forbids: (target) => target === "db/scope.server",
    message: "route modules reach their hospital through member.tx() from requireMember, never withTenant with a tenant id",
  },
];

const NAME_RULES: NameRule[] = [
  {
    applies: (file) => !file.startsWith("app/auth/"),
    module: "db/scope.server",
    name: "withIdentity",
    message: "only app/auth/ may use the identity scope (withIdentity): sign-in identities, password hashes and sessions stay behind it",
  },
];

type TextRule = { finds: RegExp; message: string };

/** SQL that only db/ may write: it sets or leaves the tenant, actor and role of a transaction. */
const SQL_TEXT_RULES: TextRule[] = [
  { finds: /\bset_config\s*\(/i, message: "set_config belongs in db/scope.server.ts: use withTenant/withPlatform (or member.tx)" },
  {
    finds: /\b(?:re)?set\s+(?:local\s+|session\s+)?role\b/i,
    message: "changing the database role belongs in db/: a role switch outside it could escape row-level security",
  },
];

const SQL_RAW_MESSAGE = "sql.raw splices text into SQL unescaped; only db/ may use it (bind values with sql`...${value}`)";

/** Where an import points, in repository terms: "db/client.server" for every spelling of that module,
 * the package name for a bare specifier. */
export function importTarget(fromFile: string, specifier: string): string {
  let target: string;
  if (specifier.startsWith("~db/")) target = `db/${specifier.slice(4)}`;
  else if (specifier.startsWith("~/")) target = `app/${specifier.slice(2)}`;
  else if (specifier.startsWith(".")) target = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
  else if (/^(db|app)\//.test(specifier)) target = specifier;
  else return specifier;
  return target.replace(/\/index$/, "").replace(/\.(ts|tsx|js|mjs)$/, "");
}

function parse(file: SourceFile): ts.SourceFile {
  const kind = /\.[jt]sx$/.test(file.path) ? ts.ScriptKind.TSX : /\.[cm]?js$/.test(file.path) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  return ts.createSourceFile(file.path, file.content, ts.ScriptTarget.Latest, true, kind);
}

function importTaken(node: ts.ImportDeclaration): Taken {
  const clause = node.importClause;
  if (!clause) return [];
  const names: string[] = clause.name ? ["default"] : [];
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) return "everything";
  if (bindings) names.push(...bindings.elements.map((e) => (e.propertyName ?? e.name).text));
  return names;
}

function exportTaken(node: ts.ExportDeclaration): Taken {
  const clause = node.exportClause;
  if (!clause || ts.isNamespaceExport(clause)) return "everything";
  return clause.elements.map((e) => (e.propertyName ?? e.name).text);
}

function importTypeTaken(node: ts.ImportTypeNode): Taken {
  let qualifier = node.qualifier;
  while (qualifier && ts.isQualifiedName(qualifier)) qualifier = qualifier.left;
  return qualifier ? [qualifier.text] : "everything";
}

function importsOf(file: SourceFile): ImportFound[] {
  const source = parse(file);
  const found: ImportFound[] = [];
  const record = (node: ts.Node, taken: Taken) => {
    if (ts.isStringLiteralLike(node)) {
      found.push({ specifier: node.text, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, taken });
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) record(node.moduleSpecifier, importTaken(node));
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier) record(node.moduleSpecifier, exportTaken(node));
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      record(node.moduleReference.expression, "everything");
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) record(node.argument.literal, importTypeTaken(node));
    else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const dynamic = callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === "require");
      if (dynamic && node.arguments[0]) record(node.arguments[0], "everything");
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** SQL text in string and template literals, and sql.raw calls (also sql["raw"]), with their lines. */
function sqlEscapesOf(file: SourceFile): { specifier: string; line: number; message: string }[] {
  const source = parse(file);
  const found: { specifier: string; line: number; message: string }[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      for (const rule of SQL_TEXT_RULES) {
        const match = rule.finds.exec(node.text);
        if (match) found.push({ specifier: match[0], line: lineOf(node), message: rule.message });
      }
    }
    const rawAccess =
      (ts.isPropertyAccessExpression(node) && node.name.text === "raw") ||
      (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression) && node.argumentExpression.text === "raw");
    if (rawAccess && ts.isIdentifier(node.expression) && node.expression.text === "sql") {
      found.push({ specifier: "sql.raw", line: lineOf(node), message: SQL_RAW_MESSAGE });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const isTestFile = (file: string) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(file) || file.split("/").includes("__tests__");
const isSource = (file: string) => /\.[cm]?[jt]sx?$/.test(file) && !file.endsWith(".d.ts");
/** db/ is where the tenant transaction is built; tests set up broken schemas on purpose. */
const isExemptFromSqlRules = (file: string) => file.startsWith("db/") || file.startsWith("tests/") || isTestFile(file);

/** The pure check: repository-relative paths (forward slashes) and contents in, violations out. */
export function findBoundaryViolations(files: SourceFile[]): BoundaryViolation[] {
  const violations: BoundaryViolation[] = [];
  for (const file of files) {
    if (!isSource(file.path) || isTestFile(file.path)) continue;
    if (file.path.startsWith("app/")) {
      for (const { specifier, line, taken } of importsOf(file)) {
        const target = importTarget(file.path, specifier);
        for (const rule of RULES) {
          if (rule.applies(file.path) && rule.forbids(target)) violations.push({ file: file.path, line, specifier, message: rule.message });
        }
        for (const rule of NAME_RULES) {
          const takesName = taken === "everything" || taken.includes(rule.name);
          if (rule.applies(file.path) && target === rule.module && takesName) {
            violations.push({ file: file.path, line, specifier, message: rule.message });
          }
        }
      }
    }
    if (!isExemptFromSqlRules(file.path)) {
      for (const escape of sqlEscapesOf(file)) violations.push({ file: file.path, ...escape });
    }
  }
  return violations;
}

/** Folders that hold no source of ours. */
const SKIPPED_FOLDERS = new Set(["node_modules", "build", "public", ".data", ".git", ".cache", "playwright-report", "test-results"]);

/** Every source file of the repository (db/ and tests/ included: the check decides what applies). */
export function readSources(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const absolute = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(absolute);
      } else if (entry.isFile() && isSource(entry.name)) {
        files.push({ path: path.relative(root, absolute).split(path.sep).join("/"), content: readFileSync(absolute, "utf8") });
      }
    }
  };
  walk(root);
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const files = readSources(root);
  const violations = findBoundaryViolations(files);
  for (const v of violations) console.error(`${v.file}:${v.line}: "${v.specifier}": ${v.message}`);
  if (violations.length > 0) {
    console.error(`${violations.length} boundary violation(s)`);
    process.exit(1);
  }
  console.log(`boundaries ok (${files.length} source files)`);
}
