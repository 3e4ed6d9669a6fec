// Before every test file: point the database module at the test database, and treat console.error as a
// failure (an error logged and swallowed is a bug a test should see).
import { afterAll, afterEach, beforeEach, inject, vi } from "vitest";

if (!process.env.DATABASE_URL) process.env.EMR_PGLITE_SNAPSHOT = inject("pgliteSnapshot");

let errorSpy: ReturnType<typeof vi.spyOn> | undefined;
beforeEach(() => {
  errorSpy = vi.spyOn(console, "error");
});
afterEach(() => {
  const calls = errorSpy?.mock.calls ?? [];
  errorSpy?.mockRestore();
  if (calls.length > 0) throw new Error(`console.error was called: ${calls.map((c: unknown[]) => c.join(" ")).join("\n")}`);
});

afterAll(async () => {
  const { closeDatabase } = await import("~db/client.server");
  await closeDatabase();
});
