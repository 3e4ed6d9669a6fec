// A signed-in person's language choice follows them to other computers (users.locale).
import { eq } from "drizzle-orm";
import { users } from "~db/schema";
import { withIdentity } from "~db/scope.server";
import type { Language } from "~/i18n/config";

export async function saveUserLocale(userId: string, locale: Language): Promise<void> {
  await withIdentity("save a person's language", (i) => i.db.update(users).set({ locale }).where(eq(users.id, userId)));
}
