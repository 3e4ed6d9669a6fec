// A hospital's data export (issue 9, decision 053): the administrator finds Settings → Data export,
// asks for an archive, watches the page refresh itself until it is ready, and downloads a ZIP whose
// size and checksum are the ones the server recorded. A doctor, without data:export, is refused.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect as baseExpect } from "@playwright/test";
import { DEMO_HOSPITALS } from "~/demo/demo-hospitals";
import type viStaff from "~/locales/vi/staff.json";
import { checkPage, signIn, test, waitForHydration } from "./helpers";

const expect = baseExpect.configure({ timeout: 15_000 });
const texts = JSON.parse(readFileSync("app/locales/vi/staff.json", "utf8")) as typeof viStaff;
const muongLat = DEMO_HOSPITALS.find((h) => h.slug === "ttyt-muong-lat")!;
const admin = muongLat.staff.find((s) => s.role === "admin")!;
const doctor = muongLat.staff.find((s) => s.role === "doctor")!;
const page_ = `/h/${muongLat.slug}/settings/export`;

test("an administrator exports the hospital's data and downloads the archive", async ({ page }) => {
  test.setTimeout(180_000); // the job builds a few hundred patients' archive on a shared machine
  await signIn(page, admin.email);
  await expect(page).toHaveURL(new RegExp(`/h/${muongLat.slug}`));
  await page.goto(`/h/${muongLat.slug}/settings`);
  await page.getByRole("link", { name: texts.settings.sections.export }).click();
  await expect(page).toHaveURL(new RegExp(`${page_}$`));
  await expect(page.getByRole("heading", { level: 1, name: texts.export.title })).toBeVisible();
  await waitForHydration(page);
  await checkPage(page, "data-export");

  await page.getByRole("button", { name: texts.export.start }).click();
  await expect(page.getByTestId("export-notice")).toHaveText(texts.export.queued);
  // The job runs in the server's process; the page asks again every few seconds until it is ready.
  const ready = page.locator('tr[data-status="ready"]').first();
  await expect(ready).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole("button", { name: texts.export.start })).toBeEnabled();

  const [download] = await Promise.all([page.waitForEvent("download"), ready.getByRole("link", { name: texts.export.download }).click()]);
  expect(download.suggestedFilename()).toMatch(/^export-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.zip$/);
  const file = await download.path();
  const bytes = readFileSync(file!);
  expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
  // What arrived is what the server recorded (the download's checksum header).
  const response = await page.request.get(`${page_}/${await ready.getAttribute("data-export")}/download`);
  expect(response.headers()["x-content-sha256"]).toBe(createHash("sha256").update(bytes).digest("hex"));
  // The page counts the downloads (two now: the browser's and the check above).
  await page.reload();
  await expect(page.locator(`tr[data-export="${await ready.getAttribute("data-export")}"]`)).toContainText(
    texts.export.downloads_other.replace("{{count}}", "2"),
  );
});

test("a doctor cannot reach the export", async ({ page }) => {
  await signIn(page, doctor.email);
  await expect(page).toHaveURL(new RegExp(`/h/${muongLat.slug}`));
  const response = await page.goto(page_);
  expect(response!.status()).toBe(403);
});
