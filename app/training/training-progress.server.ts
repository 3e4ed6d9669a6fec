// Who has done which guided task in the practice copy (decision 043): read from the copy's audit log
// (the write-audit trigger records every insert with its actor), counts only, no patient data.
import { and, count, eq, inArray } from "drizzle-orm";
import { auditEvents, memberships, users, type StaffRole } from "~db/schema";
import { withPlatform, type TenantTx } from "~db/scope.server";
import { readTrainingProgress } from "~db/training-scope.server";
import { TRAINING_ACTIONS, tasksForRoles, type TrainingTaskId } from "./tasks";

export type TaskState = { id: TrainingTaskId; done: boolean };

export type TraineeProgress = { userId: string; roles: StaffRole[]; tasks: TaskState[] };

function statesFor(roles: readonly string[], doneActions: ReadonlySet<string>): TaskState[] {
  return tasksForRoles(roles).map((task) => ({ id: task.id, done: doneActions.has(task.action) }));
}

/**
 * In a practice copy: this person's guided tasks, each done or not, from what they did in the copy.
 */
export async function readMyPracticeTasks(t: TenantTx, userId: string, roles: readonly string[]): Promise<TaskState[]> {
  const rows = await t.db
    .select({ action: auditEvents.action, entries: count() })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.tenantId, t.tenantId),
        eq(auditEvents.actorId, userId),
        eq(auditEvents.actorKind, "user"),
        inArray(auditEvents.action, [...TRAINING_ACTIONS]),
      ),
    )
    .groupBy(auditEvents.action);
  return statesFor(roles, new Set(rows.filter((r) => r.entries > 0).map((r) => r.action)));
}

/**
 * In the real hospital (t): each member's guided tasks, done or not in the live practice copy, in the
 * order of the hospital's memberships. Empty tasks for a role that has none.
 */
export async function readTrainingChecklist(t: TenantTx): Promise<TraineeProgress[]> {
  const staff = await t.db
    .select({ userId: memberships.userId, roles: memberships.roles })
    .from(memberships)
    .where(and(eq(memberships.tenantId, t.tenantId), eq(memberships.active, true)))
    .orderBy(memberships.createdAt);
  const progress = await readTrainingProgress(t, TRAINING_ACTIONS);
  const doneBy = new Map<string, Set<string>>();
  for (const row of progress) {
    if (row.entries === 0) continue;
    const set = doneBy.get(row.actorId) ?? new Set<string>();
    set.add(row.action);
    doneBy.set(row.actorId, set);
  }
  return staff.map((s) => ({ userId: s.userId, roles: s.roles, tasks: statesFor(s.roles, doneBy.get(s.userId) ?? new Set()) }));
}

/** The names of these people, for the checklist. Platform scope: names live with the identities. */
export async function namesOfPeople(userIds: readonly string[]): Promise<Map<string, { displayName: string; email: string }>> {
  if (userIds.length === 0) return new Map();
  const rows = await withPlatform("training checklist: names of a hospital's staff", (p) =>
    p.db.select({ id: users.id, displayName: users.displayName, email: users.email }).from(users).where(inArray(users.id, [...userIds])),
  );
  return new Map(rows.map((r) => [r.id, { displayName: r.displayName, email: r.email }]));
}
