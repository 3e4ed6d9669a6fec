// Build-time compression of the client's fingerprinted assets (docs/architecture.md §8): each file gets a brotli
// (quality 11) and a gzip (level 9) sibling, which the server sends as they are to browsers that accept
// them (app/server/http-app.server.ts). Compressing once at the highest levels beats compressing on every
// request at fast ones. Used as a Vite plugin by vite.config.ts.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Plugin, ResolvedConfig } from "vite";

const COMPRESSIBLE = /\.(?:js|mjs|css|svg|json|html|txt|map)$/;
/** Below this, compression headers and framing cost more than they save. */
const MIN_BYTES = 512;

export function precompressDir(dir: string): number {
  let written = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      written += precompressDir(path);
      continue;
    }
    if (!COMPRESSIBLE.test(name)) continue;
    const bytes = readFileSync(path);
    if (bytes.length < MIN_BYTES) continue;
    writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
    writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
    written += 1;
  }
  return written;
}

/** After the client build, precompress build/client/assets. The server build is left alone. */
export function precompressAssets(): Plugin {
  let config: ResolvedConfig;
  return {
    name: "emr-precompress-assets",
    apply: "build",
    configResolved(resolved) {
      config = resolved;
    },
    writeBundle(options) {
      if (config.build.ssr || !options.dir) return;
      const assets = join(options.dir, config.build.assetsDir);
      const count = precompressDir(assets);
      config.logger.info(`precompressed ${count} assets in ${assets} (.br, .gz)`);
    },
  };
}
