// Text folded for searching without diacritics (docs/architecture.md §9): "Viêm phổi" and "viem phoi"
// meet. Client-safe.
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, " ")
    .trim();
}
