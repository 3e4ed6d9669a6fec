// Reception (issue 8): the receptionist scans a chip ID card's QR code into the search box, gets the
// registration form filled in, is warned of a likely duplicate and creates the record anyway, starts a
// visit in a clinic room, and prints the A5 visit slip. Screenshots at 1366×768 in test-results/screens/.
import { expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { DEMO_HOSPITALS } from "~/demo/demo-hospitals";
import type viReception from "~/locales/vi/reception.json";
import { checkPage, signIn, test, vi, waitForHydration } from "./helpers";

const reception = JSON.parse(readFileSync("app/locales/vi/reception.json", "utf8")) as typeof viReception;
const [tamNong] = DEMO_HOSPITALS as [(typeof DEMO_HOSPITALS)[0]];
const receptionist = tamNong.staff.find((s) => s.role === "receptionist")!;

// The demo's "Nguyễn Văn An, 05/03/1980" comes back with a chip card whose number the record lacks:
// the same name and birth date make a likely duplicate. The card's number is new on each run (Đồng Tháp
// 087, a man born in 1980: 080, then six digits): a database kept from an earlier run would find the
// patient that run registered.
const CCCD = `087080${String(Math.floor(Math.random() * 1_000_000)).padStart(6, "0")}`;
const SCAN = `${CCCD}||Nguyễn Văn An|05031980|Nam|Số 12, Ấp 3, Xã Tam Nông, Tỉnh Đồng Tháp|10082021`;

test("a receptionist scans an ID card, is warned of a duplicate, registers, starts a visit and prints the slip", async ({ page }) => {
  // A dozen pages, three of them long forms, each checked with axe on a shared, busy machine.
  test.setTimeout(300_000);
  await signIn(page, receptionist.email);
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  await page.goto(`/h/${tamNong.slug}/reception`);
  await expect(page.getByRole("heading", { name: reception.home.heading, level: 1 })).toBeVisible();
  await waitForHydration(page);
  const box = page.getByLabel(reception.home.searchLabel, { exact: false });
  await expect(box).toBeFocused();
  await checkPage(page, "reception-home");

  // The scanner types the whole code into the focused box; the page sends it when it is complete.
  await box.pressSequentially(SCAN, { delay: 2 });
  await expect(page).toHaveURL(new RegExp(`/h/${tamNong.slug}/patients/new\\?scan=`));
  await expect(page.getByTestId("scan-banner")).toBeVisible();
  await expect(page.getByLabel(vi.patients.fields.fullName, { exact: false })).toHaveValue("Nguyễn Văn An");
  await expect(page.getByLabel(vi.patients.fields.birthDate, { exact: false })).toHaveValue("05/03/1980");
  await expect(page.getByLabel(vi.patients.fields.citizenId, { exact: false })).toHaveValue(CCCD);
  await expect(page.getByLabel(vi.patients.fields.provinceCode, { exact: false })).toHaveValue("82");
  await expect(page.getByLabel(vi.patients.fields.communeCode, { exact: false })).toHaveValue("30010");
  await expect(page.getByLabel(vi.patients.fields.street, { exact: false })).toHaveValue("Số 12, Ấp 3");
  await checkPage(page, "reception-register-scanned", { fullPage: true });

  // Register: the same name and birth date are already on a record.
  await page.getByRole("button", { name: vi.patients.register.submit, exact: true }).click();
  const duplicates = page.getByTestId("duplicates");
  await expect(duplicates).toBeVisible();
  await expect(duplicates).toContainText("Nguyễn Văn An");
  await expect(duplicates).toContainText(reception.duplicates.reason.nameBirth);
  await checkPage(page, "reception-duplicates");

  // Sure it is someone else: create anyway.
  await page.getByTestId("create-anyway").click();
  await expect(page).toHaveURL(new RegExp(`/h/${tamNong.slug}/reception/visit/[0-9a-f-]{36}\\?registered=1`));
  await expect(page.getByTestId("registered-banner")).toBeVisible();
  await expect(page.getByTestId("visit-patient-name")).toHaveText("Nguyễn Văn An");
  await page.getByRole("radio", { name: /^K01\b/ }).check();
  await page.getByLabel(reception.payer.self_pay).check();
  await checkPage(page, "reception-start-visit");

  await page.getByRole("button", { name: reception.visit.submit }).click();
  await expect(page).toHaveURL(new RegExp(`/h/${tamNong.slug}/reception/slip/[0-9a-f-]{36}\\?started=1`));
  const slip = page.getByTestId("visit-slip");
  await expect(slip).toContainText(tamNong.name);
  await expect(slip).toContainText("Nguyễn Văn An");
  await expect(slip).toContainText(reception.slip.paperCopy);
  await expect(page.getByTestId("slip-queue-number")).toHaveText(/^\d+$/);
  const queueNumber = await page.getByTestId("slip-queue-number").textContent();
  await checkPage(page, "reception-slip");
  // As printed: only the slip, on A5.
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".topbar")).toBeHidden();
  await page.screenshot({ path: "test-results/screens/reception-slip-print.png" });
  await page.emulateMedia({ media: "screen" });

  // Back at the desk: today's visits list the new one with its queue number.
  await page.getByRole("link", { name: reception.slip.back }).first().click();
  await expect(page.getByRole("heading", { name: reception.home.today })).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(`${reception.home.slipFor.split("{{")[0]!.trim()} ${queueNumber}\\b`) }).first()).toBeVisible();
  await checkPage(page, "reception-home-after");

  // Scanning the same card again opens the patient who now has it, ready to start a visit.
  await page.getByLabel(reception.home.searchLabel, { exact: false }).pressSequentially(SCAN, { delay: 2 });
  await expect(page).toHaveURL(new RegExp(`/h/${tamNong.slug}/reception/visit/[0-9a-f-]{36}\\?found=1`));
  await expect(page.getByTestId("found-banner")).toBeVisible();
});
