// Writes one hospital's export archive (docs/decisions/053-tenant-data-export.md): each table of
// EXPORTED_TABLES read in pages by key (tenant_id, id) inside the caller's tenant transaction, each page
// turned into JSON Lines as yazl asks for more, so that no table is ever held in memory whole: yazl
// pulls one file's stream at a time, deflates it and writes the ZIP (ZIP64 when sizes need it) into a
// file stream, with back-pressure all the way to the database reads. Each file's SHA-256 and row count go
// into manifest.json, the last entry, built when its turn comes (every table is written by then).
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { and, asc, eq, getTableColumns, gt } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import yazl from "yazl";
import type { DataExportManifest, DataExportManifestFile } from "~db/schema";
import type { TenantTx } from "~db/scope.server";
import type { Person } from "~/staff/people-of.server";
import { EXPORT_FORMAT, EXPORTED_TABLES, exportReadme, exportRow, type ExportedTable } from "./export-format";

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

/** One table as JSON Lines, a page at a time; counts rows and hashes bytes into `file` as they go. */
async function* tableLines(t: TenantTx, spec: ExportedTable, people: ReadonlyMap<string, Person>, file: DataExportManifestFile): AsyncGenerator<Buffer> {
  const columns = getTableColumns(spec.source) as Record<string, AnyPgColumn>;
  const columnNames = Object.fromEntries(Object.entries(columns).map(([key, column]) => [key, column.name]));
  const id = columns.id!;
  const tenantId = columns.tenantId!;
  const hash = createHash("sha256");
  let after: unknown = null;
  for (;;) {
    const page: Record<string, unknown>[] = await t.db
      .select()
      .from(spec.source)
      .where(after === null ? eq(tenantId, t.tenantId) : and(eq(tenantId, t.tenantId), gt(id, after)))
      .orderBy(asc(id))
      .limit(EXPORT_PAGE_SIZE);
    if (page.length > 0) {
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
      const bytes = Buffer.from(text, "utf8");
      hash.update(bytes);
      file.rows += page.length;
      file.bytes += bytes.length;
      after = page[page.length - 1]!.id;
      yield bytes;
    }
    if (page.length < EXPORT_PAGE_SIZE) break;
  }
  file.sha256 = hash.digest("hex");
}

/** Writes the archive to `input.target` (atomically: a temporary name, then a rename). */
export async function writeExportArchive(t: TenantTx, input: ArchiveInput): Promise<ArchiveResult> {
  const temporary = `${input.target}.part`;
  // What a build that died half-way left behind (the job is then run again from the start).
  await rm(temporary, { force: true });
  const zip = new yazl.ZipFile();
  const options = { mtime: input.createdAt, compress: true };
  // yazl does not pass on a source stream's error: the first one ends the archive's stream with it.
  const fail = (error: Error) => (zip.outputStream as Readable).destroy(error);
  zip.on("error", fail);
  const files: DataExportManifestFile[] = [];
  for (const spec of EXPORTED_TABLES) {
    const file: DataExportManifestFile = { name: spec.file, table: spec.table, rows: 0, bytes: 0, sha256: "" };
    files.push(file);
    zip.addReadStreamLazy(spec.file, options, (done) => {
      const stream = Readable.from(tableLines(t, spec, input.people, file));
      stream.on("error", fail);
      done(null, stream);
    });
  }
  zip.addBuffer(Buffer.from(exportReadme(input.hospital.name, input.createdAt), "utf8"), "README.txt", options);
  const manifest: DataExportManifest = { format: EXPORT_FORMAT, hospital: input.hospital, createdAt: input.createdAt.toISOString(), files };
  // Its turn comes after every table's stream has ended: the counts and checksums are final.
  zip.addReadStreamLazy("manifest.json", options, (done) => done(null, Readable.from([Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8")])));
  zip.end();
  const archiveHash = createHash("sha256");
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      archiveHash.update(chunk);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(zip.outputStream, hashing, createWriteStream(temporary, { flags: "wx", mode: 0o600 }));
    await rename(temporary, input.target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  const { size } = await stat(input.target);
  // What the whole archive weighs and hashes to is kept on the row, not in the manifest inside it.
  return { size, sha256: archiveHash.digest("hex"), manifest };
}
