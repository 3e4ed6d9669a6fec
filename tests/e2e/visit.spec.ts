// One outpatient visit in Chromium: the nurse records vitals (an impossible pulse refused first), the
// doctor calls the next patient, writes the note (saved as she types), diagnoses (a principal the
// rules forbid is refused) and signs with her password. And a draft typed when the session expired is
// still there after signing in again. Screens at 1366×768 in test-results/screens/visit-*.png.
//
// The visit is queued through the administrator's connection (reception's "start a visit" is another
// capability), so it needs the server's database (DATABASE_URL).
import { expect, type BrowserContext, type Page } from "@playwright/test";
import { sql } from "drizzle-orm";
import { readFileSync } from "node:fs";
import { DEMO_HOSPITALS, DEMO_PASSWORD } from "~/demo/demo-hospitals";
import type viVisit from "~/locales/vi/visit.json";
import { adminRows } from "../support/admin";
import { checkPage, signIn, test, vi } from "./helpers";

const visitTexts = JSON.parse(readFileSync("app/locales/vi/visit.json", "utf8")) as typeof viVisit;
const [tamNong] = DEMO_HOSPITALS as [(typeof DEMO_HOSPITALS)[0]];
const doctor = tamNong.staff.find((s) => s.role === "doctor")!;
const nurse = tamNong.staff.find((s) => s.role === "nurse")!;

test.skip(!process.env.DATABASE_URL, "queues a visit through the server's database (DATABASE_URL)");
test.use({ viewport: { width: 1366, height: 768 } });

/** Today's other waiting patients in K01 leave (cancelled), and one patient is queued: the next to call. */
async function queueOnePatient(offset: number): Promise<{ visitId: string; name: string }> {
  await adminRows(sql`update visits set status = 'cancelled'
    where status = 'waiting' and visit_date = (now() at time zone 'Asia/Ho_Chi_Minh')::date
      and tenant_id = (select id from tenants where slug = ${tamNong.slug})`);
  const [row] = await adminRows<{ id: string; name: string }>(sql`
    with h as (select id from tenants where slug = ${tamNong.slug}),
         r as (select rooms.id from rooms, h where rooms.tenant_id = h.id and rooms.code = 'K01'),
         p as (select patients.id, patients.full_name from patients, h where patients.tenant_id = h.id order by mrn offset ${offset} limit 1),
         d as (select (now() at time zone 'Asia/Ho_Chi_Minh')::date as day)
    insert into visits (tenant_id, patient_id, room_id, visit_date, queue_number, payer)
    select h.id, p.id, r.id, d.day,
           coalesce((select max(queue_number) from visits v where v.tenant_id = h.id and v.room_id = r.id and v.visit_date = d.day), 0) + 1,
           'insurance'
    from h, r, p, d
    returning id, (select full_name from p) as name`);
  return { visitId: row!.id, name: row!.name };
}

async function chooseRoom(page: Page, code: string) {
  // Signed in first (signIn only clicks).
  await expect(page).not.toHaveURL(/\/sign-in/);
  const [room] = await adminRows<{ id: string }>(
    sql`select rooms.id from rooms join tenants on tenants.id = rooms.tenant_id where tenants.slug = ${tamNong.slug} and rooms.code = ${code}`,
  );
  await page.goto(`/h/${tamNong.slug}/worklist?room=${room!.id}`);
  await expect(page.getByLabel(visitTexts.worklist.room)).toHaveValue(room!.id);
}

/** Remix's router exists before React has attached its handlers: give hydration a moment. */
async function hydrated(page: Page) {
  await page.waitForFunction(() => "__remixRouter" in window);
  await page.waitForTimeout(1000);
}

async function signOut(context: BrowserContext) {
  await context.clearCookies();
}

test("nurse records vitals; doctor calls next, writes the note, diagnoses and signs", async ({ page, context }) => {
  test.slow();
  // Random enough that a reused database does not meet the same patient twice in a row.
  const { visitId, name } = await queueOnePatient(Math.floor(Math.random() * 100) + 5);

  // The nurse, at triage.
  await signIn(page, nurse.email);
  await chooseRoom(page, "PL");
  await checkPage(page, "visit-worklist-triage");
  await page.getByRole("link", { name: new RegExp(name) }).first().click();
  await expect(page).toHaveURL(new RegExp(`/visits/${visitId}$`));
  await page.getByLabel(visitTexts.vitals.fields.pulse).fill("400");
  await page.getByLabel(visitTexts.vitals.fields.systolic).fill("150");
  await page.getByLabel(visitTexts.vitals.fields.diastolic).fill("95");
  await page.getByLabel(visitTexts.vitals.fields.temperature).fill("38,4");
  await page.getByLabel(visitTexts.vitals.fields.weightKg).fill("55");
  await page.getByLabel(visitTexts.vitals.fields.heightCm).fill("158");
  await page.getByRole("button", { name: visitTexts.vitals.record }).click();
  await expect(page.locator("#vitals-pulse-error")).toHaveText(visitTexts.vitals.errors.pulse);
  await checkPage(page, "visit-vitals-refused");
  await page.getByLabel(visitTexts.vitals.fields.pulse).fill("96");
  await page.getByRole("button", { name: visitTexts.vitals.record }).click();
  await expect(page.getByTestId("saved-banner")).toHaveText(visitTexts.vitals.saved);
  await expect(page.getByTestId("vitals-row").first()).toContainText(visitTexts.vitals.flags.high);
  await checkPage(page, "visit-vitals");
  await signOut(context);

  // The doctor, in K01.
  await signIn(page, doctor.email);
  await chooseRoom(page, "K01");
  await checkPage(page, "visit-worklist-clinic");
  await page.getByTestId("call-next").click();
  await expect(page).toHaveURL(new RegExp(`/visits/${visitId}/note`));
  await expect(page.getByTestId("visit-status")).toHaveText(visitTexts.status.in_progress);
  await hydrated(page);
  // K01 uses the district template's internal-medicine form (NOI-TQ); two of its required parts first.
  await page.getByLabel("Lý do khám").fill("Sốt, đau họng 2 ngày");
  await page.getByLabel("Toàn thân").fill("Tỉnh, sốt 38,4 °C. Họng đỏ, amidan sưng, không giả mạc.");
  await expect(page.getByTestId("autosave-status")).toContainText("Đã tự lưu", { timeout: 10_000 });
  await checkPage(page, "visit-note-autosaved");
  await page.getByRole("button", { name: visitTexts.note.save }).click();
  await expect(page.getByTestId("saved-banner")).toHaveText(visitTexts.note.saved);

  // Signing names the parts still missing, with the form's labels, and waits for them.
  await page.getByRole("link", { name: visitTexts.tabs.sign }).click();
  await expect(page.getByTestId("sign-blocker")).toContainText("Phiếu khám còn thiếu mục bắt buộc: Bệnh sử, Chẩn đoán sơ bộ, Hướng xử trí.");
  await expect(page.getByTestId("sign-submit")).toBeDisabled();
  await checkPage(page, "visit-sign-incomplete");
  await page.getByTestId("sign-blocker").getByRole("link", { name: visitTexts.sign.openNote }).click();
  await expect(page).toHaveURL(new RegExp(`/visits/${visitId}/note$`));
  await hydrated(page);
  await page.getByLabel("Bệnh sử").fill("Sốt, đau họng 2 ngày, nuốt đau, không ho.");
  await page.getByLabel("Chẩn đoán sơ bộ").fill("Viêm họng cấp");
  await page.getByLabel("Hướng xử trí").fill("Điều trị ngoại trú; tái khám nếu sốt trên 3 ngày.");
  await page.getByRole("button", { name: visitTexts.note.save }).click();
  await expect(page.getByTestId("saved-banner")).toHaveText(visitTexts.note.saved);

  // Diagnoses: B95.0 may not be principal.
  await page.getByRole("link", { name: visitTexts.tabs.diagnoses }).click();
  await page.getByRole("searchbox", { name: visitTexts.diagnoses.searchLabel }).fill("B95.0");
  await page.getByRole("button", { name: visitTexts.diagnoses.search }).click();
  await page.getByRole("button", { name: `Thêm B95.0 làm ${visitTexts.diagnoses.principal}` }).click();
  await expect(page.getByTestId("diagnosis-refused")).toContainText("B95.0");
  await checkPage(page, "visit-diagnosis-refused");
  await page.getByRole("searchbox", { name: visitTexts.diagnoses.searchLabel }).fill("viem hong cap");
  await page.getByRole("button", { name: visitTexts.diagnoses.search }).click();
  await page.getByRole("button", { name: `Thêm J02.9 làm ${visitTexts.diagnoses.principal}` }).click();
  await expect(page.getByTestId("diagnosis-row")).toContainText("J02.9");
  await checkPage(page, "visit-diagnoses");

  // Sign: a wrong password first.
  await page.getByRole("link", { name: visitTexts.tabs.sign }).click();
  await page.getByLabel(visitTexts.sign.password, { exact: false }).fill("khong-dung");
  await page.getByTestId("sign-submit").click();
  await expect(page.getByText(visitTexts.sign.wrongPassword)).toBeVisible();
  await page.getByLabel(visitTexts.sign.password, { exact: false }).fill(DEMO_PASSWORD);
  await page.getByTestId("sign-submit").click();
  await expect(page.getByTestId("signed-banner")).toHaveText(visitTexts.sign.signed);
  await expect(page.getByTestId("signature")).toContainText(doctor.displayName);
  await checkPage(page, "visit-signed");

  await page.getByRole("link", { name: visitTexts.header.chart }).click();
  await expect(page.getByRole("heading", { name: visitTexts.tabs.vitals }).or(page.locator("#vitals-heading"))).toBeVisible();
  await checkPage(page, "visit-chart", { fullPage: true });
});

test("a draft typed when the session expired is still there after signing in again", async ({ page, context }) => {
  const { visitId } = await queueOnePatient(Math.floor(Math.random() * 100) + 120);
  await signIn(page, doctor.email);
  await chooseRoom(page, "K01");
  await page.getByTestId("call-next").click();
  await expect(page).toHaveURL(new RegExp(`/visits/${visitId}/note`));
  await hydrated(page);

  // The session ends while she is typing.
  const cookie = (await context.cookies()).find((c) => c.name === "emr_session")!;
  const { createHash } = await import("node:crypto");
  const sessionId = createHash("sha256").update(cookie.value).digest("hex");
  await adminRows(sql`update sessions set expires_at = now() - interval '1 second' where id = ${sessionId}`);
  const typed = `Ho khan về đêm ${Date.now()}`;
  await page.getByLabel("Lý do khám").fill(typed);

  // The autosave meets the expired session: sign in again, and the typing comes back.
  await expect(page).toHaveURL(/\/sign-in\?/, { timeout: 10_000 });
  await expect(page.getByTestId("session-expired-notice")).toHaveText(vi.auth.signIn.expired);
  await page.getByLabel(vi.auth.signIn.email, { exact: false }).fill(doctor.email);
  await page.getByLabel(vi.auth.signIn.password, { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: vi.auth.signIn.submit }).click();
  await expect(page).toHaveURL(new RegExp(`/visits/${visitId}/note`));
  await expect(page.getByTestId("draft-restored")).toBeVisible();
  await expect(page.getByLabel("Lý do khám")).toHaveValue(typed);
  await checkPage(page, "visit-draft-restored");
  await page.getByRole("button", { name: visitTexts.note.save }).click();
  await expect(page.getByTestId("saved-banner")).toHaveText(visitTexts.note.saved);
  await expect(page.getByLabel("Lý do khám")).toHaveValue(typed);
});
