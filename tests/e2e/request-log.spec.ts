// The server's request log, read back after real requests: every line says who, which hospital, which
// route, the status and the time, and no line carries patient data (names, phones, search text).
import { readFileSync } from "node:fs";
import { expect } from "@playwright/test";
import { DEMO_HOSPITALS } from "~/demo/demo-hospitals";
import { search, signIn, test } from "./helpers";

const tamNong = DEMO_HOSPITALS[0]!;
const doctor = tamNong.staff.find((s) => s.role === "doctor")!;
const patient = tamNong.commonPatients[0]!;

// The record page, loaded as a document or (once hydrated) as Remix data: "/h/<slug>/patients/:id[.data]".
const CHART_ROUTE = new RegExp(`^/h/${tamNong.slug}/patients/:id(\\.data)?$`);

type LogLine = { msg: string; requestId?: string; tenantId?: string; userId?: string; route?: string; status?: number; ms?: number };

/** The server's log from `offset` on: earlier tests share the server and its log. */
function serverLog(offset = 0): { raw: string; lines: LogLine[] } {
  const raw = readFileSync(".data/reports/e2e-server.log", "utf8").slice(offset);
  const lines = raw
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as LogLine);
  return { raw, lines };
}

test("request logs name the hospital, the user and the route, and never the patient", async ({ page }) => {
  const offset = serverLog().raw.length;
  await signIn(page, doctor.email);
  await search(page, patient.fullName);
  await page.getByRole("link", { name: patient.fullName }).first().click();
  await expect(page.getByText("05/03/1980").first()).toBeVisible();

  await expect
    .poll(() => serverLog(offset).lines.some((l) => l.msg === "request" && CHART_ROUTE.test(l.route ?? "")))
    .toBe(true);
  const { lines } = serverLog(offset);
  const chartReads = lines.filter((l) => l.msg === "request" && CHART_ROUTE.test(l.route ?? ""));
  expect(chartReads.length).toBeGreaterThan(0);
  for (const line of chartReads) {
    expect(line.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(line.tenantId).toMatch(/^[0-9a-f-]{36}$/);
    expect(line.userId).toMatch(/^[0-9a-f-]{36}$/);
    expect(line.status).toBeLessThan(300);
    expect(typeof line.ms).toBe("number");
  }
  // Patient data must be absent from the whole log, whichever test's requests wrote it.
  const { raw } = serverLog();
  for (const secret of [patient.fullName, "Nguy", "nguyen", patient.phone!, "q=", "05/03/1980", "1980-03-05"]) {
    expect(raw, `the log must not contain ${secret}`).not.toContain(secret);
  }
});
