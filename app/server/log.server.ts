// Structured logs: one JSON object per line on stdout. They never carry patient data: no query strings,
// no form values, no database error details (which can quote a row's values).
export type LogRecord = Record<string, string | number | boolean | null | undefined>;

export function log(level: "info" | "warn" | "error", msg: string, fields: LogRecord = {}): void {
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
  if (level === "error") process.stderr.write(line + "\n");
  else process.stdout.write(line + "\n");
}

/** Logs an error by kind, code and stack, never by the values it may quote. */
export function logError(error: unknown, fields: LogRecord = {}): void {
  if (error instanceof Response) return; // thrown responses are answers, not failures
  const cause = error instanceof Error && error.cause && typeof error.cause === "object" ? (error.cause as Record<string, unknown>) : undefined;
  log("error", "unhandled error", {
    ...fields,
    errorName: error instanceof Error ? error.name : typeof error,
    // Postgres codes and constraint names say what failed without quoting data.
    dbCode: typeof cause?.code === "string" ? cause.code : undefined,
    dbConstraint: typeof cause?.constraint_name === "string" ? cause.constraint_name : undefined,
    stack: error instanceof Error ? scrubStack(error.stack) : undefined,
  });
}

/** The frames of a stack, without its first line (the message, which may quote data). */
function scrubStack(stack: string | undefined): string | undefined {
  return stack
    ?.split("\n")
    .filter((line) => line.trimStart().startsWith("at "))
    .slice(0, 12)
    .join("\n");
}

/** A request's route for the log: the path with identifiers folded, never the query string. */
export function routeForLog(pathname: string): string {
  return pathname
    .split("/")
    // Keep a Remix data suffix (".data") so that page and data requests stay apart in the log.
    .map((segment) => segment.replace(/^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f-]+|\d+)(?=$|\.data$)/i, ":id"))
    .join("/");
}
