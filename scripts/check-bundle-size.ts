// The JavaScript each page makes a browser download (docs/architecture.md §8: under 150 KB compressed per page, for
// hospitals on thin uplinks). Run after `remix vite:build`; prints a per-route table and exits 1 when a
// route is over budget.
//
// A page loads Remix's manifest, the client entry and, for each route from the root down to the matched
// one, its module and static imports: exactly the lists in the client manifest Remix writes
// (build/client/assets/manifest-*.js). Before hydrating it also loads the texts its routes declare in
// `handle.i18n`, in one language (app/entry.client.tsx): those chunks are found in Vite's manifest
// (build/.vite/client-manifest.json) and the declarations in the server build. Each file counts once.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

export const BUDGET_BYTES = 150 * 1024;

type ManifestEntry = { module: string; imports?: string[] };
type ManifestRoute = ManifestEntry & { id: string; parentId?: string; path?: string; index?: boolean };
type RemixClientManifest = { entry: ManifestEntry; routes: Record<string, ManifestRoute>; url?: string };

export type RouteWeight = { route: string; files: number; raw: number; gzip: number; brotli: number };
/** Per route id, the locale namespaces it declares. */
export type RouteNamespaces = Record<string, readonly string[]>;
type ViteManifest = Record<string, { file: string }>;

const MANIFEST_PREFIX = "window.__remixManifest=";

export function readClientManifest(clientDir: string): { manifest: RemixClientManifest; manifestFile: string } {
  const assets = join(clientDir, "assets");
  const file = readdirSync(assets).find((name) => /^manifest-[0-9a-f]+\.js$/.test(name));
  if (!file) throw new Error(`no Remix client manifest in ${assets}: run the build first`);
  const text = readFileSync(join(assets, file), "utf8").trim().replace(/;$/, "");
  if (!text.startsWith(MANIFEST_PREFIX)) throw new Error(`unexpected manifest format in ${file}`);
  return { manifest: JSON.parse(text.slice(MANIFEST_PREFIX.length)) as RemixClientManifest, manifestFile: `/assets/${file}` };
}

function filesOf(entry: ManifestEntry): string[] {
  return [entry.module, ...(entry.imports ?? [])];
}

/** The chunk of each locale file, by "<language>/<namespace>". */
function localeChunks(viteManifest: ViteManifest): Map<string, string> {
  const chunks = new Map<string, string>();
  for (const [source, { file }] of Object.entries(viteManifest)) {
    const match = /^app\/locales\/([^/]+)\/([^/]+)\.json$/.exec(source);
    if (match) chunks.set(`${match[1]}/${match[2]}`, `/${file}`);
  }
  return chunks;
}

/**
 * Every route's download, in bytes raw, gzip (level 9) and brotli (quality 11), heaviest first, with the
 * texts of `language` for the namespaces each route and its parents declare.
 */
export function measureRoutes(clientDir: string, viteManifest: ViteManifest, namespaces: RouteNamespaces, language: string): RouteWeight[] {
  const { manifest, manifestFile } = readClientManifest(clientDir);
  const locales = localeChunks(viteManifest);
  const cache = new Map<string, { raw: number; gzip: number; brotli: number }>();
  const sizeOf = (url: string) => {
    let size = cache.get(url);
    if (!size) {
      const bytes = readFileSync(join(clientDir, url));
      size = {
        raw: bytes.length,
        gzip: gzipSync(bytes, { level: 9 }).length,
        brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      };
      cache.set(url, size);
    }
    return size;
  };
  const weights: RouteWeight[] = [];
  for (const route of Object.values(manifest.routes)) {
    const files = new Set<string>([manifestFile, ...filesOf(manifest.entry)]);
    for (let r: ManifestRoute | undefined = route; r; r = r.parentId ? manifest.routes[r.parentId] : undefined) {
      for (const file of filesOf(r)) files.add(file);
      for (const namespace of namespaces[r.id] ?? []) {
        const chunk = locales.get(`${language}/${namespace}`);
        if (!chunk) throw new Error(`route ${r.id} declares namespace "${namespace}", which has no ${language} chunk in the client build`);
        files.add(chunk);
      }
    }
    const weight: RouteWeight = { route: route.id, files: files.size, raw: 0, gzip: 0, brotli: 0 };
    for (const file of files) {
      const size = sizeOf(file);
      weight.raw += size.raw;
      weight.gzip += size.gzip;
      weight.brotli += size.brotli;
    }
    weights.push(weight);
  }
  return weights.sort((a, b) => b.gzip - a.gzip || a.route.localeCompare(b.route));
}

function kb(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}

export function formatTable(weights: RouteWeight[]): string {
  const header = ["route", "files", "raw KB", "gzip KB", "brotli KB", ""];
  const rows = weights.map((w) => [w.route, String(w.files), kb(w.raw), kb(w.gzip), kb(w.brotli), w.gzip > BUDGET_BYTES ? "OVER" : "ok"]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => "| " + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ") + " |";
  return [line(header), "| " + widths.map((w) => "-".repeat(w)).join(" | ") + " |", ...rows.map(line)].join("\n");
}

/** What each route declares in `handle.i18n`, read from the server build as the browser reads it. */
async function readRouteNamespaces(serverBuild: string): Promise<RouteNamespaces> {
  const build = (await import(pathToFileURL(resolve(serverBuild)).href)) as { routes: Record<string, { module: { handle?: { i18n?: unknown } } }> };
  const namespaces: RouteNamespaces = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const declared = route.module.handle?.i18n;
    namespaces[id] = typeof declared === "string" ? [declared] : Array.isArray(declared) ? declared.map(String) : [];
  }
  return namespaces;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const viteManifestPath = "build/.vite/client-manifest.json";
  if (!existsSync(viteManifestPath)) throw new Error(`${viteManifestPath} is missing: build with build.manifest (vite.config.ts)`);
  const viteManifest = JSON.parse(readFileSync(viteManifestPath, "utf8")) as ViteManifest;
  const namespaces = await readRouteNamespaces("build/server/index.js");
  // Vietnamese: the default language, and the longer texts.
  const weights = measureRoutes("build/client", viteManifest, namespaces, "vi");
  console.log(formatTable(weights));
  // Budget on gzip, the larger of the two: every browser and proxy accepts it.
  const over = weights.filter((w) => w.gzip > BUDGET_BYTES);
  console.log(`\nbudget: ${kb(BUDGET_BYTES)} KB gzip per page, texts in Vietnamese included; ${over.length === 0 ? "all routes within it" : `${over.length} over`}`);
  process.exit(over.length > 0 ? 1 : 0);
}
