// Security events (decision 024): refused attempts reach a platform table an operator can read, written
// in their own transaction (the refused request's work is gone), with route patterns and no patient data.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { securityEvents, type StaffRole } from "~db/schema";
import { withPlatform } from "~db/scope.server";
import { createUserSession, sessionCookieName } from "~/auth/session.server";
import { signIn } from "~/auth/sign-in.server";
import { MAX_FAILURES_PER_ACCOUNT } from "~/auth/sign-in-throttle.server";
import * as hospitalLayout from "~/routes/h.$hospital";
import * as detailRoute from "~/routes/h.$hospital.patients.$patientId";
import { createTestHospital, createTestPatient, createTestStaff, TEST_PASSWORD } from "../support/factories";
import { fakeContext, get, post, settle } from "../support/http";

const CLIENT_ADDRESS = "10.7.7.7";

async function staffWithCookie(hospitalId: string, roles: StaffRole[]) {
  const user = await createTestStaff(hospitalId, roles);
  const { token } = await createUserSession(user.id);
  return { user, cookie: `${sessionCookieName(false)}=${token}` };
}

const eventsOf = (userId: string) =>
  withPlatform("tests: read security events", (p) => p.db.select().from(securityEvents).where(eq(securityEvents.userId, userId)));

describe("security events", () => {
  it("a member asking for another hospital's patient id gets 404, recorded with the route pattern and no patient id", async () => {
    const hospitalA = await createTestHospital("Bệnh viện A");
    const hospitalB = await createTestHospital("Bệnh viện B");
    const member = await staffWithCookie(hospitalA.id, ["receptionist"]);
    const theirs = await createTestPatient(hospitalB.id, { fullName: "Nguyễn Văn Khác" });
    const path = `/h/${hospitalA.slug}/patients/${theirs.id}`;
    const outcome = await settle(() =>
      detailRoute.loader({ request: get(path, member.cookie), context: fakeContext(CLIENT_ADDRESS), params: { hospital: hospitalA.slug, patientId: theirs.id } }),
    );
    expect(outcome.status).toBe(404);
    const events = await eventsOf(member.user.id);
    expect(events).toEqual([
      expect.objectContaining({ kind: "tenant-lookup-miss", hospitalId: hospitalA.id, route: `/h/${hospitalA.slug}/patients/:id`, address: CLIENT_ADDRESS }),
    ]);
    expect(JSON.stringify(events)).not.toContain(theirs.id);
  });

  it("a refused write (403) and a hospital the person does not belong to (404) are recorded", async () => {
    const hospital = await createTestHospital();
    const elsewhere = await createTestHospital();
    const patient = await createTestPatient(hospital.id, { fullName: "Trần Văn Đọc" });
    const pharmacist = await staffWithCookie(hospital.id, ["pharmacist"]);
    const path = `/h/${hospital.slug}/patients/${patient.id}`;
    const refused = await settle(() =>
      detailRoute.action({
        request: post(path, { fullName: "Đổi Tên", birthDate: "05/03/1980", sex: "male", phone: "", version: "1" }, pharmacist.cookie),
        context: fakeContext(CLIENT_ADDRESS),
        params: { hospital: hospital.slug, patientId: patient.id },
      }),
    );
    expect(refused.status).toBe(403);
    const outsider = await settle(() =>
      detailRoute.loader({ request: get(`/h/${elsewhere.slug}/patients/${patient.id}`, pharmacist.cookie), context: fakeContext(CLIENT_ADDRESS), params: { hospital: elsewhere.slug, patientId: patient.id } }),
    );
    expect(outsider.status).toBe(404);
    const kinds = (await eventsOf(pharmacist.user.id)).map((e) => [e.kind, e.hospitalId]);
    expect(kinds.sort()).toEqual([["forbidden", hospital.id], ["not-a-member", null]].sort());
  });

  it("a stranger's request is one event, though the layout and the page both refuse it", async () => {
    const elsewhere = await createTestHospital();
    const stranger = await staffWithCookie((await createTestHospital()).id, ["doctor"]);
    const request = get(`/h/${elsewhere.slug}/patients`, stranger.cookie);
    const context = fakeContext(CLIENT_ADDRESS);
    const params = { hospital: elsewhere.slug, patientId: crypto.randomUUID() };
    const answers = await Promise.all([
      settle(() => hospitalLayout.loader({ request, context, params })),
      settle(() => detailRoute.loader({ request, context, params })),
    ]);
    expect(answers.map((a) => a.status)).toEqual([404, 404]);
    expect((await eventsOf(stranger.user.id)).map((e) => e.kind)).toEqual(["not-a-member"]);
  });

  it("a sign-in refused by the lock is recorded with its address", async () => {
    const hospital = await createTestHospital();
    const user = await createTestStaff(hospital.id);
    const address = `10.${crypto.randomUUID().slice(0, 8)}`;
    for (let i = 0; i <= MAX_FAILURES_PER_ACCOUNT; i++) {
      await signIn({ email: user.email, password: i < MAX_FAILURES_PER_ACCOUNT ? `sai-${i}` : TEST_PASSWORD, address, presentedToken: null });
    }
    const events = await withPlatform("tests: read security events", (p) => p.db.select().from(securityEvents).where(eq(securityEvents.address, address)));
    expect(events.map((e) => e.kind)).toEqual(["sign-in-locked"]);
  });
});
