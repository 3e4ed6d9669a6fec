// A hospital's exports of its own data (issue 9, docs/decisions/053-tenant-data-export.md): one row per
// request, written when a member asks and kept after the file is gone, so the settings page shows who
// asked for what, and when. The archive itself lives on disk (EXPORT_DIR), under an unguessable name.
import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenantTable, timestamps } from "./kit";

export const DATA_EXPORT_STATUSES = ["queued", "running", "ready", "failed", "expired"] as const;
export type DataExportStatus = (typeof DATA_EXPORT_STATUSES)[number];

/** What manifest.json says of each file of the archive (app/exports/export-format.ts). */
export type DataExportManifestFile = { name: string; table: string; rows: number; bytes: number; sha256: string };
export type DataExportManifest = { format: string; hospital: { id: string; slug: string; name: string }; createdAt: string; files: DataExportManifestFile[] };

export const dataExports = tenantTable(
  "data_exports",
  {
    /**
     * Who asked, as the audit log names actors: an id and the actor's kind, which the job keeps. A "user"
     * is a users row; a "support" actor (vendor staff under a grant, issue 9) is a staff account, so no
     * foreign key, as audit_events.actor_id has none.
     */
    requestedBy: uuid("requested_by"),
    requestedByKind: text("requested_by_kind").notNull(),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    status: text("status", { enum: DATA_EXPORT_STATUSES }).notNull().default("queued"),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    /** The archive's name in EXPORT_DIR: random, never derived from the id or the hospital. */
    fileName: text("file_name").notNull(),
    fileSize: bigint("file_size", { mode: "number" }),
    sha256: text("sha256"),
    manifest: jsonb("manifest").$type<DataExportManifest>(),
    /** Set when the archive is ready: the download link works until then. */
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    downloads: integer("downloads").notNull().default(0),
    error: text("error"),
    ...timestamps(),
  },
  (t) => [
    index("data_exports_tenant_requested_idx").on(t.tenantId, t.requestedAt),
    // The clean-up job looks for ready archives past their expiry.
    index("data_exports_ready_expiry_idx").on(t.tenantId, t.expiresAt).where(sql`status = 'ready'`),
  ],
);
