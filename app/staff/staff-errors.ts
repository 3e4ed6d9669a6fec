// What the staff and role functions refuse, as errors a route turns into a message (client-safe: no
// server imports). Each carries a reason the page translates (staff:errors.<reason>).

export type StaffRefusal = "lastManager" | "unknownPermission" | "unknownRole" | "codeTaken" | "invalidCode";

export class StaffRuleError extends Error {
  readonly reason: StaffRefusal;

  constructor(reason: StaffRefusal, message: string) {
    super(message);
    this.name = "StaffRuleError";
    this.reason = reason;
  }
}

export function isStaffRuleError(error: unknown): error is StaffRuleError {
  return error instanceof StaffRuleError;
}
