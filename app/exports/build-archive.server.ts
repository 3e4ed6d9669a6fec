// Writes one hospital's export archive (docs/decisions/053-tenant-data-export.md): each table of
// EXPORTED_TABLES read in pages by key (tenant_id, id) inside the caller's tenant transaction, each page
// turned into JSON Lines and pushed through the ZIP writer to a file, so that no table is ever held in
// memory whole; each file's SHA-256 and row count go into manifest.json, written last.
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import { once } from "node:events";
import { and, asc, eq, getTableColumns, gt } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { Zip, ZipDeflate } from "fflate";
import type { DataExportManifest, DataExportManifestFile } from "~db/schema";
import type { TenantTx } from "~db/scope.server";
import type { Person } from "~/staff/people-of.server";
import { EXPORT_FORMAT, EXPORTED_TABLES, exportReadme, exportRow, type ExportedTable } from "./export-format";

/** What a ZIP without ZIP64 can hold, in all and per file (decision 053): past it the export fails, saying so. */
export const ZIP_LIMIT_BYTES = 0xffffffff;

/** Rows per page: small enough to keep memory flat, large enough to keep round trips few. */
export const EXPORT_PAGE_SIZE = 500;

export type ArchiveInput = {
  /** The final path; the archive is written beside it under a temporary name and renamed when complete. */
  target: string;
  hospital: { id: string; slug: string; name: string };
  /** Staff names and e-mails by user id, for memberships.jsonl. */
  people: ReadonlyMap<string, Person>;
  createdAt: Date;
};

export type ArchiveResult = { size: number; sha256: string; manifest: DataExportManifest };

const encoder = new TextEncoder();

/** The ZIP stream into a file, with back-pressure: callers await `drained()` after each page. */
function zipToFile(path: string) {
  const out = createWriteStream(path, { flags: "wx", mode: 0o600 });
  const archiveHash = createHash("sha256");
  let failure: Error | null = null;
  let written = 0;
  out.on("error", (error) => (failure ??= error));
  const finished = new Promise<void>((resolve, reject) => {
    out.on("finish", resolve);
    out.on("error", reject);
  });
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      failure ??= error;
      out.destroy(error);
      return;
    }
    written += chunk.length;
    if (written > ZIP_LIMIT_BYTES) failure ??= new Error("the archive is over 4 GiB, more than a ZIP file without ZIP64 can hold");
    archiveHash.update(chunk);
    out.write(chunk);
    if (final) out.end();
  });
  return {
    zip,
    async drained(): Promise<void> {
      if (failure) throw failure;
      if (out.writableNeedDrain) await once(out, "drain");
    },
    async close(): Promise<string> {
      zip.end();
      await finished;
      if (failure) throw failure;
      return archiveHash.digest("hex");
    },
    abort() {
      zip.terminate();
      out.destroy();
    },
  };
}

/** One file of the archive: its bytes deflated into the ZIP and hashed as written (before compression). */
function archiveFile(zip: Zip, name: string) {
  const entry = new ZipDeflate(name, { level: 6 });
  zip.add(entry);
  const hash = createHash("sha256");
  let bytes = 0;
  return {
    push(text: string) {
      const data = encoder.encode(text);
      hash.update(data);
      bytes += data.length;
      if (bytes > ZIP_LIMIT_BYTES) throw new Error(`${name} is over 4 GiB, more than a ZIP file without ZIP64 can hold`);
      entry.push(data, false);
    },
    end(): { bytes: number; sha256: string } {
      entry.push(new Uint8Array(0), true);
      return { bytes, sha256: hash.digest("hex") };
    },
  };
}

async function writeTable(t: TenantTx, spec: ExportedTable, file: ReturnType<typeof archiveFile>, drained: () => Promise<void>, people: ReadonlyMap<string, Person>): Promise<number> {
  const columns = getTableColumns(spec.source) as Record<string, AnyPgColumn>;
  const columnNames = Object.fromEntries(Object.entries(columns).map(([key, column]) => [key, column.name]));
  const id = columns.id!;
  const tenantId = columns.tenantId!;
  let rows = 0;
  let after: unknown = null;
  for (;;) {
    const page: Record<string, unknown>[] = await t.db
      .select()
      .from(spec.source)
      .where(after === null ? eq(tenantId, t.tenantId) : and(eq(tenantId, t.tenantId), gt(id, after)))
      .orderBy(asc(id))
      .limit(EXPORT_PAGE_SIZE);
    if (page.length === 0) break;
    let text = "";
    for (const row of page) {
      const line = exportRow(row, columnNames);
      if (spec.withPeople) {
        const person = people.get(String(row.userId));
        line.display_name = person?.displayName ?? null;
        line.email = person?.email ?? null;
      }
      text += `${JSON.stringify(line)}\n`;
    }
    file.push(text);
    rows += page.length;
    after = page[page.length - 1]!.id;
    await drained();
    if (page.length < EXPORT_PAGE_SIZE) break;
  }
  return rows;
}

/** Writes the archive to `input.target` (atomically: a temporary name, then a rename). */
export async function writeExportArchive(t: TenantTx, input: ArchiveInput): Promise<ArchiveResult> {
  const temporary = `${input.target}.part`;
  // What a build that died half-way left behind (the job is then run again from the start).
  await rm(temporary, { force: true });
  const writer = zipToFile(temporary);
  try {
    const files: DataExportManifestFile[] = [];
    for (const spec of EXPORTED_TABLES) {
      const file = archiveFile(writer.zip, spec.file);
      const rows = await writeTable(t, spec, file, writer.drained, input.people);
      const { bytes, sha256 } = file.end();
      files.push({ name: spec.file, table: spec.table, rows, bytes, sha256 });
      await writer.drained();
    }
    const readme = archiveFile(writer.zip, "README.txt");
    readme.push(exportReadme(input.hospital.name, input.createdAt));
    readme.end();
    const manifest: DataExportManifest = { format: EXPORT_FORMAT, hospital: input.hospital, createdAt: input.createdAt.toISOString(), files };
    const manifestFile = archiveFile(writer.zip, "manifest.json");
    manifestFile.push(`${JSON.stringify(manifest, null, 2)}\n`);
    manifestFile.end();
    const sha256 = await writer.close();
    await rename(temporary, input.target);
    const { size } = await stat(input.target);
    // What the whole archive weighs and hashes to is kept on the row, not in the manifest inside it.
    return { size, sha256, manifest };
  } catch (error) {
    writer.abort();
    await rm(temporary, { force: true });
    throw error;
  }
}
