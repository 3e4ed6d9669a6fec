// The practice copy (decision 043): an administrator opens it, sees the practice banner and colour on
// every page there, registers a patient, goes back to the real hospital where that patient is absent,
// and sees the task done in the per-person checklist; reset archives the copy and starts again.
import { expect, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { DEMO_HOSPITALS, DEMO_SHARED_STAFF } from "~/demo/demo-hospitals";
import type viTraining from "~/locales/vi/training.json";
import { checkPage, search, signIn, test, vi } from "./helpers";

const training = JSON.parse(readFileSync("app/locales/vi/training.json", "utf8")) as typeof viTraining;

// Mường Lát: the other specs work mostly in Tam Nông, whose staff keep a single hospital.
const hospital = DEMO_HOSPITALS.find((h) => h.slug === "ttyt-muong-lat")!;
const admin = hospital.staff.find((s) => s.role === "admin")!;
const practiceSlug = `${hospital.slug}-thuc-hanh`;

async function expectPracticeBanner(page: Page) {
  const banner = page.getByTestId("practice-banner");
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(training.banner.title);
  // The copy's colour: the top bar is not the hospital's usual blue.
  await expect(page.locator(".practice-mode .topbar")).toHaveCSS("background-color", "rgb(122, 61, 0)");
}

const registerTask = (page: Page) => page.getByTestId("practice-tasks").locator('li[data-task="registerPatient"]');
const adminRow = (page: Page) => page.getByTestId("training-checklist").locator(`tr[data-person="${admin.email}"]`);

test("an administrator practises in the practice copy, and the real hospital never sees it", async ({ page }) => {
  // A dozen pages, each checked with axe, on a shared machine.
  test.setTimeout(300_000);
  await signIn(page, admin.email);
  await expect(page).toHaveURL(new RegExp(`/h/${hospital.slug}/patients`));
  await expect(page.getByTestId("practice-banner")).toHaveCount(0);

  // The administrator's page about the practice copy.
  await page.getByRole("link", { name: training.nav.training, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/h/${hospital.slug}/training$`));
  await expect(page.getByRole("heading", { level: 1, name: training.manage.title })).toBeVisible();
  await checkPage(page, "training-manage");

  // Open it (made now on a fresh database; the live one otherwise).
  await page.locator('form:has(input[name="intent"][value="open"]) button').click();
  await expect(page).toHaveURL(new RegExp(`/h/${practiceSlug}$`));
  await expect(page.getByRole("heading", { level: 1, name: training.tasks.heading })).toBeVisible();
  await expectPracticeBanner(page);
  await checkPage(page, "practice-home");

  // The guided task: register a patient, in the copy.
  await registerTask(page).getByRole("link", { name: training.tasks.start }).click();
  await expect(page).toHaveURL(new RegExp(`/h/${practiceSlug}/patients/new`));
  await expectPracticeBanner(page);
  await checkPage(page, "practice-register");
  const name = `Phạm Thị Tập ${[...randomUUID().slice(0, 5)].map((c) => "abcdeghiklmnopqrstu"[parseInt(c, 16)]).join("")}`;
  await page.getByLabel(vi.patients.fields.fullName, { exact: false }).fill(name);
  await page.getByLabel(vi.patients.fields.birthDate, { exact: false }).fill("03/04/1992");
  await page.getByRole("radio", { name: vi.patients.sex.female }).check();
  await page.getByRole("button", { name: vi.patients.register.submit }).click();
  // Registered: reception goes on to starting the visit, with the news.
  await expect(page.getByTestId("registered-banner")).toBeVisible();
  await expectPracticeBanner(page);
  await checkPage(page, "practice-registered", { fullPage: true });

  // The copy's patient list: made-up people and the new one; the banner stays.
  await page.getByRole("link", { name: vi.common.nav.patients, exact: true }).click();
  await expectPracticeBanner(page);
  await search(page, name);
  await expect(page.getByRole("link", { name })).toBeVisible();
  await checkPage(page, "practice-patients");

  // The practice home ticks the task off.
  await page.getByTestId("practice-banner").getByRole("link", { name: training.banner.tasks }).click();
  await expect(registerTask(page)).toHaveAttribute("data-done", "yes");
  await checkPage(page, "practice-home-done");

  // Back in the real hospital: no banner, and the practice patient is nowhere.
  await page.getByTestId("practice-banner").getByRole("link", { name: training.banner.backToReal }).click();
  await expect(page).toHaveURL(new RegExp(`/h/${hospital.slug}/patients`));
  await expect(page.getByTestId("practice-banner")).toHaveCount(0);
  await search(page, name);
  await expect(page.getByRole("link", { name })).toHaveCount(0);
  await checkPage(page, "practice-absent-in-real");

  // The administrator's checklist: the task done, for this person.
  await page.getByRole("link", { name: training.nav.training, exact: true }).click();
  await expect(adminRow(page).locator('td[data-task="registerPatient"]')).toHaveAttribute("data-done", "yes");
  await expect(adminRow(page).locator('td[data-task="recordVitals"]')).toHaveAttribute("data-done", "no");
  const nurse = hospital.staff.find((s) => s.role === "nurse")!;
  await expect(page.locator(`tr[data-person="${nurse.email}"] td[data-task="registerPatient"]`)).toHaveAttribute("data-done", "n/a");
  await checkPage(page, "training-checklist", { fullPage: true });

  // Reset: a confirmation first, then a fresh copy; the checklist starts again.
  await page.getByRole("link", { name: training.manage.reset }).click();
  await expect(page.getByRole("heading", { name: training.manage.resetAsk })).toBeVisible();
  await checkPage(page, "training-reset-ask");
  await page.getByRole("button", { name: training.manage.resetConfirm }).click();
  await expect(page.getByText(training.manage.resetDone)).toBeVisible();
  await expect(adminRow(page).locator('td[data-task="registerPatient"]')).toHaveAttribute("data-done", "no");
  await checkPage(page, "training-reset-done", { fullPage: true });

  // The fresh copy has the made-up patients but not the one registered before the reset.
  await page.getByRole("link", { name: training.nav.practice, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/h/${practiceSlug}$`));
  await expectPracticeBanner(page);
  await page.getByRole("link", { name: vi.common.nav.patients, exact: true }).click();
  await search(page, name);
  await expect(page.getByRole("link", { name })).toHaveCount(0);
});

test("the hospital picker shows a practice copy as one", async ({ page }) => {
  test.slow();
  await signIn(page, DEMO_SHARED_STAFF.email);
  await expect(page).toHaveURL(/\/h\/?$/);
  const practice = page.getByRole("link", { name: new RegExp(training.picker.practiceName.replace("{{name}}", hospital.name).replace(/[()]/g, "\\$&")) });
  await expect(practice).toBeVisible();
  await checkPage(page, "picker-practice");
  await practice.click();
  await expect(page).toHaveURL(new RegExp(`/h/${practiceSlug}$`));
  await expectPracticeBanner(page);
  // A doctor's task is writing a note, a page still to come.
  await expect(page.getByTestId("practice-tasks").locator('li[data-task="writeNote"]')).toHaveAttribute("data-done", "no");
  await checkPage(page, "practice-home-doctor");
});
