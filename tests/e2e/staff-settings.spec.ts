// An administrator's staff settings (decision 038): from the top bar to the staff list, a member
// deactivated while their page is open (their next navigation lands on sign-in, and signing in again
// does not get them back in), the roles and their editor, the rule that the last administrator cannot
// remove themselves, then the member reactivated (the demo data is left as it was found).
import { expect as baseExpect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { DEMO_HOSPITALS } from "~/demo/demo-hospitals";
import type viStaff from "~/locales/vi/staff.json";
import { checkPage, signIn, test, vi, waitForHydration } from "./helpers";

// A shared, busy machine: a client-side navigation that loads a new route's code can take seconds.
const expect = baseExpect.configure({ timeout: 15_000 });
const staffTexts = JSON.parse(readFileSync("app/locales/vi/staff.json", "utf8")) as typeof viStaff;
const muongLat = DEMO_HOSPITALS.find((h) => h.slug === "ttyt-muong-lat")!;
const admin = muongLat.staff.find((s) => s.role === "admin")!;
const nurse = muongLat.staff.find((s) => s.role === "nurse")!;

test("an administrator deactivates a member, whose open page is refused at the next navigation", async ({ browser }) => {
  test.setTimeout(300_000); // two people, a dozen pages, each checked with axe, on a shared machine
  const nurseContext = await browser.newContext();
  const adminContext = await browser.newContext();
  const nursePage = await nurseContext.newPage();
  const page = await adminContext.newPage();
  try {
    // The nurse is at work, her patient list open.
    await signIn(nursePage, nurse.email);
    await expect(nursePage).toHaveURL(new RegExp(`/h/${muongLat.slug}/patients`));
    await waitForHydration(nursePage);
    // A nurse has no settings.
    await expect(nursePage.getByRole("link", { name: staffTexts.settings.title })).toHaveCount(0);

    // The administrator opens Settings from the top bar (its first section, the profile), then Staff.
    await signIn(page, admin.email);
    await expect(page).toHaveURL(new RegExp(`/h/${muongLat.slug}/patients`));
    await waitForHydration(page);
    await page.getByRole("navigation", { name: vi.auth.topBar.navLabel }).getByRole("link", { name: staffTexts.settings.title }).click();
    await expect(page).toHaveURL(new RegExp(`/h/${muongLat.slug}/settings/profile$`));
    const nav = page.getByRole("navigation", { name: staffTexts.settings.navLabel });
    await nav.getByRole("link", { name: staffTexts.settings.sections.staff }).click();
    await expect(page).toHaveURL(new RegExp(`/h/${muongLat.slug}/settings/staff$`));
    await expect(page.getByRole("heading", { level: 1, name: staffTexts.staff.title })).toBeVisible();
    await expect(nav.getByRole("link", { name: staffTexts.settings.sections.roles })).toBeVisible();
    await expect(nav.getByText(staffTexts.settings.sections.formulary)).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(nurse.displayName) })).toContainText(nurse.email);
    await checkPage(page, "settings-staff");

    // Her page: deactivate.
    await page.getByRole("link", { name: nurse.displayName }).click();
    await expect(page.getByRole("heading", { level: 1, name: nurse.displayName })).toBeVisible();
    await checkPage(page, "settings-member");
    await page.getByRole("button", { name: staffTexts.member.deactivate }).click();
    await expect(page.getByTestId("saved-banner")).toHaveText(staffTexts.member.deactivated);
    await expect(page.getByTestId("member-status")).toContainText(staffTexts.member.inactiveSince.replace(" {{date}}", ""));
    await checkPage(page, "settings-member-deactivated");

    // The nurse's open page: her next navigation is refused, she is sent to sign in.
    await nursePage.getByRole("navigation", { name: vi.auth.topBar.navLabel }).getByRole("link", { name: vi.common.nav.patients }).click();
    await expect(nursePage).toHaveURL(/\/sign-in\?/);
    // Signing in again does not let her into the hospital.
    await signIn(nursePage, nurse.email);
    // Signed in, but a member of no hospital now: the hospital chooser says so.
    await expect(nursePage).toHaveURL(/\/h$/);
    await expect(nursePage.getByText(vi.auth.hospitals.none)).toBeVisible();
    await nursePage.goto(`/h/${muongLat.slug}/patients`);
    await expect(nursePage.getByTestId("error-page")).toBeVisible();
    await expect(nursePage.getByRole("heading", { name: vi.errors.notFound.title })).toBeVisible();
    await checkPage(nursePage, "settings-deactivated-member-refused");

    // Roles: the list, and the administrator's role in the editor.
    await nav.getByRole("link", { name: staffTexts.settings.sections.roles }).click();
    await expect(page.getByRole("heading", { level: 1, name: staffTexts.roles.title })).toBeVisible();
    await checkPage(page, "settings-roles");
    await page.getByRole("link", { name: "Quản trị viên" }).click();
    await expect(page.getByRole("checkbox", { name: /staff:manage/ })).toBeChecked();
    await checkPage(page, "settings-role-editor", { fullPage: true });

    // The last administrator cannot deactivate herself.
    await nav.getByRole("link", { name: staffTexts.settings.sections.staff }).click();
    await page.getByRole("link", { name: admin.displayName }).click();
    await page.getByRole("button", { name: staffTexts.member.deactivate }).click();
    await expect(page.getByTestId("refusal-banner")).toHaveText(staffTexts.errors.lastManager);
    await checkPage(page, "settings-last-manager-refused");

    // Reactivate the nurse: she is let in again.
    await nav.getByRole("link", { name: staffTexts.settings.sections.staff }).click();
    await page.getByRole("link", { name: nurse.displayName }).click();
    await page.getByRole("button", { name: staffTexts.member.reactivate }).click();
    await expect(page.getByTestId("saved-banner")).toHaveText(staffTexts.member.reactivated);
    await nursePage.goto(`/h/${muongLat.slug}/patients`);
    await expect(nursePage.getByRole("heading", { name: vi.patients.list.heading })).toBeVisible();
  } finally {
    await nurseContext.close();
    await adminContext.close();
  }
});
