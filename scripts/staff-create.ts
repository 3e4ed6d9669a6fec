// npm run staff:create -- --email owner@vendor.vn --name "Nguyễn Văn A" [--role owner|operations|support]
//                         [--password ...]
// Creates a platform staff account for the console at /admin (decision 055): the first owner on a fresh
// install, or anyone when the console is out of reach. Without --password a one-time password is made
// and printed once. The account sets up two-step sign-in (TOTP) at its first sign-in. Works on the
// embedded database (no DATABASE_URL: migrated first, as `npm run demo` does) and on Postgres (migrate
// with `npm run db:migrate` first). Recorded in the platform audit as done "via command".
import { parseArgs } from "node:util";
import { PLATFORM_STAFF_ROLES, type PlatformStaffRole } from "~db/schema";
import { closeDatabase } from "~db/client.server";
import { createPlatformStaff, generateStaffPassword, StaffEmailTaken } from "~/auth/platform-staff.server";

const USAGE = 'usage: npm run staff:create -- --email <address> --name "<full name>" [--role owner|operations|support] [--password <password>]';

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string", default: "owner" },
    password: { type: "string" },
    locale: { type: "string", default: "vi" },
  },
});

function fail(text: string): never {
  console.error(text);
  console.error(USAGE);
  process.exit(2);
}

const email = values.email?.trim() ?? "";
const name = values.name?.trim() ?? "";
if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail("--email: a valid e-mail address is required.");
if (!name) fail("--name: the person's full name is required.");
if (!PLATFORM_STAFF_ROLES.includes(values.role as PlatformStaffRole)) fail(`--role: one of ${PLATFORM_STAFF_ROLES.join(", ")}.`);
if (values.password !== undefined && values.password.length < 12) fail("--password: at least 12 characters.");
const locale = values.locale === "en" ? "en" : "vi";

const generated = values.password === undefined;
const password = values.password ?? generateStaffPassword();

try {
  if (!process.env.DATABASE_URL && !process.env.APP_DATABASE_URL) {
    const { migrateDatabase } = await import("~db/migrate.server");
    await migrateDatabase();
  }
  const staff = await createPlatformStaff({ email, displayName: name, password, role: values.role as PlatformStaffRole, locale }, "command");
  console.log(`Platform staff account created: ${staff.email} (${values.role}).`);
  if (generated) {
    console.log(`One-time password (shown only now): ${password}`);
  }
  console.log("Sign in at /admin/sign-in; the first sign-in sets up two-step sign-in with an authenticator app.");
} catch (error) {
  if (error instanceof StaffEmailTaken) {
    console.error(`${email} already has an account (staff or hospital): staff accounts need an address of their own.`);
    process.exitCode = 1;
  } else {
    throw error;
  }
} finally {
  await closeDatabase();
}
