// npm run check:boundaries: application code never holds a raw database client (DESIGN.md §2 "one way
// in"), and route modules never build SQL (§4: loaders and actions call domain functions).
//
//   app/**            may not import db/client.server, db/migrate.server, postgres, @electric-sql/pglite,
//                     drizzle-orm/postgres-js or drizzle-orm/pglite;
//   app/routes/**     may not import drizzle-orm (any entry) or db/schema, not even for types;
//   app/** but auth/  may not take withIdentity from db/scope.server (sign-in identities, password
//                     hashes and sessions are app/auth/'s alone: decision 020), nor the whole module
//                     at once (namespace import, star re-export, dynamic import, require).
//
// Imports are read with the TypeScript parser, so comments and strings do not count and multi-line,
// re-export, dynamic import(), require() and import("x").T type references all do.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";

export type SourceFile = { path: string; content: string };
export type BoundaryViolation = { file: string; line: number; specifier: string; message: string };

type Rule = { applies: (file: string) => boolean; forbids: (target: string) => boolean; message: string };

/** What an import takes from its module: named bindings, or everything (a namespace, `export *`, a
 * dynamic import or require, whose use cannot be read from the import itself). */
type Taken = string[] | "everything";

type ImportFound = { specifier: string; line: number; taken: Taken };

/** Names that only some folders may take from a module. */
type NameRule = { applies: (file: string) => boolean; module: string; name: string; message: string };

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
];

const NAME_RULES: NameRule[] = [
  {
    applies: (file) => !file.startsWith("app/auth/"),
    module: "db/scope.server",
    name: "withIdentity",
    message: "only app/auth/ may use the identity scope (withIdentity): sign-in identities, password hashes and sessions stay behind it",
  },
];

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
  const source = ts.createSourceFile(file.path, file.content, ts.ScriptTarget.Latest, true, file.path.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
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

const isTestFile = (file: string) => /\.(test|spec)\.tsx?$/.test(file) || file.split("/").includes("__tests__");

/** The pure check: repository-relative paths (forward slashes) and contents in, violations out. */
export function findBoundaryViolations(files: SourceFile[]): BoundaryViolation[] {
  const violations: BoundaryViolation[] = [];
  for (const file of files) {
    if (!file.path.startsWith("app/") || !/\.tsx?$/.test(file.path) || isTestFile(file.path)) continue;
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
  return violations;
}

export function readAppSources(root: string): SourceFile[] {
  const entries = readdirSync(path.join(root, "app"), { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => {
      const absolute = path.join(e.parentPath ?? e.path, e.name);
      return { path: path.relative(root, absolute).split(path.sep).join("/"), content: readFileSync(absolute, "utf8") };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const files = readAppSources(root);
  const violations = findBoundaryViolations(files);
  for (const v of violations) console.error(`${v.file}:${v.line}: imports "${v.specifier}": ${v.message}`);
  if (violations.length > 0) {
    console.error(`${violations.length} boundary violation(s)`);
    process.exit(1);
  }
  console.log(`boundaries ok (${files.length} files under app/)`);
}
