// The hospital's settings area (/h/:hospital/settings): its sections, in the order the navigation shows
// them. Data, so that a new section is one entry here (plus its routes in app/routes.ts): the layout
// shows only the sections the member's permissions open, and /settings goes to the first of them.
// A section without `path` is not built yet: the navigation names it, greyed, as "coming soon".
import type { Permission } from "~/auth/permissions";
import type staffTexts from "~/locales/vi/staff.json";

/** A section's label: a typed key (a new section adds its label to staff.json, or widens this type). */
export type SettingsLabel = `staff:settings.sections.${keyof (typeof staffTexts)["settings"]["sections"]}`;

export type SettingsSection = {
  id: string;
  /** Below /h/:hospital/settings; absent while the section is not built. */
  path?: string;
  /** What the section's pages require (their loaders check it too). */
  permission: Permission;
  /** The navigation's label. */
  label: SettingsLabel;
};

export const SETTINGS_SECTIONS: readonly SettingsSection[] = [
  { id: "profile", path: "profile", permission: "settings:manage", label: "staff:settings.sections.profile" },
  { id: "staff", path: "staff", permission: "staff:manage", label: "staff:settings.sections.staff" },
  { id: "roles", path: "roles", permission: "staff:manage", label: "staff:settings.sections.roles" },
  { id: "departments", path: "departments", permission: "settings:manage", label: "staff:settings.sections.departments" },
  { id: "services", path: "services", permission: "settings:manage", label: "staff:settings.sections.services" },
  { id: "formulary", path: "formulary", permission: "settings:manage", label: "staff:settings.sections.formulary" },
  { id: "forms", path: "forms", permission: "settings:manage", label: "staff:settings.sections.forms" },
  { id: "template", path: "template", permission: "settings:manage", label: "staff:settings.sections.template" },
  { id: "export", path: "export", permission: "data:export", label: "staff:settings.sections.export" },
  // Support access (decision 059): who may enter is a staff decision, so staff:manage decides it.
  { id: "support", path: "support", permission: "staff:manage", label: "staff:settings.sections.support" },
  { id: "audit", path: "audit", permission: "audit:read", label: "staff:settings.sections.audit" },
];

/** The sections a member may open, given a check of their permissions (guards.server.ts may()). */
export function sectionsAllowed(allowed: (permission: Permission) => boolean): SettingsSection[] {
  return SETTINGS_SECTIONS.filter((section) => allowed(section.permission));
}

/** Where /settings sends this member: the first built section they may open, or null. */
export function firstSettingsPath(slug: string, allowed: (permission: Permission) => boolean): string | null {
  const first = sectionsAllowed(allowed).find((section) => section.path !== undefined);
  return first ? `/h/${slug}/settings/${first.path}` : null;
}
