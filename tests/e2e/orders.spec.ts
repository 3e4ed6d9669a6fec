// A doctor orders a blood count and a glucose, the lab enters the results (glucose high), the doctor
// sees the high value flagged, prescribes amoxicillin with the quantity computed, and prints the
// prescription. Every screen is checked with axe and kept at 1366×768 in test-results/screens/.
import { expect, type Browser, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { demoVisitId, DEMO_LAB_STAFF } from "~/demo/demo-orders-data";
import { DEMO_HOSPITALS } from "~/demo/demo-hospitals";
import type viOrders from "~/locales/vi/orders.json";
import type viPrescriptions from "~/locales/vi/prescriptions.json";
import type viPrint from "~/locales/vi/print.json";
import { todayInVietnam } from "~/patients/vietnam-date";
import { checkPage, signIn, test, waitForHydration } from "./helpers";

const texts = <T,>(namespace: string) => JSON.parse(readFileSync(`app/locales/vi/${namespace}.json`, "utf8")) as T;
const orders = texts<typeof viOrders>("orders");
const rx = texts<typeof viPrescriptions>("prescriptions");
const print = texts<typeof viPrint>("print");

const tamNong = DEMO_HOSPITALS[0]!;
const doctor = tamNong.staff.find((s) => s.role === "doctor")!;
const lab = DEMO_LAB_STAFF[tamNong.slug]!;
const visitBase = `/h/${tamNong.slug}/visits/${demoVisitId(tamNong.slug, todayInVietnam())}`;

async function personPage(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  await expect(page).not.toHaveURL(/sign-in/);
  return page;
}

test("order, result, flagged value, prescription with computed quantity, printed", async ({ browser }) => {
  test.setTimeout(300_000); // three people, a dozen pages, each checked with axe, on a shared machine
  const doctorPage = await personPage(browser, doctor.email);

  // The doctor orders a blood count and a glucose.
  await doctorPage.goto(`${visitBase}/orders`);
  await expect(doctorPage.getByRole("heading", { name: orders.page.heading })).toBeVisible();
  await checkPage(doctorPage, "orders-new", { fullPage: true });
  await doctorPage.getByLabel(/Tổng phân tích tế bào máu/).check();
  await doctorPage.getByLabel(/Định lượng Glucose máu/).check();
  await doctorPage.getByRole("button", { name: orders.page.submit }).click();
  await expect(doctorPage.getByTestId("saved-banner")).toContainText("2");
  await expect(doctorPage.getByTestId("order-XN-GLU")).toContainText(orders.status.ordered);
  await checkPage(doctorPage, "orders-placed", { fullPage: true });

  // The lab sees them on its worklist and enters the results.
  const labPage = await personPage(browser, lab.email);
  await labPage.goto(`/h/${tamNong.slug}/lab`);
  await expect(labPage.getByRole("heading", { name: orders.lab.heading })).toBeVisible();
  await expect(labPage.getByTestId("worklist-XN-GLU")).toBeVisible();
  await checkPage(labPage, "lab-worklist");
  await labPage.getByTestId("worklist-XN-GLU").getByRole("link").click();
  await waitForHydration(labPage);
  await expect(labPage.getByRole("heading", { level: 1 })).toContainText("Glucose");
  await labPage.getByLabel(/Giá trị/).fill("8,2");
  await checkPage(labPage, "result-entry");
  await labPage.getByRole("button", { name: orders.result.submit }).click();
  await expect(labPage.getByTestId("saved-banner")).toBeVisible();
  await expect(labPage.locator(".result-abnormal")).toContainText(orders.flag.high);
  await labPage.getByRole("link", { name: orders.result.back }).click();
  await labPage.getByTestId("worklist-XN-CTM").getByRole("link").click();
  await labPage.getByLabel(orders.result.report, { exact: false }).fill("Số lượng bạch cầu, hồng cầu, tiểu cầu trong giới hạn bình thường.");
  await labPage.getByRole("button", { name: orders.result.submit }).click();
  await expect(labPage.getByTestId("saved-banner")).toBeVisible();

  // The doctor sees the glucose flagged high.
  await doctorPage.reload();
  const glucose = doctorPage.getByTestId("order-XN-GLU");
  await expect(glucose).toContainText("8,2 mmol/L");
  await expect(glucose.locator(".result-abnormal")).toContainText(`↑ ${orders.flag.high}`);
  await expect(glucose).toContainText("3,9–6,4");
  await checkPage(doctorPage, "orders-resulted", { fullPage: true });

  // Prescribes amoxicillin: 1 capsule three times a day for 7 days is 21.
  await doctorPage.getByRole("link", { name: orders.page.toPrescription }).click();
  await expect(doctorPage.getByRole("heading", { name: rx.page.heading, level: 1 })).toBeVisible();
  await doctorPage.getByRole("textbox", { name: rx.page.search }).fill("amox");
  await doctorPage.getByRole("button", { name: rx.page.searchButton }).click();
  await doctorPage.getByRole("link", { name: "Amoxicillin 500 mg", exact: false }).first().click();
  await waitForHydration(doctorPage);
  await doctorPage.getByLabel(/Liều mỗi lần/).fill("1");
  await doctorPage.getByLabel(rx.page.timesPerDay, { exact: false }).fill("3");
  await doctorPage.getByLabel(rx.page.days, { exact: false }).fill("7");
  await doctorPage.getByLabel(rx.page.instructions, { exact: false }).fill("Uống sau ăn");
  await expect(doctorPage.getByTestId("rx-quantity-preview")).toHaveText("Số lượng: 21 viên");
  await checkPage(doctorPage, "prescription-form", { fullPage: true });
  await doctorPage.getByRole("button", { name: rx.page.add }).click();
  await expect(doctorPage.getByTestId("saved-banner")).toBeVisible();
  await expect(doctorPage.getByTestId("rx-quantity").first()).toHaveText("21 viên");
  await checkPage(doctorPage, "prescription-added", { fullPage: true });

  // And prints it.
  await doctorPage.getByRole("link", { name: rx.page.print }).click();
  await expect(doctorPage.getByRole("heading", { name: print.prescription.heading })).toBeVisible();
  await expect(doctorPage.getByText(print.footer.copy)).toBeVisible();
  await expect(doctorPage.getByRole("img", { name: print.footer.qr })).toBeVisible();
  await expect(doctorPage.locator(".print-drugs")).toContainText("SL: 21 viên");
  await checkPage(doctorPage, "print-prescription", { fullPage: true });
  await doctorPage.emulateMedia({ media: "print" });
  await doctorPage.screenshot({ path: "test-results/screens/print-prescription-paper.png", fullPage: true });
  await doctorPage.emulateMedia({ media: "screen" });

  await doctorPage.goto(`${visitBase}/print/record`);
  await expect(doctorPage.getByRole("heading", { name: print.record.heading })).toBeVisible();
  await checkPage(doctorPage, "print-record", { fullPage: true });
});
