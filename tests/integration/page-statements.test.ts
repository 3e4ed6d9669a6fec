// What a signed-in page costs the database: the statements (each one a round trip) and transactions
// that the loaders of one document request send, counted on the wire by postgres.js. Remix runs the
// root, layout and page loaders of a request in parallel with one load context; so does this test.
//
// The limits are today's costs: a change that adds a statement to every page fails here and has to say
// why (docs/decisions/030-serving-speed.md).
import { traceStatements } from "~db/client.server";

const statements: string[] = [];
// Before any connection is opened in this file: the listener is fixed when the pool opens.
traceStatements((statement) => void statements.push(statement));

import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseEngine } from "~db/client.server";
import { createUserSession, sessionCookieName } from "~/auth/session.server";
import type { Patient } from "~/patients/patient";
import * as root from "~/root";
import * as hospitalLayout from "~/routes/h.$hospital";
import * as recordPage from "~/routes/h.$hospital.patients.$patientId";
import * as listPage from "~/routes/h.$hospital.patients._index";
import { createTestHospital, createTestPatient, createTestStaff } from "../support/factories";
import { fakeContext, get, settle } from "../support/http";

/** Record page: session and membership in one transaction, 6 (begin, the identity role and reason in one
 * statement, the session, the platform role and reason, the membership, commit), then the audited read 5. */
const RECORD_PAGE_STATEMENTS = 11;
/** List page: the same 6 outside the hospital, then the search, its page and the audit in one transaction. */
const LIST_PAGE_STATEMENTS = 12;
const PAGE_TRANSACTIONS = 2;

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;

let hospital: Awaited<ReturnType<typeof createTestHospital>>;
let patient: Patient;
let cookie: string;

beforeAll(async () => {
  hospital = await createTestHospital();
  patient = await createTestPatient(hospital.id, { fullName: "Lê Thị Đo Đếm" });
  const user = await createTestStaff(hospital.id, ["doctor"]);
  cookie = `${sessionCookieName(false)}=${(await createUserSession(user.id)).token}`;
});

afterAll(() => traceStatements(undefined));

/** Runs a page's loaders as Remix does for one document request; returns what reached the database. */
async function costOf(path: string, params: Record<string, string>, loaders: Loader[]) {
  const load = async () => {
    const [request, context] = [get(path, cookie), fakeContext()];
    const outcomes = await Promise.all(loaders.map((loader) => settle(() => loader({ request, context, params }))));
    for (const outcome of outcomes) expect(outcome.status).toBe(200);
  };
  // Once to warm the pool: a new connection first asks for Postgres's array types, once.
  await load();
  statements.length = 0;
  await load();
  const sent = [...statements];
  return { statements: sent.length, transactions: sent.filter((s) => /^\s*begin\b/i.test(s)).length, sent };
}

describe.skipIf(databaseEngine() !== "postgres")("what a signed-in page costs the database", () => {
  it(`the patient record: at most ${RECORD_PAGE_STATEMENTS} statements in ${PAGE_TRANSACTIONS} transactions`, async () => {
    const cost = await costOf(`/h/${hospital.slug}/patients/${patient.id}`, { hospital: hospital.slug, patientId: patient.id }, [
      root.loader,
      hospitalLayout.loader,
      recordPage.loader,
    ]);
    expect(cost.transactions, cost.sent.join("\n")).toBeLessThanOrEqual(PAGE_TRANSACTIONS);
    expect(cost.statements, cost.sent.join("\n")).toBeLessThanOrEqual(RECORD_PAGE_STATEMENTS);
  });

  it(`the patient list: at most ${LIST_PAGE_STATEMENTS} statements in ${PAGE_TRANSACTIONS} transactions`, async () => {
    const cost = await costOf(`/h/${hospital.slug}/patients`, { hospital: hospital.slug }, [root.loader, hospitalLayout.loader, listPage.loader]);
    expect(cost.transactions, cost.sent.join("\n")).toBeLessThanOrEqual(PAGE_TRANSACTIONS);
    expect(cost.statements, cost.sent.join("\n")).toBeLessThanOrEqual(LIST_PAGE_STATEMENTS);
  });
});
