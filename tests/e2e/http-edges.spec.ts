// The HTTP edge through the real server and browser: nothing of a chart stays in the browser's cache
// after sign-out, assets arrive precompressed and cached for good, members of a suspended hospital see
// why they cannot get in rather than a chart.
import { expect } from "@playwright/test";
import postgres from "postgres";
import { DEMO_HOSPITALS } from "~/demo/demo-hospitals";
import { search, signIn, test, vi } from "./helpers";

const [tamNong, muongLat] = DEMO_HOSPITALS as [(typeof DEMO_HOSPITALS)[0], (typeof DEMO_HOSPITALS)[0]];
const doctor = tamNong.staff.find((s) => s.role === "doctor")!;
const patient = tamNong.commonPatients[0]!;

test("Back after sign-out on a shared PC shows the sign-in page, not the chart", async ({ page }) => {
  await signIn(page, doctor.email);
  await search(page, patient.fullName);
  const dataRequest = page.waitForResponse((r) => r.url().includes(".data"));
  await page.getByRole("link", { name: patient.fullName }).first().click();
  await expect(page.getByText("05/03/1980").first()).toBeVisible();
  expect((await dataRequest).headers()["cache-control"]).toBe("private, no-store");
  const chart = page.url();

  await page.getByRole("button", { name: vi.common.nav.signOut }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goBack();
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=/);
  await expect(page.getByText("05/03/1980")).toHaveCount(0);

  // Opened as a document, the chart is marked never to be stored either.
  await signIn(page, doctor.email);
  const document = await page.goto(chart);
  expect(document?.headers()["cache-control"]).toBe("private, no-store");
});

test("assets arrive precompressed and cached for good; pages compressed on the fly", async ({ page }) => {
  const assets: { url: string; encoding?: string; cache?: string }[] = [];
  page.on("response", (response) => {
    if (new URL(response.url()).pathname.match(/^\/assets\/.+\.js$/)) {
      assets.push({ url: response.url(), encoding: response.headers()["content-encoding"], cache: response.headers()["cache-control"] });
    }
  });
  const document = await page.goto("/sign-in");
  expect(document?.headers()["content-encoding"]).toMatch(/^(br|gzip)$/);
  await expect(page.getByRole("button", { name: vi.auth.signIn.submit })).toBeVisible();
  await page.waitForLoadState("networkidle");
  // The big ones (React) must be compressed; files under 512 bytes are not worth it.
  const entry = assets.find((a) => /\/entry\.client-/.test(a.url));
  expect(entry, "the client entry was loaded").toBeDefined();
  expect(entry?.encoding).toBe("br");
  for (const asset of assets) expect(asset.cache, asset.url).toBe("public, max-age=31536000, immutable");
});

test("an upload streamed past the limit without a Content-Length is refused with 413", async ({ baseURL }) => {
  const chunk = new Uint8Array(64 * 1024).fill(97);
  const upload = 64_000_000;
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= upload) return controller.close();
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  const response = await fetch(`${baseURL}/sign-in`, {
    method: "POST",
    headers: { Origin: baseURL!, "Content-Type": "application/x-www-form-urlencoded" },
    body,
    duplex: "half",
  } as RequestInit).catch((error: unknown) => error);
  // Either the 413 arrives, or the server closed the connection mid-upload after sending it.
  if (response instanceof Response) expect(response.status).toBe(413);
  else expect(sent).toBeLessThan(upload);
});

// Needs a database this process can reach besides the server: Postgres (CI's first run), not PGlite.
test("a member of a suspended hospital sees why, in Vietnamese, and no chart", async ({ page }) => {
  test.skip(!process.env.DATABASE_URL, "the embedded database belongs to the server process");
  const sql = postgres(process.env.DATABASE_URL!, { max: 1 });
  const nurse = muongLat.staff.find((s) => s.role === "nurse")!;
  try {
    await sql`update tenants set status = 'suspended' where slug = ${muongLat.slug}`;
    // Her only hospital is out of the picker; a bookmark to it shows why.
    await signIn(page, nurse.email);
    await expect(page).toHaveURL(/\/h$/);
    await expect(page.getByText(muongLat.name)).toHaveCount(0);
    const response = await page.goto(`/h/${muongLat.slug}/patients`);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: vi.errors.suspended.title })).toBeVisible();
    await expect(page.locator("table")).toHaveCount(0);
    await page.screenshot({ path: "test-results/screens/suspended.png" });
  } finally {
    await sql`update tenants set status = 'active' where slug = ${muongLat.slug}`;
    await sql.end();
  }
});
