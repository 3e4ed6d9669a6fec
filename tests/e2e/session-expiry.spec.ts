// A session that runs out while a person types (docs/architecture.md §5): two minutes before the idle timeout the
// page warns and offers to stay signed in; after it has run out, a save goes through sign-in ("your
// session expired") and comes back with what the person typed.
//
// Time: the browser's clock is faked (page.clock) and the server's session row is moved through the
// administrator's connection, so 30 idle minutes take seconds. The server's database must be reachable
// from the test, so this runs on Postgres (DATABASE_URL); the embedded database is the server's alone.
import { createHash } from "node:crypto";
import { expect, type BrowserContext } from "@playwright/test";
import { sql } from "drizzle-orm";
import { DEMO_HOSPITALS } from "~/demo/demo-hospitals";
import { adminRows } from "../support/admin";
import { checkPage, search, signIn, test, vi } from "./helpers";

const tamNong = DEMO_HOSPITALS[0]!;
const nurse = tamNong.staff.find((s) => s.role === "nurse")!;
const patient = tamNong.distinctivePatients[2] ?? tamNong.distinctivePatients[0]!;

test.skip(!process.env.DATABASE_URL, "moves the server's session row, which needs the server's database (DATABASE_URL)");

/** The stored id of this browser's session: SHA-256 of the cookie's token (app/auth/session.server.ts). */
async function sessionIdOf(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === "emr_session");
  expect(cookie, "the session cookie").toBeTruthy();
  return createHash("sha256").update(cookie!.value).digest("hex");
}

/** Moves the session's idle deadline to `seconds` from now (negative: already past). */
async function setSessionDeadline(sessionId: string, seconds: number) {
  const rows = await adminRows<{ id: string }>(
    sql`update sessions set expires_at = now() + make_interval(secs => ${seconds}) where id = ${sessionId} returning id`,
  );
  expect(rows).toHaveLength(1);
}

async function openPatient(page: import("@playwright/test").Page) {
  await search(page, patient.fullName);
  await page.getByRole("link", { name: patient.fullName }).first().click();
  await expect(page.getByLabel(vi.patients.fields.phone, { exact: false }).first()).toBeVisible();
}

test("a person idle past the warning sees it, and a save after expiry keeps what they typed and asks them to sign in again", async ({ page, context }) => {
  await page.clock.install();
  await signIn(page, nurse.email);
  await openPatient(page);
  const sessionId = await sessionIdOf(context);
  const phone = page.getByLabel(vi.patients.fields.phone, { exact: false }).first();
  // A number this run alone types, so a database reused from an earlier run cannot pass for it.
  const typed = `0977 ${String(Date.now()).slice(-6, -3)} ${String(Date.now()).slice(-3)}`;
  await phone.fill(typed);

  // 28½ minutes pass with nobody touching a key that reaches the server.
  await setSessionDeadline(sessionId, 90);
  await page.clock.fastForward("28:30");
  const warning = page.getByTestId("session-warning");
  await expect(warning).toBeVisible();
  await expect(warning).toContainText(vi.common.session.stay);
  await checkPage(page, "session-warning");

  // Then the timeout passes.
  await setSessionDeadline(sessionId, -1);
  await page.clock.fastForward("02:00");
  await expect(page.getByTestId("session-expired")).toBeVisible();
  await checkPage(page, "session-expired");

  // The save is refused by the server: sign in again, told why, and come back to the typing.
  await page.getByRole("button", { name: vi.patients.detail.save }).click();
  await expect(page).toHaveURL(/\/sign-in\?/);
  await expect(page.getByTestId("session-expired-notice")).toHaveText(vi.auth.signIn.expired);
  await checkPage(page, "sign-in-expired");
  await page.getByLabel(vi.auth.signIn.email, { exact: false }).fill(nurse.email);
  await page.getByLabel(vi.auth.signIn.password, { exact: true }).fill((await import("~/demo/demo-hospitals")).DEMO_PASSWORD);
  await page.getByRole("button", { name: vi.auth.signIn.submit }).click();

  await expect(page.getByTestId("draft-restored")).toBeVisible();
  await expect(phone).toHaveValue(typed);
  await expect(page.getByRole("region", { name: vi.patients.detail.summary })).not.toContainText(typed);
  await checkPage(page, "draft-restored");
  await page.getByRole("button", { name: vi.patients.detail.save }).click();
  await expect(page.getByTestId("saved-banner")).toHaveText(vi.patients.detail.saved);
  await expect(page.getByRole("region", { name: vi.patients.detail.summary })).toContainText(typed);
});

test("'stay signed in' extends the session and the warning goes away", async ({ page, context }) => {
  await page.clock.install();
  await signIn(page, nurse.email);
  await openPatient(page);
  const sessionId = await sessionIdOf(context);

  await setSessionDeadline(sessionId, 90);
  await page.clock.fastForward("28:30");
  await page.getByRole("button", { name: vi.common.session.stay }).click();
  await expect(page.getByTestId("session-warning")).toBeHidden();
  const [row] = await adminRows<{ left: number }>(
    sql`select extract(epoch from expires_at - now())::int as left from sessions where id = ${sessionId}`,
  );
  expect(row!.left).toBeGreaterThan(25 * 60);
});
