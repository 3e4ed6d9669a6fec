// Sign-in identities: people, their password hashes, sessions and sign-in attempts. Global tables without
// tenant_id (one person may work in several hospitals), reached only through withIdentity() (role
// emr_identity), which only app/auth/ may call (decision 020). The platform role may read `users`
// (who a person is) but nothing here that proves who they are.
import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const users = pgTable("users", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  // Stored lower-cased; the unique index is what makes sign-in by e-mail unambiguous.
  email: text("email").notNull().unique(),
  displayName: text("display_name").notNull(),
  locale: text("locale").notNull().default("vi"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** What proves a person's identity, apart from who they are, so that a grant on `users` never reveals it. */
export const userCredentials = pgTable("user_credentials", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id),
  /** argon2id, PHC string (app/auth/password.server.ts). */
  passwordHash: text("password_hash").notNull(),
});

export const sessions = pgTable(
  "sessions",
  {
    // SHA-256 (hex) of the token in the cookie: a leaked table yields no usable session.
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    // The absolute limit (12 h after sign-in), whatever the activity.
    absoluteExpiresAt: timestamp("absolute_expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    emailKey: text("email_key").notNull(),
    address: text("address").notNull(),
    succeeded: boolean("succeeded").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_in_attempts_email_idx").on(t.emailKey, t.at), index("sign_in_attempts_address_idx").on(t.address, t.at)],
);

// Platform staff (issue 9): the vendor's support, operations and owner accounts. A staff member is a
// `users` row (so that what they do inside a hospital under a support grant names a real person in every
// "recorded by" column) plus this row, which makes them staff. Staff sign in only at /admin, with a
// password and a TOTP code; the hospital sign-in refuses them (docs/decisions/055-platform-staff.md).
export const PLATFORM_STAFF_ROLES = ["support", "operations", "owner"] as const;
export type PlatformStaffRole = (typeof PLATFORM_STAFF_ROLES)[number];

export const platformStaff = pgTable("platform_staff", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id),
  role: text("role", { enum: PLATFORM_STAFF_ROLES }).notNull(),
  active: boolean("active").notNull().default(true),
  /** The TOTP shared secret (RFC 6238, 20 bytes, base32); null until enrolled. Identity scope only. */
  totpSecret: text("totp_secret"),
  totpEnrolledAt: timestamp("totp_enrolled_at", { withTimezone: true }),
  /** The last accepted 30-second step: a code is accepted once (no replay). */
  totpLastStep: bigint("totp_last_step", { mode: "number" }),
  /** SHA-256 (hex) of each unused recovery code; a used code is removed. */
  recoveryCodeHashes: text("recovery_code_hashes").array().notNull().default(sql`'{}'::text[]`),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Staff sessions, apart from hospital sessions: their own cookie, their own table, shorter limits. A
 * session is half-open after the password (second_factor_at null) and opens the console only once the
 * TOTP code or a recovery code is accepted.
 */
export const staffSessions = pgTable(
  "staff_sessions",
  {
    // SHA-256 (hex) of the token in the cookie.
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    secondFactorAt: timestamp("second_factor_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    absoluteExpiresAt: timestamp("absolute_expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("staff_sessions_user_idx").on(t.userId)],
);
