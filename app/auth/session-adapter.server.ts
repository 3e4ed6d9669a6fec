// lucia's storage adapter, written for this project over withIdentity (docs/decisions/003-sessions.md).
// Besides storing sessions, it enforces both time limits against an injectable clock:
//   idle      expires_at, moved forward by activity (at most once a minute, so it is exact to within a
//             minute and costs one write a minute, not one per request);
//   absolute  absolute_expires_at, 12 h after sign-in, never moved; expires_at never passes it.
// lucia's own expiry check and half-life extension still run on top, with the real clock; they can only
// agree with what this adapter decided.
import { and, eq, lte, or, sql } from "drizzle-orm";
import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import { sessions, users } from "~db/schema";
import { withIdentity, type IdentityTx } from "~db/scope.server";

export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60_000;
/** Activity older than this moves the idle deadline; younger activity is already within tolerance. */
export const TOUCH_INTERVAL_MS = 60_000;

export type Clock = () => Date;

type SessionRow = typeof sessions.$inferSelect;

function toDatabaseSession(row: Pick<SessionRow, "id" | "userId" | "expiresAt" | "absoluteExpiresAt">): DatabaseSession {
  return {
    id: row.id,
    userId: row.userId,
    expiresAt: row.expiresAt,
    attributes: { absolute_expires_at: row.absoluteExpiresAt },
  };
}

function earlier(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}

/** More work for the session check's transaction once the session is known valid (session.server.ts). */
export type AfterValidSession = (i: IdentityTx, userId: string) => Promise<void>;

/**
 * `touch: false` validates without moving the idle deadline: a background refresh is not activity.
 * `afterValid` runs last in the validating transaction, only for a live session.
 */
export function createSessionAdapter(
  now: Clock,
  { touch = true, afterValid }: { touch?: boolean; afterValid?: AfterValidSession } = {},
): Adapter {
  return {
    async getSessionAndUser(sessionId): Promise<[DatabaseSession | null, DatabaseUser | null]> {
      return withIdentity("validate a session", async (p) => {
        const [row] = await p.db
          .select({
            id: sessions.id,
            userId: sessions.userId,
            expiresAt: sessions.expiresAt,
            absoluteExpiresAt: sessions.absoluteExpiresAt,
            email: users.email,
            displayName: users.displayName,
            locale: users.locale,
          })
          .from(sessions)
          .innerJoin(users, eq(users.id, sessions.userId))
          .where(eq(sessions.id, sessionId));
        if (!row) return [null, null];

        const at = now();
        if (row.expiresAt.getTime() <= at.getTime() || row.absoluteExpiresAt.getTime() <= at.getTime()) {
          await p.db.delete(sessions).where(eq(sessions.id, sessionId));
          return [null, null];
        }

        let expiresAt = row.expiresAt;
        const idleDeadline = earlier(new Date(at.getTime() + IDLE_TIMEOUT_MS), row.absoluteExpiresAt);
        if (touch && idleDeadline.getTime() - expiresAt.getTime() >= TOUCH_INTERVAL_MS) {
          expiresAt = idleDeadline;
          await p.db.update(sessions).set({ expiresAt }).where(eq(sessions.id, sessionId));
        }

        await afterValid?.(p, row.userId);
        const user: DatabaseUser = {
          id: row.userId,
          attributes: { email: row.email, display_name: row.displayName, locale: row.locale },
        };
        return [toDatabaseSession({ ...row, expiresAt }), user];
      });
    },

    async getUserSessions(userId) {
      const rows = await withIdentity("list a person's sessions", (p) =>
        p.db.select().from(sessions).where(eq(sessions.userId, userId)),
      );
      return rows.map(toDatabaseSession);
    },

    async setSession(session) {
      const absoluteExpiresAt = session.attributes.absolute_expires_at;
      // lucia computes expiresAt from the real clock; the adapter's clock is the one that counts.
      const expiresAt = earlier(new Date(now().getTime() + IDLE_TIMEOUT_MS), absoluteExpiresAt);
      await withIdentity("create a session", (p) =>
        p.db.insert(sessions).values({ id: session.id, userId: session.userId, expiresAt, absoluteExpiresAt }),
      );
    },

    async updateSessionExpiration(sessionId, expiresAt) {
      // Never past the absolute limit, whatever lucia asks for.
      await withIdentity("extend a session", (p) =>
        p.db
          .update(sessions)
          .set({ expiresAt: sql`least(${expiresAt.toISOString()}::timestamptz, ${sessions.absoluteExpiresAt})` })
          .where(eq(sessions.id, sessionId)),
      );
    },

    async deleteSession(sessionId) {
      await withIdentity("end a session", (p) => p.db.delete(sessions).where(eq(sessions.id, sessionId)));
    },

    async deleteUserSessions(userId) {
      await withIdentity("end all of a person's sessions", (p) => p.db.delete(sessions).where(eq(sessions.userId, userId)));
    },

    async deleteExpiredSessions() {
      const at = now();
      await withIdentity("delete expired sessions", (p) =>
        p.db.delete(sessions).where(or(lte(sessions.expiresAt, at), lte(sessions.absoluteExpiresAt, at))),
      );
    },
  };
}

/** Housekeeping at sign-in: a person's own dead sessions go, so the table does not grow without end. */
export async function deleteExpiredUserSessions(userId: string, at: Date): Promise<void> {
  await withIdentity("delete a person's expired sessions", (p) =>
    p.db
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), or(lte(sessions.expiresAt, at), lte(sessions.absoluteExpiresAt, at)))),
  );
}
