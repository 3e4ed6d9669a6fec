// A clinician's first day: sign in, see their hospital's patients and no one else's, search with and
// without diacritics, open a record, switch language and back, sign out.
import { expect } from "@playwright/test";
import { DEMO_HOSPITALS } from "~/demo/demo-hospitals";
import { checkPage, en, search, signIn, vi, test } from "./helpers";

const [tamNong, muongLat] = DEMO_HOSPITALS as [(typeof DEMO_HOSPITALS)[0], (typeof DEMO_HOSPITALS)[0]];
const doctor = tamNong.staff.find((s) => s.role === "doctor")!;

test("a doctor signs in, searches her hospital's patients, switches language and signs out", async ({ page }) => {
  test.slow(); // a dozen pages, each checked with axe
  await page.goto(`/h/${tamNong.slug}/patients`);
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=/);

  await signIn(page, doctor.email);
  await expect(page).toHaveURL(new RegExp(`/h/${tamNong.slug}/patients`));
  await expect(page.getByRole("heading", { name: vi.patients.list.heading })).toBeVisible();
  await expect(page.getByText(tamNong.name).first()).toBeVisible();
  await expect(page.locator("table tbody tr").first()).toBeVisible();
  await checkPage(page, "patients-vi");

  // Without diacritics, with them, and lower-case only.
  await search(page, "nguyen van an");
  await expect(page.getByRole("link", { name: "Nguyễn Văn An" }).first()).toBeVisible();
  await search(page, "Nguyễn Văn Đức");
  await expect(page.getByRole("link", { name: "Nguyễn Văn Đức" }).first()).toBeVisible();
  await search(page, "duc");
  await expect(page.getByRole("link", { name: "Nguyễn Văn Đức" }).first()).toBeVisible();
  await checkPage(page, "search-duc");

  // This hospital's own distinctive patient is found; the other hospital's never is.
  const ours = tamNong.distinctivePatients[0]!.fullName;
  await search(page, ours);
  await expect(page.getByRole("link", { name: ours })).toBeVisible();
  for (const theirs of muongLat.distinctivePatients) {
    await search(page, theirs.fullName);
    await expect(page.getByRole("link", { name: theirs.fullName })).toHaveCount(0);
  }

  // Opening a record.
  await search(page, "Nguyễn Văn An");
  await page.getByRole("link", { name: "Nguyễn Văn An" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/\d{8}|Nguyễn Văn An/);
  await expect(page.getByText("05/03/1980").first()).toBeVisible();
  await checkPage(page, "patient-detail", { fullPage: true });

  // English, then back to Vietnamese; the choice survives a new page load.
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("link", { name: en.patients.detail.back }).click();
  await expect(page.getByRole("heading", { name: en.patients.list.heading })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: en.patients.list.heading })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await checkPage(page, "patients-en");
  await page.getByRole("button", { name: "Tiếng Việt" }).click();
  await expect(page.getByRole("heading", { name: vi.patients.list.heading })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");

  await page.getByRole("button", { name: vi.common.nav.signOut }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto(`/h/${tamNong.slug}/patients`);
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=/);
});

test("a wrong password is refused with a clear message and the e-mail kept", async ({ page }) => {
  await signIn(page, doctor.email, "not-the-password");
  await expect(page.getByText(vi.auth.signIn.errors.invalidCredentials)).toBeVisible();
  await expect(page.getByLabel(vi.auth.signIn.email, { exact: false })).toHaveValue(doctor.email);
  await checkPage(page, "sign-in-error");
});

test("a doctor of both hospitals chooses one, and each shows only its own patients", async ({ page }) => {
  const { DEMO_SHARED_STAFF } = await import("~/demo/demo-hospitals");
  await signIn(page, DEMO_SHARED_STAFF.email);
  await expect(page).toHaveURL(/\/h\/?$/);
  await checkPage(page, "hospital-picker");
  await page.getByRole("link", { name: muongLat.name }).click();
  await expect(page).toHaveURL(new RegExp(`/h/${muongLat.slug}/patients`));
  const theirs = muongLat.distinctivePatients[0]!.fullName;
  await search(page, theirs);
  await expect(page.getByRole("link", { name: theirs })).toBeVisible();
  await search(page, tamNong.distinctivePatients[0]!.fullName);
  await expect(page.getByRole("link", { name: tamNong.distinctivePatients[0]!.fullName })).toHaveCount(0);
});

test("two people editing one record: the second save is refused visibly and keeps what was typed", async ({ browser }) => {
  const nurse = tamNong.staff.find((s) => s.role === "nurse")!;
  const receptionist = tamNong.staff.find((s) => s.role === "receptionist")!;
  const first = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();
  const patient = tamNong.distinctivePatients[1]!.fullName;
  for (const [page, who] of [
    [first, nurse],
    [second, receptionist],
  ] as const) {
    await signIn(page, who.email);
    await search(page, patient);
    await page.getByRole("link", { name: patient }).click();
    await expect(page.locator('input[name="phone"]')).toBeVisible();
  }

  await first.locator('input[name="phone"]').fill("0912 000 111");
  await first.getByRole("button", { name: vi.patients.detail.save }).click();
  await expect(first.getByText(vi.patients.detail.saved)).toBeVisible();

  await second.locator('input[name="phone"]').fill("0987 654 321");
  await second.getByRole("button", { name: vi.patients.detail.save }).click();
  await expect(second.getByText(vi.errors.conflict.title).first()).toBeVisible();
  await expect(second.locator('input[name="phone"]')).toHaveValue("0987 654 321");
  await expect(second.getByText("0912 000 111").first()).toBeVisible();
  await checkPage(second, "conflict", { fullPage: true });
});
