// Drizzle 0.45 wraps database errors (DrizzleQueryError); the SQLSTATE is on `cause`, on both engines.
import { expect } from "vitest";

export const PG = {
  insufficientPrivilege: "42501",
  foreignKeyViolation: "23503",
  uniqueViolation: "23505",
} as const;

export function pgErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function pgErrorMessage(error: unknown): string {
  const cause = (error as { cause?: { message?: string } }).cause;
  return cause?.message ?? (error as Error).message;
}

/** Awaits `work` and asserts it failed with the given SQLSTATE (not merely "failed"). */
export async function expectPgError(work: Promise<unknown>, code: string): Promise<string> {
  let caught: unknown;
  try {
    await work;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected SQLSTATE ${code}, but the statement succeeded`).toBeDefined();
  expect(pgErrorCode(caught), pgErrorMessage(caught)).toBe(code);
  return pgErrorMessage(caught);
}
