// The guided first tasks of a practice copy (decision 043): what each role should try once, and the
// audit-log action that shows it was done there (the write-audit trigger records `<table>.insert`).
// Tables that do not exist yet simply never show up in the log, so a task stays "not done".
import type { StaffRole } from "~db/schema";

export const TRAINING_TASKS = [
  { id: "registerPatient", action: "patients.insert", roles: ["receptionist", "admin"] },
  { id: "recordVitals", action: "vitals.insert", roles: ["nurse", "admin"] },
  { id: "writeNote", action: "visit_notes.insert", roles: ["doctor", "admin"] },
] as const satisfies readonly { id: string; action: string; roles: readonly StaffRole[] }[];

export type TrainingTaskId = (typeof TRAINING_TASKS)[number]["id"];
export type TrainingTask = (typeof TRAINING_TASKS)[number];

/** The tasks a person with these roles is asked to do, in the list's order. */
export function tasksForRoles(roles: readonly string[]): TrainingTask[] {
  return TRAINING_TASKS.filter((task) => task.roles.some((role) => roles.includes(role)));
}

export const TRAINING_ACTIONS: readonly string[] = TRAINING_TASKS.map((task) => task.action);

/** Where a task is practised, below /h/<practice copy>; null when that page does not exist yet. */
export const TASK_PATHS: Readonly<Record<TrainingTaskId, string | null>> = {
  registerPatient: "patients/new",
  recordVitals: "worklist",
  writeNote: "worklist",
};
