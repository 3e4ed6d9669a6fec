// Sign-up, e-mail, verification, invitations and going live (issue 7), on the real database and a real
// SMTP server on loopback (smtp-server), reading the messages it receives.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailVerifications, hospitalProfiles, invitations, memberships, outbox, tenants, users } from "~db/schema";
import { systemActor, withPlatform, withTenant } from "~db/scope.server";
import { acceptInvitation, readInvitation } from "~/auth/accept-invitation.server";
import { MAX_SIGN_UPS_PER_ADDRESS, signUpHospital } from "~/auth/sign-up.server";
import { deliverOutbox, MAX_MAIL_ATTEMPTS, NO_SMTP } from "~/mail/outbox.server";
import { goLive } from "~/setup/wizard.server";
import { firstFreeSlug, slugFromName } from "~/signup/slug";
import { checkFormStamp, issueFormStamp } from "~/signup/form-stamp.server";
import { verifyEmailToken } from "~/signup/verification.server";
import { inviteStaff, parseInviteCsv } from "~/staff/invitations.server";
import { eq } from "drizzle-orm";
import { withAdmin } from "../support/admin";

const ORIGIN = "http://emr.test";
let facility = 10000 + Math.floor(Math.random() * 80000);
const nextFacility = () => String(facility++);

function signUpInput(overrides: Record<string, string> = {}) {
  return {
    hospitalName: "Bệnh viện Đa khoa huyện Thử Nghiệm",
    facilityCode: nextFacility(),
    province: "01",
    ward: "00070",
    adminName: "Trần Thị Quản Trị",
    email: `admin-${randomUUID()}@benhvien.test`,
    password: "mat-khau-dai-du",
    ...overrides,
  };
}

const ctx = (address = `sign-up-${randomUUID()}`) => ({ address, locale: "vi" as const, origin: ORIGIN });

// A real SMTP server on loopback; `failNext` refuses the next N messages with a 451.
const received: { to: string; subject: string; text: string }[] = [];
let failNext = 0;
let smtp: SMTPServer;
let smtpUrl = "";

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        if (failNext > 0) {
          failNext -= 1;
          return callback(Object.assign(new Error("try later"), { responseCode: 451 }));
        }
        const mail = await simpleParser(Buffer.concat(chunks));
        const to = Array.isArray(mail.to) ? mail.to[0]?.text : mail.to?.text;
        received.push({ to: to ?? "", subject: mail.subject ?? "", text: mail.text ?? "" });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function tenantBySlug(slug: string) {
  const [row] = await withPlatform("test", (p) => p.db.select().from(tenants).where(eq(tenants.slug, slug)));
  return row;
}

describe("the slug", () => {
  it("is the name without diacritics, unique with -2, -3", () => {
    expect(slugFromName("Bệnh viện Đa khoa huyện Tam Nông")).toBe("benh-vien-da-khoa-huyen-tam-nong");
    expect(slugFromName("  !!! ")).toBe("benh-vien");
    expect(firstFreeSlug("bv", new Set(["bv", "bv-2"]))).toBe("bv-3");
  });

  it("two hospitals of the same name get distinct slugs", async () => {
    const name = `Trạm Y tế xã Thử ${randomUUID().slice(0, 6)}`;
    const a = await signUpHospital(signUpInput({ hospitalName: name }), ctx());
    const b = await signUpHospital(signUpInput({ hospitalName: name }), ctx());
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(b.hospital.slug).toBe(`${a.hospital.slug}-2`);
  });
});

describe("sign-up", () => {
  it("creates the hospital (onboarding), its admin, membership, profile and the verification mail together", async () => {
    const input = signUpInput();
    const result = await signUpHospital(input, ctx());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const tenant = await tenantBySlug(result.hospital.slug);
    expect(tenant).toMatchObject({ status: "onboarding", facilityCode: input.facilityCode, provinceCode: "01", wardCode: "00070", verifiedAt: null });
    const [member] = await withTenant(result.hospital.id, systemActor("test"), (t) => t.db.select().from(memberships));
    expect(member).toMatchObject({ userId: result.userId, roles: ["admin"] });
    const profiles = await withTenant(result.hospital.id, systemActor("test"), (t) => t.db.select().from(hospitalProfiles));
    expect(profiles).toHaveLength(1);
    const mails = await withPlatform("test", (p) => p.db.select().from(outbox).where(eq(outbox.hospitalId, result.hospital.id)));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ recipient: input.email, kind: "verify-email", status: "queued" });
    expect(mails[0]!.bodyText).toContain(`${ORIGIN}/verify/`);
    expect(result.token).toBeTruthy();
  });

  it("leaves nothing behind when the last insert fails", async () => {
    const address = `fail-${randomUUID()}`;
    // One statement per call: the embedded database takes no more.
    await withAdmin(async ({ db }) => {
      await db.execute(sql.raw(`CREATE OR REPLACE FUNCTION test_fail_profile() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF current_setting('app.address', true) LIKE 'fail-%' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`));
      await db.execute(sql.raw(`CREATE TRIGGER test_fail_profile BEFORE INSERT ON hospital_profiles FOR EACH ROW EXECUTE FUNCTION test_fail_profile()`));
    });
    const input = signUpInput();
    try {
      await expect(signUpHospital(input, ctx(address))).rejects.toThrow();
    } finally {
      await withAdmin(async ({ db }) => {
        await db.execute(sql.raw(`DROP TRIGGER test_fail_profile ON hospital_profiles`));
        await db.execute(sql.raw(`DROP FUNCTION test_fail_profile()`));
      });
    }
    const left = await withAdmin(async ({ db }) => ({
      users: await db.select().from(users).where(eq(users.email, input.email)),
      tenants: await db.select().from(tenants).where(eq(tenants.facilityCode, input.facilityCode)),
      mails: await db.select().from(outbox).where(eq(outbox.recipient, input.email)),
    }));
    expect(left).toEqual({ users: [], tenants: [], mails: [] });
  });

  it("refuses a taken e-mail and a taken facility code, field by field, creating nothing", async () => {
    const first = signUpInput();
    expect((await signUpHospital(first, ctx())).ok).toBe(true);
    const again = signUpInput({ email: first.email.toUpperCase(), facilityCode: first.facilityCode });
    const result = await signUpHospital(again, ctx());
    expect(result).toEqual({ ok: false, reason: "invalid", errors: { email: "form.errors.emailTaken", facilityCode: "form.errors.facilityCodeTaken" } });
  });

  it("refuses a commune outside the chosen province", async () => {
    const result = await signUpHospital(signUpInput({ province: "04" }), ctx());
    expect(result).toMatchObject({ ok: false, errors: { ward: "form.errors.wardUnknown" } });
  });

  it("throttles one address", async () => {
    const address = `throttle-${randomUUID()}`;
    for (let i = 0; i < MAX_SIGN_UPS_PER_ADDRESS; i++) await signUpHospital(signUpInput({ province: "99" }), ctx(address));
    const result = await signUpHospital(signUpInput(), ctx(address));
    expect(result).toMatchObject({ ok: false, reason: "throttled" });
  });
});

describe("bot refusal", () => {
  it("accepts a form filled in after 3 s, refuses a faster one, an old one and a forged one", async () => {
    const issued = new Date("2026-01-01T00:00:00Z");
    const stamp = await issueFormStamp(issued);
    expect(await checkFormStamp(stamp, new Date(issued.getTime() + 10_000))).toBe("ok");
    expect(await checkFormStamp(stamp, new Date(issued.getTime() + 1_000))).toBe("too-fast");
    expect(await checkFormStamp(stamp, new Date(issued.getTime() + 25 * 3600_000))).toBe("expired");
    expect(await checkFormStamp(stamp.replace(/.$/, (c) => (c === "0" ? "1" : "0")), new Date(issued.getTime() + 10_000))).toBe("invalid");
    expect(await checkFormStamp(`${issued.getTime() - 60_000}.${"0".repeat(64)}`)).toBe("invalid");
  });
});

describe("the outbox", () => {
  it("without SMTP keeps messages queued and says why", async () => {
    const r = await signUpHospital(signUpInput(), ctx());
    if (!r.ok) throw new Error("sign-up failed");
    await deliverOutbox({ smtpUrl: undefined });
    const [mail] = await withPlatform("test", (p) => p.db.select().from(outbox).where(eq(outbox.hospitalId, r.hospital.id)));
    expect(mail).toMatchObject({ status: "queued", lastError: NO_SMTP, attempts: 0 });
  });

  it("delivers to a real SMTP server, and retries a refused message later", async () => {
    const input = signUpInput();
    const r = await signUpHospital(input, ctx());
    if (!r.ok) throw new Error("sign-up failed");
    failNext = 1000; // refuse everything on the first pass
    let now = new Date(Date.now() + 1000);
    await deliverOutbox({ smtpUrl, now });
    failNext = 0;
    const [failed] = await withPlatform("test", (p) => p.db.select().from(outbox).where(eq(outbox.hospitalId, r.hospital.id)));
    expect(failed).toMatchObject({ status: "queued", attempts: 1 });
    expect(failed!.lastError).toMatch(/451|try later/);
    now = new Date(now.getTime() + 10 * 60_000);
    await deliverOutbox({ smtpUrl, now });
    const [sent] = await withPlatform("test", (p) => p.db.select().from(outbox).where(eq(outbox.hospitalId, r.hospital.id)));
    expect(sent).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    const message = received.find((m) => m.to === input.email);
    expect(message?.subject).toContain(input.hospitalName);
    expect(message?.text).toMatch(/\/verify\/[a-z2-7]{52}/);
  });

  it("gives up after the last attempt", async () => {
    const r = await signUpHospital(signUpInput(), ctx());
    if (!r.ok) throw new Error("sign-up failed");
    let now = new Date(Date.now() + 1000);
    failNext = 100_000;
    for (let i = 0; i < MAX_MAIL_ATTEMPTS; i++) {
      await deliverOutbox({ smtpUrl, now });
      now = new Date(now.getTime() + 24 * 3600_000);
    }
    failNext = 0;
    const [mail] = await withPlatform("test", (p) => p.db.select().from(outbox).where(eq(outbox.hospitalId, r.hospital.id)));
    expect(mail).toMatchObject({ status: "failed", attempts: MAX_MAIL_ATTEMPTS });
  });
});

async function tokenFromOutbox(tenantId: string, kind: string): Promise<string> {
  const mails = await withPlatform("test", (p) => p.db.select().from(outbox).where(eq(outbox.hospitalId, tenantId)));
  const body = mails.filter((m) => m.kind === kind).at(-1)!.bodyText;
  return /\/(?:verify|invite)\/([0-9a-f]{32}[a-z2-7]{52}|[a-z2-7]{52})/.exec(body)![1]!;
}

describe("verification and going live", () => {
  it("refuses to go live unverified, verifies once within 24 h, then goes live", async () => {
    const r = await signUpHospital(signUpInput(), ctx());
    if (!r.ok) throw new Error("sign-up failed");
    const actor = { kind: "user" as const, userId: r.userId, address: "test" };
    expect(await withTenant(r.hospital.id, actor, (t) => goLive(t))).toBe("unverified");
    const token = await tokenFromOutbox(r.hospital.id, "verify-email");
    expect(await verifyEmailToken(token)).toEqual({ ok: true, hospitalSlug: r.hospital.slug });
    expect(await verifyEmailToken(token)).toEqual({ ok: false });
    expect(await withTenant(r.hospital.id, actor, (t) => goLive(t))).toBe("ok");
    expect((await tenantBySlug(r.hospital.slug))!.status).toBe("active");
    const [profile] = await withTenant(r.hospital.id, actor, (t) => t.db.select().from(hospitalProfiles));
    expect(profile!.liveAt).not.toBeNull();
    expect(await withTenant(r.hospital.id, actor, (t) => goLive(t))).toBe("not-onboarding");
  });

  it("refuses an expired link", async () => {
    const r = await signUpHospital(signUpInput(), ctx());
    if (!r.ok) throw new Error("sign-up failed");
    const token = await tokenFromOutbox(r.hospital.id, "verify-email");
    expect(await verifyEmailToken(token, new Date(Date.now() + 25 * 3600_000))).toEqual({ ok: false });
    const [v] = await withPlatform("test", (p) => p.db.select().from(emailVerifications).where(eq(emailVerifications.hospitalId, r.hospital.id)));
    expect(v!.usedAt).toBeNull();
  });

  it("the app role cannot write the registry except through go_live()", async () => {
    const r = await signUpHospital(signUpInput(), ctx());
    if (!r.ok) throw new Error("sign-up failed");
    await expect(
      withTenant(r.hospital.id, systemActor("test"), (t) => t.db.update(tenants).set({ status: "active" }).where(eq(tenants.id, r.hospital.id))),
    ).rejects.toThrow();
  });
});

describe("invitations", () => {
  async function hospitalWithAdmin() {
    const r = await signUpHospital(signUpInput(), ctx());
    if (!r.ok) throw new Error("sign-up failed");
    const actor = { kind: "user" as const, userId: r.userId, address: "test" };
    const openTx = <T,>(fn: (t: Parameters<Parameters<typeof withTenant>[2]>[0]) => Promise<T>) => withTenant(r.hospital.id, actor, fn);
    const context = { origin: ORIGIN, inviter: { id: r.userId, displayName: "Admin" }, hospitalName: r.hospital.name };
    return { r, openTx, context };
  }

  it("invites, and the invitee sets a password: account, membership and accepted invitation together", async () => {
    const { r, openTx, context } = await hospitalWithAdmin();
    const email = `tiepdon-${randomUUID()}@benhvien.test`;
    const result = await inviteStaff(openTx, [{ line: 1, name: "Lê Tiếp Đón", email, role: "receptionist", department: "" }], context);
    expect(result.ok).toBe(true);
    const token = await tokenFromOutbox(r.hospital.id, "invitation");
    expect(await readInvitation(token)).toMatchObject({ email, role: "receptionist", hasAccount: false });
    const accepted = await acceptInvitation(token, { password: "mat-khau-moi-dai", signedInUserId: null, address: "test", locale: "vi" });
    expect(accepted).toMatchObject({ ok: true, hospitalSlug: r.hospital.slug });
    if (!accepted.ok) return;
    const rows = await withTenant(r.hospital.id, systemActor("test"), async (t) => ({
      members: await t.db.select().from(memberships).where(eq(memberships.userId, accepted.userId)),
      invitations: await t.db.select().from(invitations),
    }));
    expect(rows.members[0]!.roles).toEqual(["receptionist"]);
    expect(rows.invitations[0]).toMatchObject({ status: "accepted", acceptedBy: accepted.userId });
    // Used once.
    expect(await acceptInvitation(token, { password: "mat-khau-moi-dai", signedInUserId: null, address: "test", locale: "vi" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("an existing account accepts as itself, signed in", async () => {
    const other = await hospitalWithAdmin();
    const { r, openTx, context } = await hospitalWithAdmin();
    const [existing] = await withPlatform("test", (p) => p.db.select().from(users).where(eq(users.id, other.r.userId)));
    await inviteStaff(openTx, [{ line: 1, name: "Bác sĩ", email: existing!.email, role: "doctor", department: "" }], context);
    const token = await tokenFromOutbox(r.hospital.id, "invitation");
    expect(await acceptInvitation(token, { password: "whatever-long", signedInUserId: null, address: "t", locale: "vi" })).toEqual({ ok: false, reason: "has-account" });
    expect(await acceptInvitation(token, { password: null, signedInUserId: other.r.userId, address: "t", locale: "vi" })).toMatchObject({ ok: true, token: null });
  });

  it("a CSV with bad rows reports each and imports nothing", async () => {
    const { r, openTx, context } = await hospitalWithAdmin();
    const [admin] = await withPlatform("test", (p) => p.db.select().from(users).where(eq(users.id, r.userId)));
    await inviteStaff(openTx, [{ line: 1, name: "Đã mời", email: "da-moi@benhvien.test", role: "nurse", department: "" }], context);
    const csv = [
      "name,email,role,department",
      "Nguyễn Văn Một,mot@benhvien.test,doctor,",
      "Sai E-mail,khong-phai-email,nurse,",
      "Vai Trò Lạ,la@benhvien.test,chief,",
      "Trùng,MOT@benhvien.test,nurse,",
      `Quản trị,${admin!.email},doctor,`,
      "Đã mời,da-moi@benhvien.test,nurse,",
      "Khoa lạ,khoa@benhvien.test,nurse,Khoa Không Có",
    ].join("\n");
    const parsed = parseInviteCsv(new TextEncoder().encode(csv));
    if (!parsed.ok) throw new Error("parse failed");
    const result = await inviteStaff(openTx, parsed.rows, context);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.row, e.key])).toEqual([
      [3, "emailInvalid"],
      [4, "roleUnknown"],
      [5, "duplicateInFile"],
      [6, "alreadyMember"],
      [7, "alreadyInvited"],
      [8, "departmentUnknown"],
    ]);
    const stored = await withTenant(r.hospital.id, systemActor("test"), (t) => t.db.select().from(invitations));
    expect(stored).toHaveLength(1);
  });

  it("refuses a file that is not UTF-8, over 1 MB, without the header, or empty", () => {
    const latin1 = Uint8Array.from([...new TextEncoder().encode("name,email,role,department\nNguy"), 0xea, 0x6e, 0x2c, 0x61]);
    expect(parseInviteCsv(latin1)).toMatchObject({ ok: false, key: "notUtf8" });
    expect(parseInviteCsv(new Uint8Array(1_000_001))).toMatchObject({ ok: false, key: "tooLarge" });
    expect(parseInviteCsv(new TextEncoder().encode("ten,mail\na,b"))).toMatchObject({ ok: false, key: "header" });
    expect(parseInviteCsv(new TextEncoder().encode("name,email,role,department\n"))).toMatchObject({ ok: false, key: "empty" });
    expect(parseInviteCsv(new TextEncoder().encode("\uFEFFname,email,role,department\nA,a@b.vn,nurse,"))).toMatchObject({ ok: true });
  });
});
