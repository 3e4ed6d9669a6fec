// Issue 7, what it must show: from the landing page to a receptionist of a brand-new hospital registering
// its first patient, on the template's defaults. Sign up, verify by the link in the real message (the
// outbox row the mail worker would send: the e2e server has no SMTP server), the wizard (profile; the
// district template; departments and services as prefilled; invite a receptionist; go live), the
// receptionist accepts in a second browser, registers a patient, then practises in the practice copy the
// administrator opened; the real hospital never sees the practice patient. Screenshots at 1366×768 in
// test-results/screens/golive-*.png. The same path, timed and counted: npm run bench:golive.
import { expect, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import postgres from "postgres";
import type viSetup from "~/locales/vi/setup.json";
import type viSignup from "~/locales/vi/signup.json";
import type viTemplates from "~/locales/vi/templates.json";
import type viTraining from "~/locales/vi/training.json";
import type viReception from "~/locales/vi/reception.json";
import { checkPage, search, test, vi, waitForHydration } from "./helpers";

const json = <T,>(path: string) => JSON.parse(readFileSync(path, "utf8")) as T;
const signup = json<typeof viSignup>("app/locales/vi/signup.json");
const setup = json<typeof viSetup>("app/locales/vi/setup.json");
const tpl = json<typeof viTemplates>("app/locales/vi/templates.json");
const training = json<typeof viTraining>("app/locales/vi/training.json");
const reception = json<typeof viReception>("app/locales/vi/reception.json");

async function query<T extends object>(run: (sql: postgres.Sql) => Promise<T[]>): Promise<T[]> {
  const sql = postgres(process.env.DATABASE_URL!, { max: 1 });
  try {
    return await run(sql);
  } finally {
    await sql.end();
  }
}

/** The newest message of a kind to a person, as queued for sending. */
async function mailBodyTo(recipient: string): Promise<string> {
  const rows = await query((sql) => sql<{ body_text: string }[]>`select body_text from outbox where recipient = ${recipient} order by created_at desc limit 1`);
  return rows[0]?.body_text ?? "";
}

/** Letters only: names are searched by words, and a hex digit would not be a Vietnamese name. */
const madeUpWord = () => [...randomUUID().slice(0, 5)].map((c) => "abcdeghiklmnopqrstu"[parseInt(c, 16)]).join("");

async function registerPatient(page: Page, name: string, birthDate: string) {
  await page.getByLabel(vi.patients.fields.fullName, { exact: false }).fill(name);
  await page.getByLabel(vi.patients.fields.birthDate, { exact: false }).fill(birthDate);
  await page.getByRole("radio", { name: vi.patients.sex.female }).check();
  await page.getByRole("button", { name: vi.patients.register.submit, exact: true }).click();
  await expect(page.getByTestId("registered-banner")).toBeVisible();
  await expect(page.getByTestId("visit-patient-name")).toHaveText(name);
}

test.skip(!process.env.DATABASE_URL, "reads the outbox from Postgres (DATABASE_URL)");

test("a new hospital goes live on its template's defaults and its receptionist registers the first patient, then practises", async ({ page, browser }) => {
  test.setTimeout(420_000); // some twenty pages, each checked with axe, on a shared machine
  const tag = randomUUID().slice(0, 8);
  const email = `giamdoc-${tag}@benhvien.test`;
  const facility = String(10000 + Math.floor(Math.random() * 89999));

  // 1. The landing page and the sign-up form.
  await page.goto("/");
  await checkPage(page, "golive-01-landing");
  await page.getByRole("link", { name: signup.landing.cta }).click();
  await expect(page).toHaveURL(/\/sign-up$/);
  await waitForHydration(page);
  await page.getByLabel(signup.signUp.province).selectOption("01");
  await expect(page).toHaveURL(/province=01/);
  await page.getByLabel(signup.signUp.ward).selectOption("00070");
  await page.getByLabel(signup.signUp.hospitalName, { exact: false }).fill(`Trung tâm Y tế Thử ${tag}`);
  await page.getByLabel(signup.signUp.facilityCode, { exact: false }).fill(facility);
  await page.getByLabel(signup.signUp.adminName).fill("Nguyễn Thị Giám Đốc");
  await page.getByLabel(signup.signUp.email, { exact: false }).fill(email);
  await page.getByLabel(signup.signUp.password, { exact: false }).fill("mat-khau-giam-doc");
  await checkPage(page, "golive-02-sign-up", { fullPage: true });
  await page.waitForTimeout(3_200); // the form refuses submissions faster than 3 s (decision 033)
  await page.getByRole("button", { name: signup.signUp.submit }).click();
  await expect(page).toHaveURL(/\/h\/trung-tam-y-te-thu-[a-z0-9-]+\/setup\/profile$/);
  const slug = /\/h\/([^/]+)\//.exec(page.url())![1]!;
  const base = `/h/${slug}`;

  // 2. The verification message's link.
  const link = /https?:\/\/\S+\/verify\/[a-z2-7]{52}/.exec(await mailBodyTo(email))?.[0];
  expect(link, "the verification message carries its link").toBeTruthy();
  await page.goto(new URL(link!).pathname);
  await expect(page.getByTestId("verified")).toBeVisible();
  await checkPage(page, "golive-03-verified");

  // 3. Wizard step 1: the profile (kind and beds; the phone and address may wait).
  await page.goto(`${base}/setup`);
  await expect(page).toHaveURL(new RegExp(`${base}/setup/profile$`));
  await expect(page.getByTestId("unverified")).toHaveCount(0);
  await expect(page.getByTestId("step-of")).toHaveText("Bước 1/6");
  await page.getByLabel(setup.profile.kinds.district_general).check();
  await page.getByLabel(setup.profile.beds, { exact: false }).fill("80");
  await checkPage(page, "golive-04-profile", { fullPage: true });
  await page.getByRole("button", { name: setup.wizard.saveAndNext }).click();

  // 4. Step 2: the district template, applied. One wizard: one "Bước 2/6", inside the wizard's frame.
  await expect(page).toHaveURL(new RegExp(`${base}/setup/template$`));
  await expect(page.getByTestId("step-of")).toHaveText("Bước 2/6");
  await expect(page.getByText(/Bước \d\/6/)).toHaveCount(1);
  await page.getByTestId("template-district-hospital").getByRole("button", { name: tpl.choose.apply }).click();
  await expect(page).toHaveURL(/applied=1/);
  await expect(page.getByTestId("template-applied")).toBeVisible();
  await checkPage(page, "golive-05-template", { fullPage: true });
  await page.getByTestId("wizard-continue").click();

  // 5. Step 3: departments and rooms as the template made them.
  await expect(page).toHaveURL(new RegExp(`${base}/setup/departments$`));
  await expect(page.getByTestId("step-of")).toHaveText("Bước 3/6");
  await expect(page.getByText(/Bước \d\/6/)).toHaveCount(1);
  await expect(page.getByTestId("room-K01")).toBeVisible();
  await checkPage(page, "golive-06-departments");
  await page.getByTestId("wizard-continue").click();

  // 6. Step 4: invite a receptionist; the invitation goes out as a message.
  await expect(page).toHaveURL(new RegExp(`${base}/setup/staff$`));
  await expect(page.getByTestId("step-of")).toHaveText("Bước 4/6");
  const receptionist = `letan-${tag}@benhvien.test`;
  await page.getByLabel(setup.staff.name, { exact: true }).fill("Lê Thị Lễ Tân");
  await page.getByLabel(setup.staff.email, { exact: true }).fill(receptionist);
  await page.getByLabel(setup.staff.role, { exact: true }).selectOption("receptionist");
  await page.getByRole("button", { name: setup.staff.invite }).click();
  await expect(page.getByTestId("invited")).toBeVisible();
  await checkPage(page, "golive-07-staff-invited", { fullPage: true });
  await page.getByRole("button", { name: setup.wizard.markDone }).click();

  // 7. Step 5: the services and prices as prefilled.
  await expect(page).toHaveURL(new RegExp(`${base}/setup/services$`));
  await expect(page.getByTestId("step-of")).toHaveText("Bước 5/6");
  await expect(page.getByText(/Bước \d\/6/)).toHaveCount(1);
  await checkPage(page, "golive-08-services");
  await page.getByTestId("wizard-continue").click();

  // 8. The receptionist accepts the invitation from the message, in a browser of her own.
  const inviteLink = /https?:\/\/\S+\/invite\/\S+/.exec(await mailBodyTo(receptionist))?.[0];
  expect(inviteLink, "the invitation carries its link").toBeTruthy();
  const hers = await browser.newContext();
  const desk = await hers.newPage();
  await desk.goto(new URL(inviteLink!).pathname);
  await checkPage(desk, "golive-09-invitation");
  await desk.getByLabel(signup.invite.password, { exact: false }).fill("mat-khau-le-tan");
  await desk.getByRole("button", { name: signup.invite.submit }).click();
  await expect(desk).toHaveURL(new RegExp(`${base}(/[a-z/]*)?$`));

  // 9. Step 6: the checklist, all ticked; go live.
  await expect(page).toHaveURL(new RegExp(`${base}/setup/review$`));
  await page.reload();
  await expect(page.getByTestId("step-of")).toHaveText("Bước 6/6");
  await expect(page.getByTestId("checklist")).toContainText(setup.review.items.verified);
  await checkPage(page, "golive-10-review", { fullPage: true });
  await page.getByRole("button", { name: setup.review.goLive }).click();
  await expect(page).toHaveURL(new RegExp(`${base}(/[a-z]*)?$`));
  await checkPage(page, "golive-11-live");

  // 10. The receptionist registers the hospital's first patient at the desk.
  const realName = `Trần Văn Thật ${madeUpWord()}`;
  await desk.goto(`${base}/reception`);
  await expect(desk.getByRole("heading", { name: reception.home.heading, level: 1 })).toBeVisible();
  await checkPage(desk, "golive-12-reception");
  await desk.goto(`${base}/patients/new`);
  await registerPatient(desk, realName, "12/08/1975");
  await checkPage(desk, "golive-13-first-patient");

  // 11. The administrator opens the practice copy.
  await page.goto(`${base}/training`);
  await page.locator('form:has(input[name="intent"][value="open"]) button').click();
  await expect(page).toHaveURL(new RegExp(`${base}-thuc-hanh$`));
  await expect(page.getByTestId("practice-banner")).toBeVisible();
  await checkPage(page, "golive-14-practice-opened");

  // 12. The receptionist enters it from her top bar, sees the banner, registers a made-up patient.
  await desk.goto(`${base}/reception`);
  await desk.getByRole("link", { name: training.nav.practice, exact: true }).click();
  await expect(desk).toHaveURL(new RegExp(`${base}-thuc-hanh$`));
  await expect(desk.getByTestId("practice-banner")).toContainText(training.banner.title);
  await checkPage(desk, "golive-15-practice-home");
  const practiceName = `Phạm Thị Tập ${madeUpWord()}`;
  await desk.goto(`${base}-thuc-hanh/patients/new`);
  await expect(desk.getByTestId("practice-banner")).toBeVisible();
  await registerPatient(desk, practiceName, "03/04/1992");
  await expect(desk.getByTestId("practice-banner")).toBeVisible();
  await checkPage(desk, "golive-16-practice-patient");

  // 13. Back in the real hospital: the practice patient is nowhere, the real one is there, and alone.
  await desk.getByTestId("practice-banner").getByRole("link", { name: training.banner.backToReal }).click();
  await expect(desk.getByTestId("practice-banner")).toHaveCount(0);
  await desk.goto(`${base}/patients`);
  await search(desk, practiceName);
  await expect(desk.getByRole("link", { name: practiceName })).toHaveCount(0);
  await checkPage(desk, "golive-17-real-without-practice");
  await search(desk, realName);
  await expect(desk.getByRole("link", { name: realName })).toBeVisible();
  const [real] = await query((sql) => sql<{ n: number }[]>`select count(*)::int as n from patients p join tenants t on t.id = p.tenant_id where t.slug = ${slug}`);
  expect(real!.n, "the real hospital has its one patient").toBe(1);
  const [practice] = await query((sql) => sql<{ n: number }[]>`select count(*)::int as n from patients p join tenants t on t.id = p.tenant_id where t.slug = ${`${slug}-thuc-hanh`} and p.full_name = ${practiceName}`);
  expect(practice!.n, "the practice patient is in the practice copy").toBe(1);
  await hers.close();
});
