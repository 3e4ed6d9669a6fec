// What one hospital page costs the database, in transactions. Remix runs the layout's loader and the
// page's loader in parallel with one load context per HTTP request; the session and the membership are
// looked up once for both, in one transaction (the membership as the platform scope, after the session).
// A page is then: the session with the membership, the page's own tenant transaction. (Counting calls on the real pool's transaction(): nothing is replaced.)
import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getAppConnection } from "~db/client.server";
import { tenants } from "~db/schema";
import { withPlatform } from "~db/scope.server";
import { requireMember } from "~/auth/guards.server";
import { createUserSession, sessionCookieName } from "~/auth/session.server";
import * as hospitalLayout from "~/routes/h.$hospital";
import * as detailRoute from "~/routes/h.$hospital.patients.$patientId";
import * as listRoute from "~/routes/h.$hospital.patients._index";
import { createTestHospital, createTestPatient, createTestStaff } from "../support/factories";
import { fakeContext, get, settle } from "../support/http";

let hospitalId: string;
let slug: string;
let patientId: string;
let cookie: string;

beforeAll(async () => {
  const hospital = await createTestHospital();
  hospitalId = hospital.id;
  slug = hospital.slug;
  patientId = (await createTestPatient(hospital.id)).id;
  const user = await createTestStaff(hospital.id, ["doctor"]);
  cookie = `${sessionCookieName(false)}=${(await createUserSession(user.id)).token}`;
});

afterEach(() => vi.restoreAllMocks());

/** Runs the layout and the page loader as one request does, and counts the transactions begun. */
async function transactionsForPage(path: string, page: (args: LoaderFunctionArgs) => Promise<unknown>, params: Record<string, string>) {
  const { db } = await getAppConnection();
  const begun = vi.spyOn(db, "transaction");
  const context: AppLoadContext = fakeContext();
  const request = get(path, cookie);
  const [layout, content] = await Promise.all([
    settle(() => hospitalLayout.loader({ request, context, params })),
    settle(() => page({ request, context, params })),
  ]);
  expect([layout.status, content.status]).toEqual([200, 200]);
  return begun.mock.calls.length;
}

describe("a hospital page", () => {
  it("runs two transactions for the patient list: session with membership, the search", async () => {
    expect(await transactionsForPage(`/h/${slug}/patients`, listRoute.loader, { hospital: slug })).toBe(2);
  });

  it("runs two transactions for a patient's page: session with membership, the audited read", async () => {
    const params = { hospital: slug, patientId };
    expect(await transactionsForPage(`/h/${slug}/patients/${patientId}`, detailRoute.loader, params)).toBe(2);
  });
});

describe("the membership lookup", () => {
  it("is remembered for one request only: the next request sees a change", async () => {
    const first = fakeContext();
    const request = get(`/h/${slug}/patients`, cookie);
    expect((await requireMember(request, first, slug)).hospital.status).toBe("active");
    await withPlatform("test: degrade to read-only", (p) => p.db.update(tenants).set({ status: "read_only" }).where(eq(tenants.id, hospitalId)));
    try {
      expect((await requireMember(request, first, slug)).hospital.status).toBe("active");
      expect((await requireMember(request, fakeContext(), slug)).hospital.status).toBe("read_only");
    } finally {
      await withPlatform("test: reopen", (p) => p.db.update(tenants).set({ status: "active" }).where(eq(tenants.id, hospitalId)));
    }
  });
});
