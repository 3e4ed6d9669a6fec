// Reception types the next search while the last one is still loading: what they typed must stay.
import { expect } from "@playwright/test";
import { DEMO_HOSPITALS } from "~/demo/demo-hospitals";
import { signIn, vi, test, waitForHydration } from "./helpers";

const tamNong = DEMO_HOSPITALS[0]!;
const receptionist = tamNong.staff.find((s) => s.role === "receptionist") ?? tamNong.staff[0]!;
const SLOW_SEARCH_MS = 1500;

test("typing while a slow search loads never wipes the search box", async ({ page }) => {
  await signIn(page, receptionist.email);
  await expect(page).toHaveURL(new RegExp(`/h/${tamNong.slug}/patients`));
  const box = page.getByLabel(vi.patients.list.searchLabel, { exact: false });
  await expect(box).toBeFocused();
  await waitForHydration(page);

  // The first search's data answers late, as on a weak connection.
  let release!: () => void;
  const answered = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/patients\.data\?.*q=nguyen(&|$)/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, SLOW_SEARCH_MS));
    await route.continue();
    release();
  });

  await box.fill("nguyen");
  await box.press("Enter");
  await box.pressSequentially(" van an");
  await answered;
  await expect(page).toHaveURL(/[?&]q=nguyen$/);
  await expect(page.locator("table tbody tr").first()).toBeVisible();
  await expect(box).toHaveValue("nguyen van an");

  // The clear link still empties the box, and the next search goes out with what was typed.
  await box.press("Enter");
  await expect(page).toHaveURL(/[?&]q=nguyen(\+|%20)van(\+|%20)an/);
  await expect(page.getByRole("link", { name: "Nguyễn Văn An" }).first()).toBeVisible();
  await page.getByRole("link", { name: vi.patients.list.clearSearch }).click();
  await expect(page).not.toHaveURL(/[?&]q=/);
  await expect(box).toHaveValue("");
});

test("what a receptionist types before the page's script has run is still there once it runs", async ({ page }) => {
  await signIn(page, receptionist.email);
  await expect(page).toHaveURL(new RegExp(`/h/${tamNong.slug}/patients`));
  // The next load of the list gets its script late, as on a weak connection.
  let releaseScript!: () => void;
  const scriptHeld = new Promise<void>((resolve) => (releaseScript = resolve));
  await page.route(/\/assets\/entry\.client-[^/]+\.js$/, async (route) => {
    await scriptHeld;
    await route.continue();
  });
  await page.goto(`/h/${tamNong.slug}/patients`, { waitUntil: "domcontentloaded" });
  const box = page.getByLabel(vi.patients.list.searchLabel, { exact: false });
  await box.pressSequentially("nguyen van an");
  releaseScript();
  await waitForHydration(page);
  await expect(box).toHaveValue("nguyen van an");
});
