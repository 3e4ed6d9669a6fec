// Every string a person reads exists in Vietnamese and in English (docs/architecture.md §9), and says the same
// things: a key missing in one language shows the raw key on screen; a placeholder missing shows a
// sentence without the patient's name in it.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compareLocales, type Locales, placeholders } from "../support/locale-check";

const LOCALES_DIR = fileURLToPath(new URL("../../app/locales", import.meta.url));
const LANGUAGES = ["vi", "en"];

function readLocales(): Locales {
  const locales: Locales = {};
  for (const lang of LANGUAGES) {
    locales[lang] = {};
    for (const file of readdirSync(path.join(LOCALES_DIR, lang)).filter((f) => f.endsWith(".json"))) {
      locales[lang]![file.replace(/\.json$/, "")] = JSON.parse(readFileSync(path.join(LOCALES_DIR, lang, file), "utf8"));
    }
  }
  return locales;
}

describe("app/locales", () => {
  it("Vietnamese and English have the same namespaces, keys and placeholders, and no empty text", () => {
    const locales = readLocales();
    expect(Object.keys(locales.vi!).length).toBeGreaterThan(0);
    expect(Object.keys(locales.vi!).sort()).toEqual(Object.keys(locales.en!).sort());
    expect(compareLocales(locales)).toEqual([]);
  });
});

describe("the locale comparison", () => {
  const pair = (vi: Record<string, unknown>, en: Record<string, unknown>) => compareLocales({ vi: { common: vi }, en: { common: en } });

  it("accepts matching files, nested keys, and each language's own plural forms", () => {
    expect(
      pair(
        { nav: { patients: "Bệnh nhân" }, found_other: "Tìm thấy {{count}} bệnh nhân" },
        { nav: { patients: "Patients" }, found_one: "Found {{count}} patient", found_other: "Found {{count}} patients" },
      ),
    ).toEqual([]);
  });

  it("reports a key present in one language only, at any depth", () => {
    expect(pair({ nav: { patients: "Bệnh nhân", queue: "Hàng đợi" } }, { nav: { patients: "Patients" } })).toEqual([
      "en/common.json: missing key nav.queue (present in vi)",
    ]);
    expect(pair({}, { title: "Title" })).toEqual(["vi/common.json: missing key title (present in en)"]);
  });

  it("reports an empty or non-text value", () => {
    expect(pair({ title: " " }, { title: "Title" })).toEqual(["vi/common.json: title is empty"]);
    expect(pair({ title: "Tiêu đề" }, { title: null })).toContain("en/common.json: title is null, expected text");
  });

  it("reports a namespace file that exists in one language only", () => {
    expect(compareLocales({ vi: { common: {}, patients: {} }, en: { common: {} } })).toEqual(["patients.json: missing in en"]);
  });

  it("reports placeholders that differ between languages", () => {
    expect(pair({ hello: "Chào {{name}}" }, { hello: "Hello {{fullName}}" })).toEqual([
      "common.json: hello has placeholders [{{fullName}}] in en but [{{name}}] in vi",
    ]);
    expect(pair({ hello: "Chào bạn" }, { hello: "Hello {{name}}" })).toHaveLength(1);
  });

  it("reports a missing plural form the language needs", () => {
    expect(pair({ found_other: "{{count}} bệnh nhân" }, { found_other: "{{count}} patients" })).toEqual([
      "en/common.json: found lacks plural form(s) _one",
    ]);
  });

  it("reads placeholders with formats and nesting", () => {
    expect(placeholders("Ngày {{date, datetime}} của {{ name }} $t(common:appName)")).toEqual(["$t(common:appName)", "{{date}}", "{{name}}"]);
  });
});
