// What a walk through the pages found, kept fixed: every page passes axe, the 404 has a title and the
// top bar, forms summarise their errors with links to the fields, focus lands on the result of a save,
// the whole row of a list opens the record, field borders and the focus ring have 3:1 contrast, and
// link underlines leave the dot-below tone mark (Đặng) visible.
import { expect, type Locator, type Page } from "@playwright/test";
import { DEMO_HOSPITALS } from "~/demo/demo-hospitals";
import { checkPage, search, signIn, test, vi, waitForHydration } from "./helpers";

const tamNong = DEMO_HOSPITALS[0]!;
const receptionist = tamNong.staff.find((s) => s.role === "receptionist")!;
const listPath = `/h/${tamNong.slug}/patients`;

/** WCAG relative luminance contrast of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const luminance = (color: string) => {
    const [r, g, bl] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((c) => {
      const v = Number(c) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** The colour behind an element: the first ancestor with an opaque background. */
function backgroundBehind(locator: Locator): Promise<string> {
  return locator.evaluate((element) => {
    for (let node: Element | null = element.parentElement; node; node = node.parentElement) {
      const color = getComputedStyle(node).backgroundColor;
      if (color !== "rgba(0, 0, 0, 0)" && color !== "transparent") return color;
    }
    return "rgb(255, 255, 255)";
  });
}

async function openRegistration(page: Page) {
  await signIn(page, receptionist.email);
  await expect(page).toHaveURL(new RegExp(listPath));
  await page.getByRole("link", { name: vi.patients.list.register }).click();
  await expect(page.getByRole("heading", { level: 1, name: vi.patients.register.heading })).toBeVisible();
}

test("pages outside a hospital pass axe, and an unknown address has a title and the top bar", async ({ page }) => {
  await page.goto("/sign-in");
  await checkPage(page, "sign-in");

  const response = await page.goto("/khong-co-trang-nay");
  expect(response?.status()).toBe(404);
  await expect(page).toHaveTitle(new RegExp(vi.errors.notFound.title));
  await expect(page.getByRole("banner")).toContainText(vi.common.appName);
  await expect(page.getByRole("link", { name: vi.errors.backHome })).toBeVisible();
  await checkPage(page, "not-found");

  await page.goto("/language");
  await checkPage(page, "language");
});

test("a missing record inside a hospital keeps the hospital's top bar and says so in the title", async ({ page }) => {
  await signIn(page, receptionist.email);
  await expect(page).toHaveURL(new RegExp(listPath));
  const response = await page.goto(`${listPath}/00000000-0000-4000-8000-000000000000`);
  expect(response?.status()).toBe(404);
  await expect(page).toHaveTitle(`${vi.errors.notFound.title} · ${tamNong.name}`);
  await expect(page.getByRole("banner")).toContainText(tamNong.name);
  await expect(page.getByRole("button", { name: vi.common.nav.signOut })).toBeVisible();
  await checkPage(page, "not-found-record");
});

test("registering: the error summary takes focus and links to each field; after the save focus is on the result", async ({ page }) => {
  await openRegistration(page);
  await checkPage(page, "register");

  await page.getByRole("button", { name: vi.patients.register.submit }).click();
  const summary = page.getByRole("alert").filter({ hasText: vi.patients.validation.fullName.required });
  await expect(summary).toBeFocused();
  await expect(page.getByLabel(vi.patients.fields.fullName, { exact: false })).toHaveAttribute("aria-invalid", "true");
  await checkPage(page, "register-errors", { fullPage: true });
  await summary.getByRole("link", { name: vi.patients.validation.birthDate.required }).click();
  await expect(page.getByLabel(vi.patients.fields.birthDate, { exact: false })).toBeFocused();

  await page.getByLabel(vi.patients.fields.fullName, { exact: false }).fill("Đặng Thị Ngọc Hợp");
  await page.getByLabel(vi.patients.fields.birthDate, { exact: false }).fill("12/07/1991");
  await page.getByRole("radio", { name: vi.patients.sex.female }).check();
  await page.getByRole("button", { name: vi.patients.register.submit }).click();
  // Registered: on to starting the visit (reception), the news focused.
  const saved = page.getByTestId("registered-banner");
  await expect(saved).toBeVisible();
  await expect(saved).toBeFocused();
  await checkPage(page, "registered", { fullPage: true });
  const patientId = /\/reception\/visit\/([0-9a-f-]{36})/.exec(page.url())![1];
  await page.goto(page.url().replace(/\/reception\/visit\/.*$/, `/patients/${patientId}`));
  await waitForHydration(page);

  // An edit, saved: focus again on what happened, not lost at the top of the page.
  await page.getByLabel(vi.patients.fields.phone, { exact: false }).first().fill("0912 345 001");
  await page.getByRole("button", { name: vi.patients.detail.save }).click();
  await expect(page.getByTestId("saved-banner")).toHaveText(vi.patients.detail.saved);
  await expect(page.getByTestId("saved-banner")).toBeFocused();
});

test("the whole row of the patient list opens the record, and its link still works from the keyboard", async ({ page }) => {
  await signIn(page, receptionist.email);
  await search(page, "Nguyễn Văn An");
  const row = page.locator("table tbody tr").first();
  const name = (await row.getByRole("link").textContent())!;
  await row.locator("td").first().click(); // the record number, not the link
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);

  await page.goBack();
  await page.locator("table tbody tr").first().getByRole("link").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
});

test("field borders and the focus ring have at least 3:1 contrast with what is around them", async ({ page }) => {
  await openRegistration(page);
  const input = page.getByLabel(vi.patients.fields.fullName, { exact: false });
  const around = await backgroundBehind(input);
  const border = await input.evaluate((e) => getComputedStyle(e).borderTopColor);
  expect(contrast(border, around), `border ${border} on ${around}`).toBeGreaterThanOrEqual(3);

  await input.focus();
  const ring = await input.evaluate((e) => ({ style: getComputedStyle(e).outlineStyle, color: getComputedStyle(e).outlineColor, width: getComputedStyle(e).outlineWidth }));
  expect(ring.style).not.toBe("none");
  expect(parseFloat(ring.width)).toBeGreaterThanOrEqual(2);
  expect(contrast(ring.color, around), `focus ring ${ring.color} on ${around}`).toBeGreaterThanOrEqual(3);

  // In the top bar the ring sits on the bar's colour.
  const signOut = page.getByRole("button", { name: vi.common.nav.signOut });
  await signOut.focus();
  const barRing = await signOut.evaluate((e) => getComputedStyle(e).outlineColor);
  expect(contrast(barRing, await backgroundBehind(signOut))).toBeGreaterThanOrEqual(3);
});

test("link underlines sit below the descenders, clear of the dot-below tone mark", async ({ page }) => {
  await signIn(page, receptionist.email);
  await search(page, "Nguyễn Văn An");
  await page.locator("table tbody tr").first().getByRole("link").click();
  const back = page.getByRole("link", { name: vi.patients.detail.back });
  const style = await back.evaluate((e) => ({
    position: getComputedStyle(e).textUnderlinePosition,
    skipInk: getComputedStyle(e).textDecorationSkipInk,
  }));
  expect(style).toEqual({ position: "under", skipInk: "auto" });
});
