// Inviting staff (issue 7, wizard step 4 and later the staff settings): an invitation row (token hashed,
// 7 days) and its e-mail in the outbox, in the hospital's transaction; the CSV import checks every row and
// imports nothing unless all are valid. Accepting is app/auth/accept-invitation.server.ts.
import { parse } from "csv-parse/sync";
import { and, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { departments, invitations, memberships, platformStaff, users } from "~db/schema";
import { type TenantTx, withPlatform } from "~db/scope.server";
import { isLanguage, type Language } from "~/i18n/config";
import { i18next } from "~/i18n/i18next.server";
import { composeMail, queueMail } from "~/mail/outbox.server";
import { generateInvitationToken, hashLinkToken } from "~/mail/token.server";
import { isKnownRole } from "./roles.server";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;
export const MAX_CSV_BYTES = 1_000_000;

export type InviteRow = { name: string; email: string; role: string; department: string };
/** A row's problem: a key of the setup namespace's staff.errors, with values. */
export type RowError = { row: number; field: keyof InviteRow | null; key: string; values?: Record<string, string | number> };

export type InviteContext = { origin: string; inviter: { id: string; displayName: string }; hospitalName: string; now?: Date };

export type CreatedInvitation = { email: string; name: string; link: string };

const emailSchema = z.string().email();

export function invitationLink(origin: string, token: string): string {
  return `${origin}/invite/${token}`;
}

/**
 * Ids of the people who already have an account, by (lower-cased) e-mail, and which of those are
 * platform staff (never invited: staff accounts are the vendor's, decision 055): read in the platform scope.
 */
async function findAccounts(emails: string[]): Promise<{ ids: Map<string, string>; staff: Set<string> }> {
  if (emails.length === 0) return { ids: new Map(), staff: new Set() };
  const rows = await withPlatform("find accounts for invitations", (p) =>
    p.db
      .select({ id: users.id, email: users.email, staffId: platformStaff.userId })
      .from(users)
      .leftJoin(platformStaff, eq(platformStaff.userId, users.id))
      .where(inArray(users.email, emails)),
  );
  return { ids: new Map(rows.map((r) => [r.email, r.id])), staff: new Set(rows.filter((r) => r.staffId !== null).map((r) => r.email)) };
}

/**
 * Checks rows (a form's one, or a file's many: `row` numbers are the file's lines) and, only if every
 * one is valid, invites them all in this transaction. Returns the errors, or the invitations made.
 */
export async function inviteStaff(
  openTx: <T>(fn: (t: TenantTx) => Promise<T>) => Promise<T>,
  rows: (InviteRow & { line: number })[],
  context: InviteContext,
): Promise<{ ok: false; errors: RowError[] } | { ok: true; invited: CreatedInvitation[] }> {
  const normalized = rows.map((r) => ({ ...r, name: r.name.trim(), email: r.email.trim().toLowerCase(), role: r.role.trim(), department: r.department.trim() }));
  const { ids: accounts, staff: staffEmails } = await findAccounts([...new Set(normalized.map((r) => r.email).filter((e) => emailSchema.safeParse(e).success))]);
  const now = context.now ?? new Date();
  return openTx(async (t) => {
    const errors: RowError[] = [];
    const seen = new Map<string, number>();
    const deps = await t.db.select({ id: departments.id, code: departments.code, name: departments.name }).from(departments).where(eq(departments.tenantId, t.tenantId));
    const accountIds = [...accounts.values()];
    const members = accountIds.length
      ? await t.db.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.tenantId, t.tenantId), inArray(memberships.userId, accountIds)))
      : [];
    const memberIds = new Set(members.map((m) => m.userId));
    const pending = await t.db
      .select({ email: invitations.email })
      .from(invitations)
      .where(and(eq(invitations.tenantId, t.tenantId), eq(invitations.status, "pending"), inArray(invitations.email, normalized.map((r) => r.email).concat([""]))));
    const pendingEmails = new Set(pending.map((p) => p.email));
    const valid: (typeof normalized[number] & { departmentId: string | null })[] = [];
    for (const r of normalized) {
      const before = errors.length;
      if (!r.name) errors.push({ row: r.line, field: "name", key: "nameRequired" });
      if (!emailSchema.safeParse(r.email).success) errors.push({ row: r.line, field: "email", key: "emailInvalid" });
      else if (seen.has(r.email)) errors.push({ row: r.line, field: "email", key: "duplicateInFile", values: { row: seen.get(r.email)! } });
      else if (staffEmails.has(r.email)) errors.push({ row: r.line, field: "email", key: "platformStaff" });
      else if (accounts.has(r.email) && memberIds.has(accounts.get(r.email)!)) errors.push({ row: r.line, field: "email", key: "alreadyMember" });
      else if (pendingEmails.has(r.email)) errors.push({ row: r.line, field: "email", key: "alreadyInvited" });
      if (!seen.has(r.email)) seen.set(r.email, r.line);
      if (!(await isKnownRole(t, r.role))) errors.push({ row: r.line, field: "role", key: "roleUnknown" });
      let departmentId: string | null = null;
      if (r.department) {
        const wanted = r.department.toLowerCase();
        const found = deps.find((d) => d.id === r.department || d.code.toLowerCase() === wanted || d.name.toLowerCase() === wanted);
        if (!found) errors.push({ row: r.line, field: "department", key: "departmentUnknown" });
        else departmentId = found.id;
      }
      if (errors.length === before) valid.push({ ...r, departmentId });
    }
    if (errors.length > 0) return { ok: false as const, errors };
    const invited: CreatedInvitation[] = [];
    for (const r of valid) {
      const token = generateInvitationToken(t.tenantId);
      const locale: Language = "vi";
      const roleName = (await i18next.getFixedT(locale, "setup"))(`roles.${r.role}` as never, { defaultValue: r.role }) as string;
      const link = invitationLink(context.origin, token);
      await t.db.insert(invitations).values({
        tenantId: t.tenantId,
        email: r.email,
        displayName: r.name,
        role: r.role,
        departmentId: r.departmentId,
        locale,
        tokenHash: hashLinkToken(token),
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
        invitedBy: context.inviter.id,
      });
      const mail = await composeMail(locale, "invite", { name: r.name, inviter: context.inviter.displayName, hospital: context.hospitalName, role: roleName, link });
      await queueMail(t, { hospitalId: t.tenantId, recipient: r.email, locale, kind: "invitation", ...mail });
      invited.push({ email: r.email, name: r.name, link });
    }
    return { ok: true as const, invited };
  });
}

export type CsvParse = { ok: true; rows: (InviteRow & { line: number })[] } | { ok: false; key: string; values?: Record<string, string> };

/** Reads an uploaded CSV: UTF-8 only (a BOM is fine), header name,email,role,department, at most 1 MB. */
export function parseInviteCsv(bytes: Uint8Array): CsvParse {
  if (bytes.byteLength > MAX_CSV_BYTES) return { ok: false, key: "tooLarge" };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, key: "notUtf8" };
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (error) {
    return { ok: false, key: "unreadable", values: { detail: String((error as Error).message).slice(0, 200) } };
  }
  const [header, ...body] = records;
  const expected = ["name", "email", "role", "department"];
  if (!header || header.length < 3 || expected.slice(0, header.length).some((h, i) => header[i]?.toLowerCase() !== h)) return { ok: false, key: "header" };
  if (body.length === 0) return { ok: false, key: "empty" };
  return {
    ok: true,
    rows: body.map((cells, index) => ({ line: index + 2, name: cells[0] ?? "", email: cells[1] ?? "", role: cells[2] ?? "", department: cells[3] ?? "" })),
  };
}

export type InvitationView = { id: string; name: string; email: string; role: string; status: "pending" | "accepted" | "revoked" | "expired" };

export async function listInvitations(t: TenantTx, now = new Date()): Promise<InvitationView[]> {
  const rows = await t.db
    .select()
    .from(invitations)
    .where(eq(invitations.tenantId, t.tenantId))
    .orderBy(desc(invitations.createdAt))
    .limit(500);
  return rows.map((r) => ({
    id: r.id,
    name: r.displayName,
    email: r.email,
    role: r.role,
    status: r.status === "pending" && r.expiresAt <= now ? "expired" : r.status,
  }));
}

export function localeOf(value: string): Language {
  return isLanguage(value) ? value : "vi";
}

