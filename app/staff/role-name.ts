// A role's name in the page's language: hospitals name their roles in both (decision 038).
export function roleName(role: { nameVi: string; nameEn: string }, language: string): string {
  return language.startsWith("en") ? role.nameEn : role.nameVi;
}
