import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { readFileSync } from "node:fs";
import { DEMO_PASSWORD } from "~/demo/demo-hospitals";
import type enAuth from "~/locales/en/auth.json";
import type enPatients from "~/locales/en/patients.json";
import type viAdmin from "~/locales/vi/admin.json";
import type viAuth from "~/locales/vi/auth.json";
import type viCommon from "~/locales/vi/common.json";
import type viErrors from "~/locales/vi/errors.json";
import type viPatients from "~/locales/vi/patients.json";

// Texts come from the locale files, so a test checks what a person reads without copying it. Read
// with fs: Playwright's loader will not import JSON without an import attribute.
function locale<T>(language: "vi" | "en", namespace: string): T {
  return JSON.parse(readFileSync(`app/locales/${language}/${namespace}.json`, "utf8")) as T;
}

export const vi = {
  admin: locale<typeof viAdmin>("vi", "admin"),
  auth: locale<typeof viAuth>("vi", "auth"),
  common: locale<typeof viCommon>("vi", "common"),
  errors: locale<typeof viErrors>("vi", "errors"),
  patients: locale<typeof viPatients>("vi", "patients"),
};
export const en = { auth: locale<typeof enAuth>("en", "auth"), patients: locale<typeof enPatients>("en", "patients") };

/** Remix has hydrated the page: its router exists in the browser (autofocus alone proves nothing, the
 * server's HTML focuses too). */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => "__remixRouter" in window);
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel(vi.auth.signIn.email, { exact: false }).fill(email);
  await page.getByLabel(vi.auth.signIn.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: vi.auth.signIn.submit }).click();
}

// Steps already used per TOTP secret in this test run: the server accepts each step once (decision 055).
const usedTotpSteps = new Map<string, number>();

/**
 * A TOTP code for `secret` the server has not seen yet from this run: the current 30-second step, or
 * the next one (the server accepts one step either side), or, when both are used, it waits for a step.
 */
export async function freshTotpCode(secret: string): Promise<string> {
  const key = decodeBase32IgnorePadding(secret.replace(/\s+/g, "").toUpperCase());
  for (;;) {
    const now = Date.now();
    const current = Math.floor(now / 30_000);
    const step = Math.max(current, (usedTotpSteps.get(secret) ?? -1) + 1);
    if (step <= current + 1) {
      usedTotpSteps.set(secret, step);
      return generateHOTP(key, BigInt(step), 6);
    }
    await new Promise((resolve) => setTimeout(resolve, (current + 1) * 30_000 - now + 200));
  }
}

/** Remembers a step the test itself used (an enrolment's code), so freshTotpCode will not reuse it. */
export function noteTotpStepUsed(secret: string, step: number) {
  usedTotpSteps.set(secret, Math.max(step, usedTotpSteps.get(secret) ?? -1));
}

/**
 * Signs platform staff in at /admin/sign-in: password, then a TOTP code computed from `totpSecret` (the
 * account must be enrolled). Ends on `redirectTo` (default: the console's front page).
 */
export async function signInAsStaff(page: Page, { email, password, totpSecret, redirectTo }: { email: string; password: string; totpSecret: string; redirectTo?: string }) {
  await page.goto(redirectTo ? `/admin/sign-in?redirectTo=${encodeURIComponent(redirectTo)}` : "/admin/sign-in");
  await page.getByLabel(vi.admin.signIn.email, { exact: true }).fill(email);
  await page.getByLabel(vi.admin.signIn.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: vi.admin.signIn.submit }).click();
  await expect(page).toHaveURL(/\/admin\/sign-in\/code/);
  await page.getByLabel(vi.admin.code.code, { exact: false }).fill(await freshTotpCode(totpSecret));
  await page.getByRole("button", { name: vi.admin.code.submit, exact: true }).click();
  await expect(page).not.toHaveURL(/\/admin\/sign-in/);
}

export async function search(page: Page, query: string) {
  const box = page.getByLabel(vi.patients.list.searchLabel, { exact: false });
  await box.fill(query);
  await box.press("Enter");
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(query).replace(/%20/g, "(\\+|%20)")}`));
}

/**
 * The page fixture, failing the test on any console error or uncaught exception in the browser (a
 * Content-Security-Policy violation, a hydration mismatch). Expected 4xx answers log "Failed to load
 * resource" in Chromium and are not errors of the page.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        if (/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return;
        errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await use(errors);
      expect(errors, "browser console errors").toEqual([]);
    },
    { auto: true },
  ],
});

/** WCAG 2.2 A and AA, the level Vietnamese public-sector sites are held to (and best practice). */
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/**
 * Checks the page as it is now with axe (no violations at all, whatever their impact) and keeps a
 * screenshot at the test's viewport (1366×768) in test-results/screens/<name>.png to look at, attached
 * to the test so that the report (.data/reports/playwright.json) lists each screen with its file.
 */
export async function checkPage(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const violations = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(violations, `axe on ${name} (${page.url()})`).toEqual([]);
  const path = `test-results/screens/${name}.png`;
  await page.screenshot({ path, fullPage: options.fullPage ?? false });
  await base.info().attach(name, { path, contentType: "image/png" });
}
