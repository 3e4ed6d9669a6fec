// The layout of the vendor's console (/admin/...): the door. Only platform staff with both factors get
// past requireStaff(); a hospital user's session counts for nothing here (decision 055). The console
// shows tenants, templates and operations, never a patient: patient data is reached only inside a
// hospital, under a support grant the hospital approved (app/support/).
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, NavLink, Outlet, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/auth/staff-session.server";
import { i18next } from "~/i18n/i18next.server";
import { ErrorPage } from "~/ui/error-page";
import { PageFrame } from "~/ui/top-bar";

export const handle = { i18n: ["admin"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  const t = await i18next.getFixedT(request, "admin");
  return data({
    title: t("console.title"),
    staff: { displayName: staff.displayName, role: staff.role },
  });
}

export default function AdminLayout() {
  return (
    <AdminFrame>
      <Outlet />
    </AdminFrame>
  );
}

function AdminFrame({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation("admin");
  const layout = useRouteLoaderData<typeof loader>("routes/admin");
  if (!layout) return <PageFrame brand={{ label: t("console.brand"), to: "/admin" }}>{children}</PageFrame>;
  const { staff } = layout;
  return (
    <PageFrame
      brand={{ label: t("console.brand"), to: "/admin" }}
      nav={
        <>
          <NavLink to="/admin/tenants">{t("nav.tenants")}</NavLink>
          <NavLink to="/admin/templates">{t("nav.templates")}</NavLink>
          <NavLink to="/admin/operations">{t("nav.operations")}</NavLink>
          <NavLink to="/admin/support">{t("nav.support")}</NavLink>
          {staff.role === "owner" ? <NavLink to="/admin/staff">{t("nav.staff")}</NavLink> : null}
          <span data-testid="admin-staff-name">
            {t("console.signedInAs", { name: staff.displayName, role: t(`roles.${staff.role}`) })}
          </span>
          <Form method="post" action="/admin/sign-out">
            <button type="submit" className="link">
              {t("nav.signOut")}
            </button>
          </Form>
        </>
      }
    >
      {children}
    </PageFrame>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const root = useRouteLoaderData<{ requestId?: string }>("root");
  return (
    <AdminFrame>
      <ErrorPage error={error} requestId={root?.requestId} framed home="/admin" />
    </AdminFrame>
  );
}
