// The settings pages this capability adds, for the settings area's navigation (the lead adds them to
// app/settings/sections.ts). Paths are below /h/:hospital; titles are keys of the settings namespace.
import type { Permission } from "~/auth/permissions";

export type TemplateSettingsSection = {
  path: string;
  titleKey: "settings:sections.departments" | "settings:sections.services" | "settings:sections.formulary" | "settings:sections.forms" | "settings:sections.template";
  permission: Permission;
};

export const TEMPLATE_SETTINGS_SECTIONS: readonly TemplateSettingsSection[] = [
  { path: "settings/departments", titleKey: "settings:sections.departments", permission: "settings:manage" },
  { path: "settings/services", titleKey: "settings:sections.services", permission: "settings:manage" },
  { path: "settings/formulary", titleKey: "settings:sections.formulary", permission: "settings:manage" },
  { path: "settings/forms", titleKey: "settings:sections.forms", permission: "settings:manage" },
  { path: "settings/template", titleKey: "settings:sections.template", permission: "settings:manage" },
];

/** The wizard steps this capability owns, with the URL each one's "Continue" goes to. */
export const TEMPLATE_SETUP_STEPS = {
  template: { step: 2, path: "setup/template", back: "setup/profile", next: "setup/departments" },
  departments: { step: 3, path: "setup/departments", back: "setup/template", next: "setup/staff" },
  services: { step: 5, path: "setup/services", back: "setup/staff", next: "setup/review" },
} as const;
