// Support access that the hospital controls (issue 9, decision 059), in Chromium: a staff member asks
// the demo hospital for access, its administrator approves it in Settings, the staff member opens a
// patient under the banner that never leaves the screen, the administrator sees those views in the audit
// log filtered to support, revokes, and the staff member's next request is refused.
// The staff member signs in as a person does: password, then the TOTP enrolment of a first sign-in
// (the secret read off the page), then finds the hospital in the console's list.
import { expect as baseExpect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { tenants } from "~db/schema";
import { closeDatabase, withPlatform } from "~db/scope.server";
import { DEMO_HOSPITALS } from "~/demo/demo-hospitals";
import type viSupport from "~/locales/vi/support.json";
import { createPlatformStaff } from "~/auth/platform-staff.server";
import type viAdmin from "~/locales/vi/admin.json";
import type viConsole from "~/locales/vi/console.json";
import { checkPage, freshTotpCode, signIn, test, waitForHydration } from "./helpers";

const expect = baseExpect.configure({ timeout: 15_000 });
const support = JSON.parse(readFileSync("app/locales/vi/support.json", "utf8")) as typeof viSupport;
const adminT = JSON.parse(readFileSync("app/locales/vi/admin.json", "utf8")) as typeof viAdmin;
const consoleT = JSON.parse(readFileSync("app/locales/vi/console.json", "utf8")) as typeof viConsole;
const muongLat = DEMO_HOSPITALS.find((h) => h.slug === "ttyt-muong-lat")!;
const admin = muongLat.staff.find((s) => s.role === "admin")!;
const STAFF_NAME = "Nguyễn Hỗ Trợ";
const REASON = `Phiếu hỗ trợ ${Date.now()}: in đơn thuốc bị lỗi`;

// The embedded database belongs to the server process: on PGlite this spec cannot reach it.
test.skip(!process.env.DATABASE_URL, "makes a staff account in the server's database (DATABASE_URL)");

test.afterAll(async () => {
  await closeDatabase();
});

test("staff request access, the hospital approves, every view is in its audit log, and revocation ends it", async ({ browser, baseURL }) => {
  test.setTimeout(300_000); // two people, a dozen pages, each checked with axe, on a shared machine
  const email = `hotro-${Date.now()}@vendor.test`;
  const password = "Mat-khau-ho-tro-2026";
  await createPlatformStaff({ email, displayName: STAFF_NAME, password, role: "support" });
  const [hospital] = await withPlatform("e2e: the demo hospital's id", (p) => p.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, muongLat.slug)));
  const staffContext = await browser.newContext();
  const adminContext = await browser.newContext();
  const staffPage = await staffContext.newPage();
  const page = await adminContext.newPage();
  try {
    // The staff member's first sign-in: password, then TOTP enrolment with the secret on the page.
    await staffPage.goto("/admin/sign-in");
    await staffPage.getByLabel(adminT.signIn.email, { exact: true }).fill(email);
    await staffPage.getByLabel(adminT.signIn.password, { exact: true }).fill(password);
    await staffPage.getByRole("button", { name: adminT.signIn.submit }).click();
    await expect(staffPage).toHaveURL(/\/admin\/sign-in\/enrol/);
    const secret = (await staffPage.getByTestId("totp-secret").textContent())!.replace(/\s+/g, "");
    await staffPage.getByLabel(adminT.enrol.code, { exact: false }).fill(await freshTotpCode(secret));
    await staffPage.getByRole("button", { name: adminT.enrol.submit }).click();
    await expect(staffPage.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
    await staffPage.getByRole("link", { name: adminT.recovery.saved }).click();
    await expect(staffPage).toHaveURL(/\/admin\/tenants/);

    // Before any grant, the hospital is closed to the staff member.
    const closed = await staffPage.goto(`/h/${muongLat.slug}/patients`);
    expect(closed?.status()).toBe(404);

    // The staff member finds the hospital in the console, opens its page and asks: a reason, the
    // "view" preset, two hours.
    await staffPage.goto("/admin/tenants");
    await waitForHydration(staffPage);
    await staffPage.getByLabel(consoleT.tenants.search.label, { exact: false }).fill(muongLat.name);
    await staffPage.getByLabel(consoleT.tenants.search.label, { exact: false }).press("Enter");
    await staffPage.getByRole("link", { name: muongLat.name, exact: true }).click();
    await expect(staffPage).toHaveURL(new RegExp(`/admin/tenants/${hospital!.id}`));
    await staffPage.getByRole("link", { name: consoleT.tenant.requestSupport }).click();
    await expect(staffPage).toHaveURL(new RegExp(`hospital=${hospital!.id}`));
    await waitForHydration(staffPage);
    await expect(staffPage.getByTestId("request-hospital")).toHaveText(muongLat.name);
    await staffPage.getByLabel(support.request.reason, { exact: false }).fill(REASON);
    await staffPage.getByLabel(support.presets.view).check();
    await staffPage.getByLabel(support.minutes.replace("{{hours}}", "2"), { exact: true }).check();
    await checkPage(staffPage, "support-request");
    await staffPage.getByRole("button", { name: support.request.submit }).click();
    await expect(staffPage).toHaveURL(/\/admin\/support\?done=requested/);
    await expect(staffPage.getByRole("row", { name: new RegExp(REASON) })).toContainText(support.states.requested);
    await checkPage(staffPage, "support-my-requests");

    // The administrator sees the notice in Settings and approves.
    await signIn(page, admin.email);
    await expect(page).toHaveURL(new RegExp(`/h/${muongLat.slug}/patients`));
    await page.goto(`/h/${muongLat.slug}/settings/profile`);
    await expect(page.getByTestId("support-pending-notice")).toBeVisible();
    await page.getByTestId("support-pending-notice").getByRole("link", { name: support.hospital.review }).click();
    await expect(page).toHaveURL(new RegExp(`/h/${muongLat.slug}/settings/support$`));
    await waitForHydration(page);
    const pendingRow = page.getByRole("row", { name: new RegExp(REASON) });
    await expect(pendingRow).toContainText(STAFF_NAME);
    await checkPage(page, "support-settings-pending");
    await pendingRow.getByRole("button", { name: support.hospital.approve }).click();
    await expect(page.getByTestId("saved-banner")).toBeVisible();
    await expect(page.getByTestId("active-grants").getByRole("row", { name: new RegExp(REASON) })).toContainText(support.states.approved);

    // The staff member opens the hospital from the console, under the banner, and a patient.
    await staffPage.reload();
    await staffPage.getByRole("row", { name: new RegExp(REASON) }).getByRole("link", { name: support.staff.open }).click();
    await expect(staffPage).toHaveURL(new RegExp(`/h/${muongLat.slug}/patients`));
    const banner = staffPage.getByTestId("support-banner");
    await expect(banner).toContainText(STAFF_NAME);
    await waitForHydration(staffPage);
    await checkPage(staffPage, "support-patients");
    await staffPage.locator("table tbody tr a.data-row-link").first().click();
    await expect(staffPage).toHaveURL(new RegExp(`/h/${muongLat.slug}/patients/[0-9a-f-]{36}`));
    await expect(banner).toBeVisible();
    // It never leaves the screen: scrolled to the bottom, it is still at the top of the viewport.
    await staffPage.mouse.wheel(0, 5000);
    await expect(banner).toBeInViewport();
    await checkPage(staffPage, "support-patient");
    // The "view" preset names no staff:manage: the support settings are closed to the staff member.
    const forbidden = await staffPage.goto(`/h/${muongLat.slug}/settings/support`);
    expect(forbidden?.status()).toBe(403);
    await expect(staffPage.getByTestId("support-banner")).toBeVisible();
    await checkPage(staffPage, "support-forbidden");

    // The administrator reads those views in the audit log, filtered to support.
    await page.goto(`/h/${muongLat.slug}/settings/audit`);
    await waitForHydration(page);
    await page.getByTestId("support-only").check();
    await page.getByTestId("apply-filters").click();
    await expect(page).toHaveURL(/support=1/);
    const entries = page.getByTestId("audit-entries");
    await expect(entries.getByRole("row", { name: new RegExp(`${STAFF_NAME}.*support\\.view.*/patients/`) }).first()).toBeVisible();
    await expect(entries.locator("tbody tr[data-kind]:not([data-kind='support']):not([data-kind='platform'])")).toHaveCount(0);
    await checkPage(page, "support-audit-log");

    // Revoked: the staff member's next request is refused.
    await page.goto(`/h/${muongLat.slug}/settings/support`);
    await waitForHydration(page);
    await page.getByTestId("active-grants").getByRole("row", { name: new RegExp(REASON) }).getByRole("button", { name: support.hospital.revoke }).click();
    await expect(page.getByTestId("saved-banner")).toContainText(support.hospital.revoked);
    await checkPage(page, "support-settings-revoked");
    const refused = await staffPage.goto(`/h/${muongLat.slug}/patients`);
    expect(refused?.status()).toBe(404);
    await expect(staffPage.getByTestId("support-banner")).toHaveCount(0);
    await checkPage(staffPage, "support-refused");
  } finally {
    await staffContext.close();
    await adminContext.close();
  }
});
