// Hidden from the platform (issue 9, "What it must show"): hospitals with patients, visits and notes, then
// every staff role calls every console loader in ADMIN_ROUTES (and the layout) with realistic parameters,
// and no answer contains any patient's name, record number or note text. Below the application: the
// platform role has no SELECT on any tenant table but the two the sign-in lookup needs, and every
// security-definer function it may execute is on a reviewed list (a new one fails here until reviewed).
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { PLATFORM_STAFF_ROLES } from "~db/schema";
import { systemActor, withPlatform, withTenant } from "~db/scope.server";
import { refreshTenantStats } from "~/admin/console/stats.server";
import { ADMIN_LAYOUT, ADMIN_ROUTES } from "~/routes";
import { saveNoteDraft } from "~/visits/note.server";
import { adminRows } from "../support/admin";
import { createTestHospital, createTestPatient, createTestRoom, createTestStaff, createTestVisit } from "../support/factories";
import { fakeContext, get, settle } from "../support/http";
import { createTestPlatformStaff } from "../support/staff";

type Secret = { hospitalId: string; name: string; mrn: string; note: string };
const secrets: Secret[] = [];
const hospitals: string[] = [];

beforeAll(async () => {
  for (const label of ["Bí Mật Một", "Bí Mật Hai"]) {
    const h = await createTestHospital(`Bệnh viện ${label}`);
    hospitals.push(h.id);
    await createTestStaff(h.id, ["doctor"]);
    const room = await createTestRoom(h.id);
    for (let i = 0; i < 3; i++) {
      const mark = randomUUID().slice(0, 8);
      const name = `Xylophon Quỳnh ${mark}`;
      const patient = await createTestPatient(h.id, { fullName: name, phone: `09${mark.replace(/\D/g, "7").slice(0, 8).padEnd(8, "1")}` });
      const visit = await createTestVisit(h.id, patient.id, room.id);
      const note = `ghi chú kín ${mark} đau bụng`;
      await withTenant(h.id, systemActor("tests"), (t) =>
        saveNoteDraft(t, { id: visit.id, patientId: patient.id }, { formCode: "general", content: { reason: note }, expectedVersion: 0, byName: "Bác sĩ" }),
      );
      secrets.push({ hospitalId: h.id, name, mrn: patient.mrn, note });
    }
  }
  await refreshTenantStats(30);
});

/** Realistic URLs for a route's path: each :param gets a hospital id, plus the query strings the pages use. */
function urlsFor(path: string | undefined): string[] {
  const base = `/admin${path ? `/${path}` : ""}`;
  if (!base.includes(":")) {
    return [base, `${base}?q=Xylophon`, `${base}?q=B%C3%AD%20M%E1%BA%ADt&sort=patients&dir=desc`, `${base}?jobState=failed&eventDays=30`];
  }
  return hospitals.flatMap((id) => {
    const url = base.replace(/:[A-Za-z]+/g, id);
    return [url, `${url}?confirm=suspend`, `${url}?confirm=resend-invitation`, `${url}?hospital=${id}`];
  });
}

function paramsFor(path: string | undefined, url: string): Record<string, string> {
  const names = [...(path ?? "").matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
  const id = hospitals.find((h) => url.includes(h)) ?? hospitals[0]!;
  return Object.fromEntries(names.map((n) => [n, id]));
}

describe("the console never shows patient data", () => {
  it("no console loader, for any staff role, answers a patient's name, record number or note", async () => {
    const routes = [{ ...ADMIN_LAYOUT, path: undefined as string | undefined }, ...ADMIN_ROUTES];
    let calls = 0;
    for (const role of PLATFORM_STAFF_ROLES) {
      const staff = await createTestPlatformStaff(role);
      for (const route of routes) {
        const module = (await import(/* @vite-ignore */ `../../app/${route.file}`)) as { loader?: (args: unknown) => unknown };
        if (!module.loader) continue;
        for (const url of urlsFor(route.path)) {
          const outcome = await settle(() => module.loader!({ request: get(url, staff.cookie), context: fakeContext(), params: paramsFor(route.path, url) }));
          const body = JSON.stringify(outcome.data ?? null) + (outcome.response ? await outcome.response.clone().text() : "");
          for (const secret of secrets) {
            expect(body, `${role} ${url}`).not.toContain(secret.name);
            expect(body, `${role} ${url}`).not.toContain(secret.mrn);
            expect(body, `${role} ${url}`).not.toContain(secret.note);
          }
          calls += 1;
        }
      }
    }
    // The console's own pages were among them, and they answered with data.
    expect(calls).toBeGreaterThan(PLATFORM_STAFF_ROLES.length * 8);
    const owner = await createTestPlatformStaff("owner");
    const page = await settle(async () =>
      (await import("~/routes/admin.tenants.$id")).loader({ request: get(`/admin/tenants/${hospitals[0]}`, owner.cookie), context: fakeContext(), params: { id: hospitals[0]! } } as never),
    );
    expect(page.status).toBe(200);
    expect(page.data.hospital.stats.patients).toBe(3);
  });

  it("the platform role cannot select from a patient table, even when it asks directly", async () => {
    for (const table of ["patients", "visits", "visit_notes", "audit_events", "invitations", "hospital_profiles"]) {
      const error = await withPlatform("test: try a patient table", (p) => p.db.execute(sql.raw(`select * from ${table} limit 1`))).then(
        () => null,
        (e: Error & { cause?: Error }) => e,
      );
      expect(String(error?.cause?.message ?? error?.message), table).toMatch(/permission denied/);
    }
  });

  it("the platform role holds SELECT on no tenant table but memberships and hospital_roles", async () => {
    const readable = await adminRows<{ name: string }>(sql`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p')
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
        and (has_table_privilege('emr_platform', c.oid, 'SELECT') or has_any_column_privilege('emr_platform', c.oid, 'SELECT'))
      order by 1`);
    expect(readable.map((r) => r.name)).toEqual(["hospital_roles", "memberships"]);
  });

  it("every security-definer function the platform role may execute is a reviewed one", async () => {
    const functions = await adminRows<{ name: string }>(sql`
      select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' and p.prosecdef and p.prorettype <> 'trigger'::regtype and has_function_privilege('emr_platform', p.oid, 'EXECUTE')
      order by 1`);
    // Each returns counts, ids, hashes or the console's own fields, or writes one audited change
    // (db/migrations: audit owner 0009; console 0034). The support functions (0031, decision 059) write
    // a grant's staff-side transitions; app_tenant_id() answers a tenant id or null, never a row.
    const reviewed = [
      "app_tenant_id",
      "audit_backlog",
      "audit_chain_backlog",
      "audit_chain_heads",
      "pending_invitations",
      "record_platform_action",
      "refresh_tenant_stats",
      "reissue_invitation",
      "support_grant_confirm_emergency",
      "support_grant_request",
      "support_grant_withdraw",
    ];
    expect(functions.map((f) => f.name).filter((name) => !reviewed.includes(name))).toEqual([]);
  });
});
