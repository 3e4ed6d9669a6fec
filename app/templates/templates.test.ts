// Every template file in tenants/templates/ fits the schema and its own references (runs in CI).
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DISTRICT_TEMPLATE, loadTemplate, TEMPLATE_FILES, templateRegistry } from "./registry.server";
import { checkTemplate, templateSchema } from "./template-schema";

const folder = new URL("../../tenants/templates/", import.meta.url);
const files = readdirSync(folder).filter((f) => f.endsWith(".json"));

/** The trimmed national list shipped in tenants/catalogs/ (its second column is the equivalent code). */
const nationalCodes = new Set(
  readFileSync(new URL("../../tenants/catalogs/dvkt-qd7603-2018-selected.csv", import.meta.url), "utf8")
    .split("\n")
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split(",")[1]!),
);

describe.each(files)("tenants/templates/%s", (file) => {
  const raw = JSON.parse(readFileSync(new URL(file, folder), "utf8")) as unknown;

  it("fits the schema", () => {
    const parsed = templateSchema.safeParse(raw);
    expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([]);
  });

  it("refers only to what exists: departments, rooms, roles, services, permissions, national codes", () => {
    expect(checkTemplate(templateSchema.parse(raw), nationalCodes)).toEqual([]);
  });

  it("is named after its code and shipped in the registry", () => {
    const { template } = loadTemplate(raw);
    expect(file).toBe(`${template.code}.json`);
    expect(templateRegistry().get(template.code)?.template.version).toBe(template.version);
  });
});

describe("the registry", () => {
  it("ships every file, three templates at least", () => {
    expect(TEMPLATE_FILES.length).toBe(files.length);
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it("has the codes other features' demo data rely on in the district template", () => {
    const { template } = templateRegistry().get(DISTRICT_TEMPLATE)!;
    const rooms = new Map(template.rooms.map((r) => [r.code, r]));
    expect(Object.fromEntries(["TD", "PL", "K01", "K02", "XN", "CDHA", "NT", "TN"].map((c) => [c, rooms.get(c)?.kind]))).toEqual({
      TD: "reception",
      PL: "triage",
      K01: "clinic",
      K02: "clinic",
      XN: "lab",
      CDHA: "imaging",
      NT: "pharmacy",
      TN: "cashier",
    });
    expect(rooms.get("K01")?.specialty).toBe("internal");
    expect(rooms.get("K02")?.specialty).toBe("paediatrics");
    const services = new Map(template.services.map((s) => [s.code, s]));
    expect(services.get("KB")?.kind).toBe("exam");
    expect(services.get("XN-CTM")?.kind).toBe("lab");
    expect(services.get("XN-GLU")?.result).toEqual({ kind: "numeric", unit: "mmol/L", low: 3.9, high: 6.4 });
    expect(services.get("CDHA-XQ-NGUC")?.result).toEqual({ kind: "text" });
    const drugs = new Map(template.formulary.map((d) => [d.code, d]));
    expect(drugs.get("PARA500")).toMatchObject({ activeIngredient: "Paracetamol", strength: "500 mg" });
    expect(drugs.get("AMOX500")).toMatchObject({ activeIngredient: "Amoxicillin", strength: "500 mg" });
    expect(template.formulary.length).toBeGreaterThanOrEqual(30);
    expect(template.noteForms.map((f) => f.specialty)).toEqual(
      expect.arrayContaining(["internal", "paediatrics", "obstetrics", "ent", "eye", "dental", "traditional", "surgery"]),
    );
  });

  it("catches a broken reference, a bad permission, a negative price and an unknown national code", () => {
    const { template } = templateRegistry().get(DISTRICT_TEMPLATE)!;
    const broken = structuredClone(template);
    broken.rooms[0]!.department = "NOPE";
    broken.roles[0]!.permissions.push("patient:delete");
    broken.orderSets[0]!.services.push("XN-NOPE");
    broken.services[3]!.nationalCode = "99.9999.9999";
    broken.noteForms[0]!.fields.push({ ...broken.noteForms[0]!.fields[0]! });
    const problems = checkTemplate(broken, nationalCodes);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining("unknown department NOPE"),
        expect.stringContaining("unknown permission patient:delete"),
        expect.stringContaining("unknown service XN-NOPE"),
        expect.stringContaining("99.9999.9999"),
        expect.stringContaining("appears twice"),
      ]),
    );
    const negative = structuredClone(template) as unknown as { services: { priceVnd: number }[] };
    negative.services[0]!.priceVnd = -1;
    expect(templateSchema.safeParse(negative).success).toBe(false);
    negative.services[0]!.priceVnd = 10.5;
    expect(templateSchema.safeParse(negative).success).toBe(false);
  });
});
