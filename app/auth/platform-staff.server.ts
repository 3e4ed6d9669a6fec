// Platform staff accounts (decision 055): a `users` identity plus a platform_staff row, written together
// in the identity scope. The TOTP secret is set at the first sign-in's enrolment, not here.
import { eq } from "drizzle-orm";
import { platformStaff, userCredentials, users, type PlatformStaffRole } from "~db/schema";
import { withIdentity } from "~db/scope.server";
import { hashPassword } from "./password.server";

export type NewPlatformStaff = {
  email: string;
  displayName: string;
  password: string;
  role: PlatformStaffRole;
  locale?: "vi" | "en";
};

export class StaffEmailTaken extends Error {
  constructor() {
    super("a person with this e-mail address already exists");
  }
}

/**
 * Creates a staff account. An e-mail address that already names anyone (a hospital user included) is
 * refused: staff accounts are separate from hospital accounts.
 */
export async function createPlatformStaff(input: NewPlatformStaff): Promise<{ id: string; email: string }> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return withIdentity("create a platform staff account", async (i) => {
    const [existing] = await i.db.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (existing) throw new StaffEmailTaken();
    const [row] = await i.db
      .insert(users)
      .values({ email, displayName: input.displayName, locale: input.locale ?? "vi" })
      .returning({ id: users.id, email: users.email });
    await i.db.insert(userCredentials).values({ userId: row!.id, passwordHash });
    await i.db.insert(platformStaff).values({ userId: row!.id, role: input.role });
    return row!;
  });
}
