// The outbox (docs/decisions/032-mail-outbox.md): a message is a row written in the transaction that
// caused it (sign-up, an invitation), so it exists exactly when what it announces does. A job delivers
// due messages over SMTP when SMTP_URL is set, with retries and backoff; without SMTP they stay queued,
// marked "not sent: no SMTP configured", for an operator (`npm run mail:outbox`).
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { outbox } from "~db/schema";
import { type PlatformTx, type TenantTx, withPlatform } from "~db/scope.server";
import type { Language } from "~/i18n/config";
import { i18next } from "~/i18n/i18next.server";

export type MailKind = "verify-email" | "invitation" | "support-request" | "support-emergency";

export type Mail = {
  hospitalId: string | null;
  recipient: string;
  locale: Language;
  kind: MailKind;
  subject: string;
  bodyText: string;
};

export const NO_SMTP = "not sent: no SMTP configured";
/** After this many failed attempts a message is marked failed and no longer tried. */
export const MAX_MAIL_ATTEMPTS = 5;
const FIRST_RETRY_MS = 30_000;
/** A message being sent is leased for this long: a crashed sender's messages come due again after it. */
const LEASE_MS = 5 * 60_000;
const BATCH = 20;

/**
 * Writes a message to the outbox, in the caller's transaction: the platform scope writes the row; a
 * hospital's transaction goes through queue_mail(), which files it under that hospital only.
 */
export async function queueMail(scope: PlatformTx | TenantTx, mail: Mail): Promise<void> {
  if ("tenantId" in scope) {
    await scope.db.execute(
      sql`select queue_mail(${mail.recipient}, ${mail.subject}, ${mail.bodyText}, ${mail.kind}, ${mail.locale})`,
    );
    return;
  }
  await scope.db.insert(outbox).values({
    hospitalId: mail.hospitalId,
    recipient: mail.recipient,
    locale: mail.locale,
    kind: mail.kind,
    subject: mail.subject,
    bodyText: mail.bodyText,
  });
}

/** Subject and body of a message from the mail namespace, in the recipient's language. */
export async function composeMail(
  locale: Language,
  key: "verify" | "invite",
  values: Record<string, string>,
): Promise<{ subject: string; bodyText: string }> {
  // The keys are checked by type here; the values are the caller's (each message names its own).
  const fixed = await i18next.getFixedT(locale, "mail");
  const t = fixed as unknown as (k: `${typeof key}.subject` | `${typeof key}.body`, v: Record<string, string>) => string;
  return { subject: t(`${key}.subject`, values), bodyText: t(`${key}.body`, values) };
}

let cached: { url: string; transport: Transporter } | null = null;

function transportFor(url: string): Transporter {
  if (cached?.url !== url) cached = { url, transport: nodemailer.createTransport(url) };
  return cached.transport;
}

export type DeliveryReport = { sent: number; failed: number; unsent: number };

export type DeliveryOptions = { smtpUrl?: string | undefined; from?: string; now?: Date };

/**
 * Sends what is due. Each message is first leased (its next attempt moved past the lease) in a short
 * transaction, sent outside any transaction, then marked sent, or failed with the error and a later
 * attempt (30 s, 1, 2, 4 min...), or failed for good after MAX_MAIL_ATTEMPTS.
 */
export async function deliverOutbox(options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const smtpUrl = "smtpUrl" in options ? options.smtpUrl : process.env.SMTP_URL || undefined;
  const from = options.from ?? (process.env.MAIL_FROM || "EMR <no-reply@localhost>");
  const now = options.now ?? new Date();
  const report: DeliveryReport = { sent: 0, failed: 0, unsent: 0 };
  if (!smtpUrl) {
    const marked = await withPlatform("mark the outbox unsent: no SMTP", (p) =>
      p.db
        .update(outbox)
        .set({ lastError: NO_SMTP })
        .where(and(eq(outbox.status, "queued"), sql`${outbox.lastError} is distinct from ${NO_SMTP}`))
        .returning({ id: outbox.id }),
    );
    report.unsent = marked.length;
    return report;
  }
  const due = await withPlatform("lease due e-mail", async (p) => {
    const rows = await p.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.status, "queued"), lte(outbox.nextAttemptAt, now)))
      .orderBy(asc(outbox.nextAttemptAt))
      .limit(BATCH)
      .for("update", { skipLocked: true });
    if (rows.length > 0) {
      await p.db
        .update(outbox)
        .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
        .where(inArray(outbox.id, rows.map((r) => r.id)));
    }
    return rows;
  });
  const transport = transportFor(smtpUrl);
  for (const message of due) {
    try {
      await transport.sendMail({ from, to: message.recipient, subject: message.subject, text: message.bodyText });
      await withPlatform("record a sent e-mail", (p) =>
        p.db
          .update(outbox)
          .set({ status: "sent", sentAt: new Date(), attempts: message.attempts + 1, lastError: null })
          .where(eq(outbox.id, message.id)),
      );
      report.sent += 1;
    } catch (error) {
      const attempts = message.attempts + 1;
      const givesUp = attempts >= MAX_MAIL_ATTEMPTS;
      await withPlatform("record a failed e-mail", (p) =>
        p.db
          .update(outbox)
          .set({
            attempts,
            lastError: String((error as Error).message ?? error).slice(0, 500),
            status: givesUp ? "failed" : "queued",
            nextAttemptAt: new Date(now.getTime() + FIRST_RETRY_MS * 2 ** (attempts - 1)),
          })
          .where(eq(outbox.id, message.id)),
      );
      report.failed += 1;
    }
  }
  return report;
}

export type OutboxEntry = typeof outbox.$inferSelect;

/** The latest messages, newest first (the operator's script, tests). */
export async function listOutbox(limit = 50): Promise<OutboxEntry[]> {
  return withPlatform("read the outbox", (p) => p.db.select().from(outbox).orderBy(sql`${outbox.createdAt} desc`).limit(limit));
}

/** Whether a message of this kind to this address is still unsent (the page says "we could not send the mail"). */
export async function hasUnsentMail(recipient: string, kind: MailKind): Promise<boolean> {
  const [row] = await withPlatform("check for unsent e-mail", (p) =>
    p.db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.recipient, recipient), eq(outbox.kind, kind), sql`${outbox.status} <> 'sent'`, sql`${outbox.lastError} is not null`))
      .limit(1),
  );
  return Boolean(row);
}
