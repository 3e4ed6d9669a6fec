// A person's sign-in identity: who they are (users) and what proves it (user_credentials), created
// together in the identity scope, the only one that may write a password hash (decision 020).
import { eq } from "drizzle-orm";
import { platformStaff, userCredentials, users } from "~db/schema";
import { withIdentity } from "~db/scope.server";
import { hashPassword } from "./password.server";

export type NewUser = {
  email: string;
  displayName: string;
  password: string;
  locale?: "vi" | "en";
};

/**
 * Creates a global identity, or returns the existing one for that e-mail (its password unchanged). A
 * platform staff account is never returned for hospital use: staff are not hospital members (decision 055).
 */
export async function ensureUser(input: NewUser): Promise<{ id: string; email: string }> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return withIdentity("create a staff identity", async (i) => {
    const [existing] = await i.db
      .select({ id: users.id, email: users.email, staffId: platformStaff.userId })
      .from(users)
      .leftJoin(platformStaff, eq(platformStaff.userId, users.id))
      .where(eq(users.email, email));
    if (existing?.staffId) throw new Error(`${email} is a platform staff account and cannot be a hospital member`);
    if (existing) return { id: existing.id, email: existing.email };
    const [row] = await i.db
      .insert(users)
      .values({ email, displayName: input.displayName, locale: input.locale ?? "vi" })
      .returning({ id: users.id, email: users.email });
    await i.db.insert(userCredentials).values({ userId: row!.id, passwordHash });
    return row!;
  });
}
