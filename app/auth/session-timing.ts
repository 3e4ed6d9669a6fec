// What the browser needs to know about the session's idle timeout (client-safe): when to warn, how a
// background refresh says so, and how sign-in learns that a session ran out (docs/architecture.md §5).

/** Warn this long before the idle timeout. */
export const SESSION_WARNING_MS = 2 * 60_000;

/**
 * A request with `?refresh=background` (a worklist polling, the expiry check itself) is validated
 * without counting as activity: only a person's own requests keep a session alive.
 */
export const BACKGROUND_REFRESH_PARAM = "refresh";
export const BACKGROUND_REFRESH_VALUE = "background";

/** `path` as a background refresh. */
export function backgroundRefreshHref(path: string): string {
  const url = new URL(path, "http://emr.invalid");
  url.searchParams.set(BACKGROUND_REFRESH_PARAM, BACKGROUND_REFRESH_VALUE);
  return url.pathname + url.search;
}

export function isBackgroundRefresh(url: URL): boolean {
  return url.searchParams.get(BACKGROUND_REFRESH_PARAM) === BACKGROUND_REFRESH_VALUE;
}

/** Where the page asks for the session's deadline (GET, background) and extends it (POST). */
export const SESSION_STATUS_PATH = "/session";

/** Sign-in's query flag for "the session you had ran out", so the page can say so. */
export const SIGN_IN_EXPIRED_PARAM = "expired";

/**
 * The session's deadline as the server sees it. `expiresAt` is the server's clock; the page compares it
 * with `serverNow` from the same answer, since ward PCs' clocks are often minutes off.
 */
export type SessionClock = { expiresAt: number; serverNow: number };
