// The boundary as seen over HTTP, through the real server: other hospitals are invisible, forged
// cookies and cross-origin posts change nothing, errors never show internals.
import { expect } from "@playwright/test";
import { DEMO_HOSPITALS } from "~/demo/demo-hospitals";
import { checkPage, signIn, vi, test } from "./helpers";

const [tamNong, muongLat] = DEMO_HOSPITALS as [(typeof DEMO_HOSPITALS)[0], (typeof DEMO_HOSPITALS)[0]];
const doctor = tamNong.staff.find((s) => s.role === "doctor")!;

test("a member of one hospital gets 404 for another hospital's pages and for unknown hospitals", async ({ page }) => {
  await signIn(page, doctor.email);
  await expect(page).toHaveURL(new RegExp(`/h/${tamNong.slug}/patients`));
  for (const path of [`/h/${muongLat.slug}/patients`, `/h/${muongLat.slug}`, "/h/no-such-hospital/patients"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: vi.errors.notFound.title })).toBeVisible();
    await expect(page.locator("body")).not.toContainText(muongLat.name);
  }
  await checkPage(page, "not-found-in-hospital");
});

test("a forged session cookie is treated as signed out", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "emr_session", value: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", url: baseURL! }]);
  await page.goto(`/h/${tamNong.slug}/patients`);
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=/);
});

test("a post from another site is refused before it reaches any route", async ({ request }) => {
  const response = await request.post("/sign-in", {
    headers: { Origin: "https://evil.example" },
    form: { email: doctor.email, password: "x" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  const body = await response.text();
  expect(body).toContain(vi.errors.crossOrigin);
});

test("pages carry the security headers", async ({ request }) => {
  const response = await request.get("/sign-in");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
});

test("the health endpoint reports the database", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: { ok: true } });
});

test("an unknown address shows the error page in Vietnamese, without internals", async ({ page }) => {
  const response = await page.goto("/khong-co-trang-nay");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: vi.errors.notFound.title })).toBeVisible();
  await expect(page.locator("body")).not.toContainText(/\bat .*\.(ts|js):\d+/);
});
