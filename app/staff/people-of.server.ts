// Who the members are (name, e-mail): users is a global table the tenant scope cannot read (decision 020),
// so a hospital's staff page asks the platform scope for exactly the people its memberships name.
import { inArray } from "drizzle-orm";
import { users } from "~db/schema";
import { withPlatform } from "~db/scope.server";

export type Person = { id: string; email: string; displayName: string };

/** The named people, by id; ids the caller read from its own hospital's memberships. */
export async function describePeople(userIds: readonly string[]): Promise<Map<string, Person>> {
  if (userIds.length === 0) return new Map();
  const rows = await withPlatform("names and e-mails of a hospital's members, for its staff settings", (p) =>
    p.db.select({ id: users.id, email: users.email, displayName: users.displayName }).from(users).where(inArray(users.id, [...userIds])),
  );
  return new Map(rows.map((row) => [row.id, row]));
}
