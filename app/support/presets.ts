// What a support grant lets a staff member do inside a hospital (decision 059): a few presets, named by
// the request and shown to the hospital before it approves. A preset lists permissions by name; the
// grant keeps only those the vocabulary (app/auth/permissions.ts) knows, so a permission another part
// adds later (data:export) is named here already and granted once it exists.
import { isPermission } from "~/auth/permissions";

export const SUPPORT_PRESETS = {
  view: ["patient:read", "visit:read", "audit:read"],
  configure: ["patient:read", "visit:read", "audit:read", "settings:manage", "staff:manage"],
  export: ["patient:read", "visit:read", "audit:read", "settings:manage", "staff:manage", "data:export"],
} as const satisfies Record<string, readonly string[]>;

export type SupportPreset = keyof typeof SUPPORT_PRESETS;

export const SUPPORT_PRESET_NAMES = Object.keys(SUPPORT_PRESETS) as SupportPreset[];

export function isSupportPreset(value: unknown): value is SupportPreset {
  return typeof value === "string" && Object.hasOwn(SUPPORT_PRESETS, value);
}

/** The permissions a preset grants today: those of its list that the vocabulary knows. */
export function presetPermissions(preset: SupportPreset): string[] {
  return SUPPORT_PRESETS[preset].filter((permission) => isPermission(permission));
}

/** Durations offered, in minutes: at most a working day (the database refuses more). */
export const SUPPORT_DURATIONS = [30, 60, 120, 240, 480] as const;
