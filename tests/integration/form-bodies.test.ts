// Every form action, sent what is not a form: a client fault answered 400 or 415, never a 500 (which would
// also page the operator).
import type { ActionFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { createUserSession, sessionCookieName } from "~/auth/session.server";
import * as detailRoute from "~/routes/h.$hospital.patients.$patientId";
import * as registerRoute from "~/routes/h.$hospital.patients.new";
import * as languageRoute from "~/routes/language";
import * as signInRoute from "~/routes/sign-in";
import { createTestHospital, createTestPatient, createTestStaff } from "../support/factories";
import { fakeContext, ORIGIN, settle } from "../support/http";

type Body = { label: string; headers: Record<string, string>; body?: string; status: number };

const BOUNDARY = "----emr-test";
const BODIES: Body[] = [
  { label: "JSON", headers: { "Content-Type": "application/json" }, body: '{"email":"a@b.vn","password":"x"}', status: 415 },
  { label: "plain text", headers: { "Content-Type": "text/plain" }, body: "email=a@b.vn", status: 415 },
  { label: "no body and no type", headers: {}, status: 415 },
  { label: "an empty multipart", headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` }, body: "", status: 400 },
  {
    label: "a broken multipart",
    headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
    body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.vn`,
    status: 400,
  },
  { label: "multipart without a boundary", headers: { "Content-Type": "multipart/form-data" }, body: "x", status: 400 },
  { label: "a form with a NUL byte", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "email=a%00b&fullName=%00", status: 400 },
];

function rawPost(path: string, body: Body, cookie?: string): Request {
  const headers: Record<string, string> = { Origin: ORIGIN, ...body.headers };
  if (cookie) headers.Cookie = cookie;
  return new Request(ORIGIN + path, { method: "POST", headers, body: body.body });
}

type Action = (args: ActionFunctionArgs) => Promise<unknown>;

async function expectRefused(action: Action, path: string, params: Record<string, string>, cookie?: string) {
  for (const body of BODIES) {
    const outcome = await settle(() => action({ request: rawPost(path, body, cookie), context: fakeContext(), params }));
    expect(outcome.status, `${path} given ${body.label}`).toBe(body.status);
  }
}

describe("a body that is not a form", () => {
  it("gets 400 or 415 from sign-in and the language switch", async () => {
    await expectRefused(signInRoute.action, "/sign-in", {});
    await expectRefused(languageRoute.action, "/language", {});
  });

  it("gets 400 or 415 from the patient forms", async () => {
    const hospital = await createTestHospital();
    const user = await createTestStaff(hospital.id, ["receptionist"]);
    const { token } = await createUserSession(user.id);
    const cookie = `${sessionCookieName(false)}=${token}`;
    const patient = await createTestPatient(hospital.id);
    await expectRefused(registerRoute.action, `/h/${hospital.slug}/patients/new`, { hospital: hospital.slug }, cookie);
    await expectRefused(detailRoute.action, `/h/${hospital.slug}/patients/${patient.id}`, { hospital: hospital.slug, patientId: patient.id }, cookie);
  });
});
