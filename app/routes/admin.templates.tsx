// /admin/templates: the template versions this build carries (tenants/templates/, decision 040) and which
// hospitals run which version, from the console's aggregates.
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listTemplateUse } from "~/admin/console/templates.server";
import { requireStaff } from "~/auth/staff-session.server";
import { i18next } from "~/i18n/i18next.server";
import { PageHeader } from "~/ui/page-header";

export const handle = { i18n: ["console", "admin"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context);
  const t = await i18next.getFixedT(request, "console");
  const language = await i18next.getLocale(request);
  return data({ title: t("templates.title"), use: await listTemplateUse(), language: language === "en" ? ("en" as const) : ("vi" as const) });
}

export default function Templates() {
  const { t } = useTranslation("console");
  const { use, language } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("templates.title")} intro={t("templates.intro")} />
      {use.templates.map((tp) => (
        <section key={tp.code} aria-labelledby={`template-${tp.code}`} data-testid={`template-${tp.code}`}>
          <h2 id={`template-${tp.code}`}>
            {tp.name ? tp.name[language] : tp.code} <span className="muted">({tp.code})</span>
          </h2>
          <p>{tp.latest ? t("templates.latest", { version: tp.latest }) : t("templates.notShipped")}</p>
          {tp.versions.length === 0 ? (
            <p className="muted">{t("templates.unused")}</p>
          ) : (
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t("templates.version")}</th>
                  <th scope="col" className="num">{t("templates.hospitals")}</th>
                  <th scope="col">{t("templates.which")}</th>
                </tr>
              </thead>
              <tbody>
                {tp.versions.map((v) => (
                  <tr key={v.version ?? "none"}>
                    <td>
                      {v.version ?? "—"} {v.current ? <span className="muted">({t("templates.current")})</span> : <span className="muted">({t("templates.behind")})</span>}
                    </td>
                    <td className="num">{v.count}</td>
                    <td>
                      {v.hospitals.map((h, i) => (
                        <span key={h.id}>
                          {i > 0 ? ", " : ""}
                          <Link to={`/admin/tenants/${h.id}`}>{h.name}</Link>
                        </span>
                      ))}
                      {v.count > v.hospitals.length ? ` … ${t("templates.more", { count: v.count - v.hospitals.length })}` : null}
                      {" · "}
                      <Link to={`/admin/tenants?template=${tp.code}${v.version ? `@${v.version}` : ""}`}>{t("templates.inList")}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
      <p className="muted">{t("templates.without", { count: use.without })}</p>
    </>
  );
}
