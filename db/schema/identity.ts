// Sign-in identities: people, their password hashes, sessions and sign-in attempts. Global tables without
// tenant_id (one person may work in several hospitals), reached only through withIdentity() (role
// emr_identity), which only app/auth/ may call (decision 020). The platform role may read `users`
// (who a person is) but nothing here that proves who they are.
import { sql } from "drizzle-orm";
import { bigserial, boolean, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

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
