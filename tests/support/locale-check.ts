// Compares the Vietnamese and English locale files (docs/architecture.md §9): same namespaces, same keys, no empty
// value, same interpolation placeholders. Plural keys are compared by their base key, because each
// language needs its own plural forms (i18next v23: Vietnamese has only `_other`, English `_one` and
// `_other`), taken from Intl.PluralRules rather than guessed.
export type LocaleTree = Record<string, unknown>;
export type Locales = Record<string, Record<string, LocaleTree>>; // language -> namespace -> content

const PLURAL_SUFFIX = /_(?:ordinal_)?(zero|one|two|few|many|other)$/;

type Leaf = { key: string; value: unknown };

function leaves(tree: unknown, prefix = ""): Leaf[] {
  if (tree !== null && typeof tree === "object") {
    const entries = Array.isArray(tree) ? tree.map((v, i) => [String(i), v] as const) : Object.entries(tree);
    if (entries.length === 0 && prefix) return [{ key: prefix, value: tree }];
    return entries.flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
  }
  return [{ key: prefix, value: tree }];
}

/** `{{name}}`, `{{name, format}}` and nested `$t(key)` references, which must agree across languages. */
export function placeholders(value: string): string[] {
  const found = new Set<string>();
  for (const m of value.matchAll(/\{\{\s*-?\s*([^,}\s]+)[^}]*\}\}/g)) found.add(`{{${m[1]}}}`);
  for (const m of value.matchAll(/\$t\(\s*([^,)\s]+)/g)) found.add(`$t(${m[1]})`);
  return [...found].sort();
}

function baseKey(key: string): { base: string; plural: string | null; ordinal: boolean } {
  const m = PLURAL_SUFFIX.exec(key);
  if (!m) return { base: key, plural: null, ordinal: false };
  return { base: key.slice(0, m.index), plural: m[1]!, ordinal: m[0].startsWith("_ordinal_") };
}

export function compareLocales(locales: Locales): string[] {
  const problems: string[] = [];
  const languages = Object.keys(locales).sort();
  const namespaces = [...new Set(languages.flatMap((l) => Object.keys(locales[l]!)))].sort();

  for (const ns of namespaces) {
    const missingIn = languages.filter((l) => !(ns in locales[l]!));
    if (missingIn.length > 0) {
      problems.push(`${ns}.json: missing in ${missingIn.join(", ")}`);
      continue;
    }
    // base key -> language -> { forms present, placeholders across all forms }
    const byBase = new Map<string, Map<string, { forms: Set<string>; ordinal: boolean; placeholders: Set<string> }>>();
    for (const lang of languages) {
      for (const { key, value } of leaves(locales[lang]![ns])) {
        if (typeof value !== "string") {
          problems.push(`${lang}/${ns}.json: ${key} is ${value === null ? "null" : typeof value}, expected text`);
          continue;
        }
        if (value.trim() === "") problems.push(`${lang}/${ns}.json: ${key} is empty`);
        const { base, plural, ordinal } = baseKey(key);
        const perLang = byBase.get(base) ?? new Map();
        const entry = perLang.get(lang) ?? { forms: new Set<string>(), ordinal, placeholders: new Set<string>() };
        if (plural) entry.forms.add(plural);
        for (const p of placeholders(value)) entry.placeholders.add(p);
        perLang.set(lang, entry);
        byBase.set(base, perLang);
      }
    }
    for (const [base, perLang] of [...byBase].sort(([a], [b]) => a.localeCompare(b))) {
      for (const lang of languages) {
        const entry = perLang.get(lang);
        if (!entry) {
          problems.push(`${lang}/${ns}.json: missing key ${base} (present in ${[...perLang.keys()].join(", ")})`);
          continue;
        }
        if (entry.forms.size > 0) {
          const type = entry.ordinal ? "ordinal" : "cardinal";
          const needed = new Intl.PluralRules(lang, { type }).resolvedOptions().pluralCategories;
          const absent = needed.filter((form) => !entry.forms.has(form));
          if (absent.length > 0) problems.push(`${lang}/${ns}.json: ${base} lacks plural form(s) ${absent.map((f) => `_${f}`).join(", ")}`);
        }
      }
      const [first, ...rest] = languages.filter((l) => perLang.has(l));
      for (const lang of rest) {
        const a = [...perLang.get(first!)!.placeholders].sort().join(" ");
        const b = [...perLang.get(lang)!.placeholders].sort().join(" ");
        if (a !== b) problems.push(`${ns}.json: ${base} has placeholders [${a}] in ${first} but [${b}] in ${lang}`);
      }
    }
  }
  return problems;
}
