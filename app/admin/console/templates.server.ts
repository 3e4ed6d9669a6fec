// The console's templates page: the template files this build carries (tenants/templates/, decision 040)
// and which hospitals run which version, from the aggregates (tenant_stats.template_*).
import { and, eq, isNull, sql } from "drizzle-orm";
import { tenants, tenantStats } from "~db/schema";
import { withPlatform } from "~db/scope.server";
import { compareVersions, templateRegistry } from "~/templates/registry.server";

export type TemplateUse = {
  code: string;
  name: { vi: string; en: string } | null;
  /** The version this build carries, or null for a template no longer shipped. */
  latest: string | null;
  versions: { version: string | null; hospitals: { id: string; name: string }[]; count: number; current: boolean }[];
};

export async function listTemplateUse(perVersion = 100): Promise<{ templates: TemplateUse[]; without: number }> {
  const rows = await withPlatform("console: templates in use", (p) =>
    p.db
      .select({
        code: tenantStats.templateCode,
        version: tenantStats.templateVersion,
        count: sql<number>`count(*)::int`,
        hospitals: sql<{ id: string; name: string }[]>`(array_agg(json_build_object('id', ${tenants.id}, 'name', ${tenants.name}) order by lower(${tenants.name})))[1:${perVersion}]`,
      })
      .from(tenants)
      .leftJoin(tenantStats, eq(tenantStats.hospitalId, tenants.id))
      .where(and(isNull(tenants.trainingOf), isNull(tenants.archivedAt)))
      .groupBy(tenantStats.templateCode, tenantStats.templateVersion),
  );
  const registry = templateRegistry();
  const byCode = new Map<string, TemplateUse>();
  for (const [code, registered] of registry) {
    byCode.set(code, { code, name: registered.template.name, latest: registered.template.version, versions: [] });
  }
  let without = 0;
  for (const row of rows) {
    if (!row.code) {
      without += row.count;
      continue;
    }
    const entry = byCode.get(row.code) ?? { code: row.code, name: null, latest: null, versions: [] };
    entry.versions.push({ version: row.version, hospitals: row.hospitals ?? [], count: row.count, current: row.version === entry.latest });
    byCode.set(row.code, entry);
  }
  const templates = [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
  for (const t of templates) t.versions.sort((a, b) => compareVersions(b.version ?? "0.0.0", a.version ?? "0.0.0"));
  return { templates, without };
}
