import { eq } from "drizzle-orm";
import { memberships, users, type StaffRole } from "~db/schema";
import { type Actor, withPlatform, withTenant } from "~db/scope.server";
import { hashPassword } from "~/auth/password.server";

export type NewStaff = {
  email: string;
  displayName: string;
  password: string;
  locale?: "vi" | "en";
};

/** Creates a global identity, or returns the existing one for that e-mail. */
export async function ensureUser(input: NewStaff): Promise<{ id: string; email: string }> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return withPlatform("create a staff identity", async (p) => {
    const [existing] = await p.db.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, email));
    if (existing) return existing;
    const [row] = await p.db
      .insert(users)
      .values({ email, displayName: input.displayName, passwordHash, locale: input.locale ?? "vi" })
      .returning({ id: users.id, email: users.email });
    return row!;
  });
}

/** Gives a person roles in one hospital. */
export async function addMembership(tenantId: string, userId: string, roles: StaffRole[], actor: Actor): Promise<void> {
  await withTenant(tenantId, actor, (t) =>
    t.db.insert(memberships).values({ tenantId: t.tenantId, userId, roles }).onConflictDoNothing(),
  );
}
