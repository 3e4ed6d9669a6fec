// The set-up wizard's six steps, in order (issue 7): each is a route below /h/:hospital/setup/<segment>.
// Steps 2, 3 and 5 belong to the templates' routes; this list is what the progress bar and the
// "resume where you left off" redirect read. A finished step's segment is recorded in
// hospital_profiles.completed_steps (markStepDone in wizard.server.ts).
export const SETUP_STEPS = [
  { segment: "profile", titleKey: "wizard.steps.profile" },
  { segment: "template", titleKey: "wizard.steps.template" },
  { segment: "departments", titleKey: "wizard.steps.departments" },
  { segment: "staff", titleKey: "wizard.steps.staff" },
  { segment: "services", titleKey: "wizard.steps.services" },
  { segment: "review", titleKey: "wizard.steps.review" },
] as const;

export type SetupStep = (typeof SETUP_STEPS)[number]["segment"];

export function isSetupStep(value: unknown): value is SetupStep {
  return SETUP_STEPS.some((s) => s.segment === value);
}

/** The step after `step`, or null after the last. */
export function nextStep(step: SetupStep): SetupStep | null {
  const at = SETUP_STEPS.findIndex((s) => s.segment === step);
  return SETUP_STEPS[at + 1]?.segment ?? null;
}

/** Where to resume: the first step not finished (the review when all are). */
export function firstUnfinishedStep(completed: readonly string[]): SetupStep {
  return SETUP_STEPS.find((s) => !completed.includes(s.segment))?.segment ?? "review";
}

export function setupPath(hospitalSlug: string, step?: SetupStep): string {
  return step ? `/h/${hospitalSlug}/setup/${step}` : `/h/${hospitalSlug}/setup`;
}
