// A hospital's data export (issue 9, decision 053), end to end: the demo hospital exported as its
// administrator, the archive unzipped and every file checked against manifest.json and the database;
// the download's door (another hospital's member 404, a member without data:export 403, an expired link
// gives nothing), the audit entries, the clean-up job, and a support actor's export keeping its kind.
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, count, eq, getTableColumns, sql } from "drizzle-orm";
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, dataExports, hospitalRoles, tenants, type StaffRole } from "~db/schema";
import { rowsOf, systemActor, withPlatform, withTenant, type Actor } from "~db/scope.server";
import { ROLE_PERMISSIONS } from "~/auth/permissions";
import { createUserSession, sessionCookieName } from "~/auth/session.server";
import { JOB_QUEUES } from "~db/job-queues";
import { seedDemo } from "~/demo/seed-demo.server";
import { startJobRunner } from "~/jobs/run-jobs.server";
import { writeExportArchive } from "~/exports/build-archive.server";
import { EXPORTED_TABLES, EXPORT_FORMAT, EXPORT_LEFT_OUT } from "~/exports/export-format";
import { buildExport, exportFilePath, exportJobPayloadOf, expireExports, requestExport } from "~/exports/exports.server";
import * as exportPage from "~/routes/h.$hospital.settings.export";
import * as downloadRoute from "~/routes/h.$hospital.settings.export.$exportId.download";
import { decideSupportGrant, findHospitalForSupport, requestSupportGrant } from "~/support/grants.server";
import { createTestHospital, createTestStaff } from "../support/factories";
import { createTestPlatformStaff } from "../support/staff";
import { fakeContext, get, post, settle } from "../support/http";
import { withAdmin, withAdminRollback } from "../support/admin";
import { tenantTableNames } from "../support/tenant-catalog";

const args = (request: Request, params: Record<string, string>) => ({ request, context: fakeContext(), params });

async function cookieFor(hospitalId: string, roles: StaffRole[]) {
  const user = await createTestStaff(hospitalId, roles);
  const { token } = await createUserSession(user.id);
  return { user, cookie: `${sessionCookieName(false)}=${token}` };
}

type Person = Awaited<ReturnType<typeof cookieFor>>;

let demo: { id: string; slug: string };
let admin: Person;
let doctor: Person;
let otherAdmin: Person;
let other: { id: string; slug: string };

beforeAll(async () => {
  process.env.EXPORT_DIR = await mkdtemp(path.join(tmpdir(), "emr-exports-"));
  await seedDemo();
  demo = await withPlatform("test: the demo hospital", async (p) => {
    const [row] = await p.db.select({ id: tenants.id, slug: tenants.slug }).from(tenants).where(eq(tenants.slug, "bv-tam-nong"));
    return row!;
  });
  admin = await cookieFor(demo.id, ["admin"]);
  doctor = await cookieFor(demo.id, ["doctor"]);
  other = await createTestHospital("Bệnh viện Khác Xuất");
  otherAdmin = await cookieFor(other.id, ["admin"]);
});

const page = (slug: string) => `/h/${slug}/settings/export`;
const downloadPath = (slug: string, id: string) => `${page(slug)}/${id}/download`;

async function auditOf(tenantId: string, exportId: string) {
  return withTenant(tenantId, systemActor("tests"), (t) =>
    t.db
      .select({ action: auditEvents.action, actorId: auditEvents.actorId, actorKind: auditEvents.actorKind })
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, t.tenantId), eq(auditEvents.entityId, exportId))),
  );
}

async function rowOf(tenantId: string, id: string) {
  return withTenant(tenantId, systemActor("tests"), async (t) => {
    const [row] = await t.db.select().from(dataExports).where(and(eq(dataExports.tenantId, t.tenantId), eq(dataExports.id, id)));
    return row!;
  });
}

/** Asks through the page as the admin, then runs the job as the queue would, with the same payload. */
async function exportAsAdmin(): Promise<string> {
  const asked = await settle(() => exportPage.action(args(post(page(demo.slug), {}, admin.cookie), { hospital: demo.slug })));
  expect(asked.status).toBe(302);
  expect(asked.headers.get("Location")).toBe(`${page(demo.slug)}?notice=queued`);
  const listed = await settle(() => exportPage.loader(args(get(page(demo.slug), admin.cookie), { hospital: demo.slug })));
  const queued = listed.data.exports[0];
  expect(queued.status).toBe("queued");
  expect(listed.data.working).toBe(true);
  const actor: Actor = { kind: "user", userId: admin.user.id };
  expect(await buildExport(exportJobPayloadOf(demo.id, queued.id, actor))).toBe("ready");
  return queued.id as string;
}

describe("data:export for administrators", () => {
  it("is in the default administrator role", () => {
    expect(ROLE_PERMISSIONS.admin).toContain("data:export");
  });

  it("is given to existing hospitals' administrator roles by the migration, as the owner under forced row-level security", async () => {
    const adminWithout = { code: "admin", nameVi: "Quản trị", nameEn: "Admin", permissions: ROLE_PERMISSIONS.admin.filter((p) => p !== "data:export") };
    const doctorRole = { code: "doctor", nameVi: "Bác sĩ", nameEn: "Doctor", permissions: [...ROLE_PERMISSIONS.doctor] };
    const older = await createTestHospital("Bệnh viện Cũ", { roles: [adminWithout, doctorRole] });
    // Found by name: the number changes when branches are merged.
    const folder = new URL("../../db/migrations/", import.meta.url);
    const file = (await readdir(folder)).find((name) => name.endsWith("_data-exports-custom.sql"))!;
    const migration = await readFile(new URL(file, folder), "utf8");
    const grant = migration.split("--> statement-breakpoint").find((statement) => statement.includes("DO $$"))!;
    const after = await withAdminRollback(async ({ db }) => {
      await db.execute(sql`set local role emr_owner`);
      await db.execute(sql.raw(grant));
      await db.execute(sql`reset role`);
      return rowsOf<{ code: string; permissions: string[] }>(
        await db.execute(sql`select code, permissions from ${hospitalRoles} where tenant_id = ${older.id} order by code`),
      );
    });
    expect(after.find((r) => r.code === "admin")!.permissions).toContain("data:export");
    expect(after.find((r) => r.code === "doctor")!.permissions).not.toContain("data:export");
  });
});

describe("a hospital's data export", () => {
  it("names every tenant table: exported, or left out with a reason", async () => {
    const named = new Set([...EXPORTED_TABLES.map((t) => t.table), ...Object.keys(EXPORT_LEFT_OUT)]);
    for (const table of await withAdmin(({ db }) => tenantTableNames(db))) expect(named, `${table} is neither exported nor left out`).toContain(table);
  });

  it("is described for hospitals file by file, in docs/data-export.md", async () => {
    const doc = await readFile(new URL("../../docs/data-export.md", import.meta.url), "utf8");
    for (const spec of EXPORTED_TABLES) {
      const line = doc.split("\n").find((l) => l.startsWith(`| \`${spec.file}\` |`));
      expect(line, spec.file).toBeDefined();
      for (const column of Object.values(getTableColumns(spec.source))) expect(line, `${spec.file} ${column.name}`).toContain(`\`${column.name}\``);
    }
    for (const table of Object.keys(EXPORT_LEFT_OUT)) expect(doc, table).toContain(`\`${table}\``);
  });

  let exportId: string;

  it("round trip: the demo hospital's archive holds every table, each file parses, and counts and checksums match the manifest and the database", async () => {
    exportId = await exportAsAdmin();
    const row = await rowOf(demo.id, exportId);
    expect(row.status).toBe("ready");
    expect(row.requestedBy).toBe(admin.user.id);
    expect(row.expiresAt!.getTime() - row.finishedAt!.getTime()).toBeGreaterThan(23 * 3600_000);
    const file = exportFilePath(row.fileName);
    const bytes = await readFile(file);
    expect(bytes.length).toBe(row.fileSize);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(row.sha256);
    expect((await stat(file)).mode & 0o077).toBe(0);

    const entries = unzipSync(new Uint8Array(bytes));
    const manifest = JSON.parse(new TextDecoder().decode(entries["manifest.json"]!));
    expect(manifest).toEqual(row.manifest);
    expect(manifest.format).toBe(EXPORT_FORMAT);
    expect(manifest.hospital.slug).toBe(demo.slug);
    expect(new TextDecoder().decode(entries["README.txt"]!)).toContain("manifest.json");
    expect(Object.keys(entries).sort()).toEqual([...EXPORTED_TABLES.map((t) => t.file), "README.txt", "manifest.json"].sort());

    const inDatabase = await withTenant(demo.id, systemActor("tests"), async (t) => {
      const counts: Record<string, number> = {};
      for (const spec of EXPORTED_TABLES) {
        const source = spec.source as typeof dataExports;
        const [n] = await t.db.select({ n: count() }).from(source).where(eq(source.tenantId, t.tenantId));
        counts[spec.table] = n!.n;
      }
      return counts;
    });
    for (const described of manifest.files) {
      const content = entries[described.name]!;
      expect(createHash("sha256").update(content).digest("hex"), described.name).toBe(described.sha256);
      expect(content.length, described.name).toBe(described.bytes);
      const lines = new TextDecoder().decode(content).split("\n").filter((line) => line !== "");
      const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(parsed.length, described.name).toBe(described.rows);
      for (const record of parsed) expect(record.tenant_id, described.name).toBe(demo.id);
      // The audit log goes on after the archive was read (the job records its own completion).
      if (described.table === "audit_events") expect(described.rows).toBeLessThanOrEqual(inDatabase.audit_events!);
      else expect(described.rows, described.name).toBe(inDatabase[described.table]);
    }
    const rows = Object.fromEntries(manifest.files.map((f: { table: string; rows: number }) => [f.table, f.rows]));
    expect(rows.patients).toBeGreaterThan(100);
    expect(rows.visits).toBeGreaterThan(0);
    expect(rows.audit_events).toBeGreaterThan(0);
    const staff = new TextDecoder().decode(entries["memberships.jsonl"]!).split("\n").filter(Boolean).map((l) => JSON.parse(l));
    expect(staff.find((m) => m.user_id === admin.user.id)).toMatchObject({ display_name: "Bác sĩ Thử Nghiệm", roles: ["admin"] });
    expect(staff[0]).toHaveProperty("email");
  });

  it("records the request and the completion in the audit log, as the member who asked", async () => {
    const entries = await auditOf(demo.id, exportId);
    const actions = entries.map((e) => e.action);
    expect(actions).toContain("export.requested");
    expect(actions).toContain("export.completed");
    for (const entry of entries.filter((e) => e.action.startsWith("export."))) expect(entry).toMatchObject({ actorId: admin.user.id, actorKind: "user" });
  });

  it("streams the archive to the administrator, counting and auditing each download", async () => {
    const row = await rowOf(demo.id, exportId);
    const outcome = await settle(() => downloadRoute.loader(args(get(downloadPath(demo.slug, exportId), admin.cookie), { hospital: demo.slug, exportId })));
    expect(outcome.status).toBe(200);
    expect(outcome.headers.get("Content-Type")).toBe("application/zip");
    expect(outcome.headers.get("Content-Disposition")).toMatch(/^attachment; filename="export-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.zip"$/);
    const body = Buffer.from(await outcome.response!.arrayBuffer());
    expect(createHash("sha256").update(body).digest("hex")).toBe(row.sha256);
    expect((await rowOf(demo.id, exportId)).downloads).toBe(1);
    const downloads = (await auditOf(demo.id, exportId)).filter((e) => e.action === "export.downloaded");
    expect(downloads).toEqual([{ action: "export.downloaded", actorId: admin.user.id, actorKind: "user" }]);
  });

  it("answers another hospital's member 404, under either hospital's address", async () => {
    for (const slug of [demo.slug, other.slug]) {
      const outcome = await settle(() => downloadRoute.loader(args(get(downloadPath(slug, exportId), otherAdmin.cookie), { hospital: slug, exportId })));
      expect(outcome.status, slug).toBe(404);
    }
    expect((await rowOf(demo.id, exportId)).downloads).toBe(1);
  });

  it("answers a member without data:export 403, on the page and on the link", async () => {
    const link = await settle(() => downloadRoute.loader(args(get(downloadPath(demo.slug, exportId), doctor.cookie), { hospital: demo.slug, exportId })));
    expect(link.status).toBe(403);
    const asked = await settle(() => exportPage.action(args(post(page(demo.slug), {}, doctor.cookie), { hospital: demo.slug })));
    expect(asked.status).toBe(403);
  });

  it("refuses a second request while one is being prepared", async () => {
    const first = await withTenant(other.id, { kind: "user", userId: otherAdmin.user.id }, requestExport);
    expect(first.ok).toBe(true);
    const asked = await settle(() => exportPage.action(args(post(page(other.slug), {}, otherAdmin.cookie), { hospital: other.slug })));
    expect(asked.headers.get("Location")).toBe(`${page(other.slug)}?notice=alreadyRunning`);
  });

  it("an expired link gives nothing and says so; the clean-up job deletes the file and keeps the row", async () => {
    const row = await rowOf(demo.id, exportId);
    await withTenant(demo.id, systemActor("tests"), (t) =>
      t.db.update(dataExports).set({ expiresAt: new Date(Date.now() - 1000) }).where(and(eq(dataExports.tenantId, t.tenantId), eq(dataExports.id, exportId))),
    );
    const outcome = await settle(() => downloadRoute.loader(args(get(downloadPath(demo.slug, exportId), admin.cookie), { hospital: demo.slug, exportId })));
    expect(outcome.status).toBe(302);
    expect(outcome.headers.get("Location")).toBe(`${page(demo.slug)}?notice=expiredLink`);
    expect((await rowOf(demo.id, exportId)).downloads).toBe(1);
    const listed = await settle(() => exportPage.loader(args(get(`${page(demo.slug)}?notice=expiredLink`, admin.cookie), { hospital: demo.slug })));
    expect(listed.data.notice).toBe("expiredLink");
    expect(listed.data.exports.find((e: { id: string }) => e.id === exportId).status).toBe("expired");

    const { expired } = await expireExports();
    expect(expired).toBeGreaterThanOrEqual(1);
    await expect(stat(exportFilePath(row.fileName))).rejects.toThrow();
    const after = await rowOf(demo.id, exportId);
    expect(after.status).toBe("expired");
    expect(after.manifest).toEqual(row.manifest);
    expect((await auditOf(demo.id, exportId)).map((e) => e.action)).toContain("export.expired");
  });

  it("fails a request whose job never ran, so that it no longer blocks the next export", async () => {
    const stuck = await createTestHospital("Bệnh viện Xuất Dở Dang");
    const asked = await withTenant(stuck.id, systemActor("tests"), requestExport);
    if (!asked.ok) throw new Error("not requested");
    expect((await withTenant(stuck.id, systemActor("tests"), requestExport)).ok).toBe(false);
    // Seven hours later, no job has built it.
    await expireExports(new Date(Date.now() + 7 * 3600_000));
    const row = await rowOf(stuck.id, asked.id);
    expect(row.status).toBe("failed");
    expect(row.error).toMatch(/abandoned/);
    expect((await withTenant(stuck.id, systemActor("tests"), requestExport)).ok).toBe(true);
  });

  it("runs as the actor who asked, kind kept: a support actor's export, under a grant naming export, is audited as support", async () => {
    const small = await createTestHospital("Bệnh viện Hỗ Trợ Xuất");
    const smallAdminPerson = await cookieFor(small.id, ["admin"]);
    const smallAdmin = smallAdminPerson.user;
    const staff = await createTestPlatformStaff("support", "Phạm Hỗ Trợ");
    const support: Actor = { kind: "support", userId: staff.id };
    // Without a grant the database shows a support transaction nothing and takes nothing (decision 059).
    await expect(withTenant(small.id, support, requestExport)).rejects.toThrow();
    const grantId = await requestSupportGrant(
      (await findHospitalForSupport(small.id))!,
      { id: staff.id, displayName: "Hỗ trợ" },
      { reason: "Bàn giao dữ liệu", preset: "export", minutes: 60, emergency: false },
      "http://localhost",
    );
    await withTenant(small.id, { kind: "user", userId: smallAdmin.id, address: "10.0.0.1" }, (t) => decideSupportGrant(t, grantId, "approve"));
    const asked = await withTenant(small.id, support, requestExport);
    if (!asked.ok) throw new Error("not requested");
    // The payload names the actor; a payload with another actor does nothing.
    expect(await buildExport(exportJobPayloadOf(small.id, asked.id, { kind: "user", userId: smallAdmin.id }))).toBe("skipped");
    expect(await buildExport(exportJobPayloadOf(small.id, asked.id, support))).toBe("ready");
    expect(await buildExport(exportJobPayloadOf(small.id, asked.id, support))).toBe("skipped");
    const entries = (await auditOf(small.id, asked.id)).filter((e) => e.action.startsWith("export."));
    expect(entries.map((e) => e.action).sort()).toEqual(["export.completed", "export.requested"]);
    for (const entry of entries) expect(entry).toMatchObject({ actorKind: "support", actorId: staff.id });
    // The hospital's page names who asked, marked as the vendor's support.
    const listed = await settle(() => exportPage.loader(args(get(page(small.slug), smallAdminPerson.cookie), { hospital: small.slug })));
    expect(listed.data.exports.find((e: { id: string }) => e.id === asked.id)).toMatchObject({ requestedBy: "Phạm Hỗ Trợ", requestedByKind: "support" });
  });
});

describe("through the job queue", () => {
  it("the page's request is built by the runner, as the queue hands it the ids", async () => {
    const runner = await startJobRunner([JOB_QUEUES.buildDataExport]);
    try {
      const small = await createTestHospital("Bệnh viện Hàng Đợi Xuất");
      const smallAdmin = await cookieFor(small.id, ["admin"]);
      const asked = await settle(() => exportPage.action(args(post(page(small.slug), {}, smallAdmin.cookie), { hospital: small.slug })));
      expect(asked.headers.get("Location")).toBe(`${page(small.slug)}?notice=queued`);
      const [requested] = await withTenant(small.id, systemActor("tests"), (t) => t.db.select().from(dataExports).where(eq(dataExports.tenantId, t.tenantId)));
      let status = requested!.status;
      for (let i = 0; i < 60 && status !== "ready" && status !== "failed"; i++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        status = (await rowOf(small.id, requested!.id)).status;
      }
      expect(status).toBe("ready");
      expect((await rowOf(small.id, requested!.id)).manifest!.hospital.slug).toBe(small.slug);
    } finally {
      await runner.stop();
    }
  });
});

describe("when a table cannot be read", () => {
  it("the archive fails with the error, and leaves no file, whole or half-written", async () => {
    const small = await createTestHospital("Bệnh viện Lỗi Xuất");
    const target = path.join(process.env.EXPORT_DIR!, `${"ab".repeat(32)}.zip`);
    let selects = 0;
    const attempt = withTenant(small.id, systemActor("tests"), (t) => {
      // The fourth table's read fails, after three files went into the archive.
      const db = new Proxy(t.db, {
        get(target, property) {
          if (property === "select" && ++selects > 3) throw new Error("the database went away");
          const value = Reflect.get(target, property) as unknown;
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      return writeExportArchive({ ...t, db } as typeof t, { target, hospital: { id: small.id, slug: small.slug, name: "x" }, people: new Map(), createdAt: new Date() });
    });
    await expect(attempt).rejects.toThrow("the database went away");
    await expect(stat(target)).rejects.toThrow();
    await expect(stat(`${target}.part`)).rejects.toThrow();
  });
});
