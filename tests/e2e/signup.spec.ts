// A hospital signs itself up (issue 7): landing page -> sign-up -> the verification mail (read from the
// outbox: the e2e server has no SMTP server) -> verify -> wizard step 1 -> invite a receptionist ->
// the receptionist accepts in a second browser -> go live. Steps 2, 3 and 5 are the templates' pages.
import { expect } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import postgres from "postgres";
import type viSetup from "~/locales/vi/setup.json";
import type viSignup from "~/locales/vi/signup.json";
import { checkPage, test, waitForHydration } from "./helpers";

const signup = JSON.parse(readFileSync("app/locales/vi/signup.json", "utf8")) as typeof viSignup;
const setup = JSON.parse(readFileSync("app/locales/vi/setup.json", "utf8")) as typeof viSetup;

async function mailBodyTo(recipient: string): Promise<string> {
  const sql = postgres(process.env.DATABASE_URL!, { max: 1 });
  try {
    const rows = await sql<{ body_text: string }[]>`select body_text from outbox where recipient = ${recipient} order by created_at desc limit 1`;
    return rows[0]?.body_text ?? "";
  } finally {
    await sql.end();
  }
}

test.skip(!process.env.DATABASE_URL, "reads the outbox from Postgres (DATABASE_URL)");

test("a hospital signs up, verifies, invites a receptionist who joins, and goes live", async ({ page, browser }) => {
  test.setTimeout(300_000);
  const tag = randomUUID().slice(0, 8);
  const email = `quantri-${tag}@benhvien.test`;
  const facility = String(10000 + Math.floor(Math.random() * 89999));

  await page.goto("/");
  await checkPage(page, "signup-01-landing");
  await page.getByRole("link", { name: signup.landing.cta }).click();
  await expect(page).toHaveURL(/\/sign-up$/);
  await waitForHydration(page);
  await page.getByLabel(signup.signUp.province).selectOption("01");
  await expect(page).toHaveURL(/province=01/);
  await page.getByLabel(signup.signUp.ward).selectOption("00070");
  await page.getByLabel(signup.signUp.hospitalName, { exact: false }).fill(`Bệnh viện Thử ${tag}`);
  await page.getByLabel(signup.signUp.facilityCode, { exact: false }).fill(facility);
  await page.getByLabel(signup.signUp.adminName).fill("Trần Thị Quản Trị");
  await page.getByLabel(signup.signUp.email, { exact: false }).fill(email);
  await page.getByLabel(signup.signUp.password, { exact: false }).fill("mat-khau-dai-du");
  await checkPage(page, "signup-02-form", { fullPage: true });
  await page.waitForTimeout(3_200); // the form refuses submissions faster than 3 s (decision 033)
  await page.getByRole("button", { name: signup.signUp.submit }).click();
  await expect(page).toHaveURL(/\/h\/benh-vien-thu-[a-z0-9-]+\/setup\/profile$/);
  const slug = /\/h\/([^/]+)\//.exec(page.url())![1]!;
  await expect(page.getByTestId("unverified")).toBeVisible();
  await expect(page.getByTestId("step-of")).toHaveText("Bước 1/6");
  await checkPage(page, "signup-03-wizard-profile", { fullPage: true });

  const link = /https?:\/\/\S+\/verify\/[a-z2-7]{52}/.exec(await mailBodyTo(email))![0];
  await page.goto(new URL(link).pathname);
  await expect(page.getByTestId("verified")).toBeVisible();
  await checkPage(page, "signup-04-verified");

  await page.goto(`/h/${slug}/setup/profile`);
  await expect(page.getByTestId("unverified")).toHaveCount(0);
  await page.getByLabel(setup.profile.kinds.district_general).check();
  await page.getByLabel(setup.profile.beds, { exact: false }).fill("120");
  await page.getByLabel(setup.profile.phone).fill("0210 3856 123");
  await page.getByRole("button", { name: setup.wizard.saveAndNext }).click();
  await expect(page).toHaveURL(new RegExp(`/h/${slug}/setup/template$`));

  await page.goto(`/h/${slug}/setup/staff`);
  await expect(page.getByTestId("step-of")).toHaveText("Bước 4/6");
  const receptionist = `tiepdon-${tag}@benhvien.test`;
  await page.getByLabel(setup.staff.name, { exact: true }).fill("Lê Văn Tiếp Đón");
  await page.getByLabel(setup.staff.email, { exact: true }).fill(receptionist);
  await page.getByLabel(setup.staff.role, { exact: true }).selectOption("receptionist");
  await page.getByRole("button", { name: setup.staff.invite }).click();
  await expect(page.getByTestId("invited")).toBeVisible();
  const inviteLink = (await page.getByTestId("invite-link").textContent())!;
  await checkPage(page, "signup-05-staff-invited", { fullPage: true });

  const other = await browser.newContext();
  const invitee = await other.newPage();
  await invitee.goto(new URL(inviteLink).pathname);
  await checkPage(invitee, "signup-06-invitation");
  await invitee.getByLabel(signup.invite.password, { exact: false }).fill("mat-khau-tiep-don");
  await invitee.getByRole("button", { name: signup.invite.submit }).click();
  await expect(invitee).toHaveURL(new RegExp(`/h/${slug}(/patients)?$`));
  await invitee.screenshot({ path: "test-results/screens/signup-07-receptionist-home.png" });
  await other.close();

  await page.goto(`/h/${slug}/setup/review`);
  await expect(page.getByTestId("checklist")).toContainText(setup.review.items.verified);
  await checkPage(page, "signup-08-review", { fullPage: true });
  await page.getByRole("button", { name: setup.review.goLive }).click();
  await expect(page).toHaveURL(new RegExp(`/h/${slug}(/patients)?$`));
  await checkPage(page, "signup-09-live-home");
});
