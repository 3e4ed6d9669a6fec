// E-mail and sign-up on the platform side (docs/decisions/032-mail-outbox.md): every message is first a row
// of the outbox, written in the transaction that caused it; a job delivers it. Global tables, reached
// through withPlatform() (the tenant role may only add messages: invitations are written in a hospital's
// transaction).
import { sql } from "drizzle-orm";
import { bigserial, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { tenants } from "./platform";

export const OUTBOX_STATUSES = ["queued", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const outbox = pgTable(
  "outbox",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    /** The hospital a message is about (not a tenant table: the platform owns the outbox). */
    hospitalId: uuid("hospital_id").references(() => tenants.id),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    bodyText: text("body_text").notNull(),
    /** What the message is for: "verify-email", "invitation". */
    kind: text("kind").notNull(),
    locale: text("locale").notNull().default("vi"),
    status: text("status", { enum: OUTBOX_STATUSES }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("outbox_due_idx").on(t.status, t.nextAttemptAt)],
);

/** The link that proves a hospital's first administrator owns their address: SHA-256 of the token, 24 h. */
export const emailVerifications = pgTable("email_verifications", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  hospitalId: uuid("hospital_id")
    .notNull()
    .references(() => tenants.id),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id),
  tokenHash: text("token_hash").notNull().unique(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Sign-up submissions per client address, for the throttle (app/auth/sign-up-throttle.server.ts). */
export const signUpAttempts = pgTable(
  "sign_up_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    address: text("address").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_up_attempts_address_idx").on(t.address, t.at)],
);

/** Keys the platform makes for itself (the sign-up form's signature), created on first use. */
export const platformSecrets = pgTable("platform_secrets", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
