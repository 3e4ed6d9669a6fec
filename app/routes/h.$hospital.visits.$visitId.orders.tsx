// /h/:hospital/visits/:visitId/orders: lab and imaging orders of a visit, and their results with
// abnormal values marked. Reading the results is audited (listVisitOrders). Ordering needs order:write.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { may, notFoundInHospital, requireMember } from "~/auth/guards.server";
import { i18next } from "~/i18n/i18next.server";
import { formFailure, refuseForm } from "~/lib/form.server";
import { badRequest } from "~/lib/http-errors";
import { isStaleWriteError, parseExpectedVersion } from "~/lib/concurrency.server";
import { cancelOrder, listOrderCatalog, listVisitOrders, placeOrders } from "~/orders/orders.server";
import { ResultRange, ResultValue } from "~/orders/result-value";
import { getVisitHeader } from "~/orders/visit-header.server";
import { toVisitBannerView, VisitBanner } from "~/orders/visit-banner";
import { formatVietnameseDateTime } from "~/patients/vietnam-date";
import { readFormData } from "~/server/read-form-data.server";
import { Banner } from "~/ui/banner";
import { Button, ButtonLink } from "~/ui/button";
import { EmptyState } from "~/ui/empty-state";
import { ErrorSummary } from "~/ui/error-summary";
import { PageHeader } from "~/ui/page-header";
import { VisitTabs } from "~/visits/visit-frame";
import visitStyles from "~/visits/visits.css?url";

export const links = () => [{ rel: "stylesheet", href: visitStyles }];

export const handle = { i18n: ["orders", "prescriptions", "visit"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const ordersPath = (slug: string, visitId: string) => `/h/${slug}/visits/${visitId}/orders`;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "visit:read");
  const visitId = params.visitId ?? "";
  const found = await member.tx(async (t) => {
    const visit = await getVisitHeader(t, visitId, "orders");
    if (!visit) return null;
    const [catalog, orders] = await Promise.all([listOrderCatalog(t), listVisitOrders(t, visit.id)]);
    return { visit, catalog, orders };
  });
  if (!found) throw await notFoundInHospital(request, member);
  const t = await i18next.getFixedT(request, "orders");
  const flags = new URL(request.url).searchParams;
  return data({
    title: `${t("page.title")} · ${found.visit.patient.mrn} · ${member.hospital.name}`,
    hospitalSlug: member.hospital.slug,
    visitId: found.visit.id,
    visit: toVisitBannerView(found.visit),
    canOrder: may(member, "order:write") && found.visit.signedAt === null,
    canPrescribe: may(member, "prescription:write"),
    services: found.catalog.services,
    orderSets: found.catalog.orderSets,
    orders: found.orders.map((o) => ({ ...o, orderedAt: formatVietnameseDateTime(new Date(o.orderedAt)) })),
    ordered: flags.get("ordered"),
    cancelled: flags.has("cancelled"),
  });
}

type OrdersMessage = "orders:errors.nothingChosen" | "orders:errors.unknownService" | "orders:errors.visitSigned" | "orders:errors.notCancellable";

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "order:write");
  const visitId = params.visitId ?? "";
  const form = await readFormData(request);
  const intent = form.get("intent");
  const refuse = (key: OrdersMessage) => refuseForm(formFailure<string, OrdersMessage>({}, { key }));

  if (intent === "cancel") {
    const orderId = form.get("orderId");
    const version = parseExpectedVersion(form.get("version"));
    if (typeof orderId !== "string" || version === null) throw badRequest();
    try {
      const outcome = await member.tx((t) => cancelOrder(t, visitId, orderId, version));
      if (outcome === null) throw await notFoundInHospital(request, member);
      if (outcome === "notCancellable") return refuse("orders:errors.notCancellable");
      return redirect(`${ordersPath(member.hospital.slug, visitId)}?cancelled=1`);
    } catch (error) {
      if (!isStaleWriteError(error)) throw error;
      // Someone changed the order meanwhile (the lab started it): show the page as it is now.
      return refuse("orders:errors.notCancellable");
    }
  }
  if (intent !== "order") throw badRequest();

  const serviceIds = form.getAll("serviceId").filter((v): v is string => typeof v === "string").slice(0, 100);
  const orderSet = form.get("orderSet");
  const outcome = await member.tx((t) =>
    placeOrders(t, visitId, { serviceIds, orderSetCode: typeof orderSet === "string" && orderSet.length > 0 ? orderSet : null }),
  );
  if (!outcome.ok) {
    if (outcome.reason === "visitNotFound") throw await notFoundInHospital(request, member);
    return refuse(`orders:errors.${outcome.reason}`);
  }
  return redirect(`${ordersPath(member.hospital.slug, visitId)}?ordered=${outcome.created}`);
}

export default function VisitOrders() {
  const { t } = useTranslation(["orders", "errors"]);
  const loaded = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const location = useLocation();
  const navigation = useNavigation();
  const path = ordersPath(loaded.hospitalSlug, loaded.visitId);
  const submitting = navigation.state === "submitting" && navigation.formAction === path;
  const visitBase = `/h/${loaded.hospitalSlug}/visits/${loaded.visitId}`;

  return (
    <div className="visit-orders">
      <PageHeader
        title={t("page.heading")}
        actions={
          <>
            {loaded.canPrescribe ? <ButtonLink to={`${visitBase}/prescription`}>{t("page.toPrescription")}</ButtonLink> : null}
            <ButtonLink to={`${visitBase}/print/record`}>{t("page.printRecord")}</ButtonLink>
          </>
        }
      />
      <VisitBanner visit={loaded.visit} />
      <VisitTabs slug={loaded.hospitalSlug} visitId={loaded.visitId} current="orders" />
      {failure?.formError ? <ErrorSummary items={[]} formMessage={t(failure.formError.key)} /> : null}
      {loaded.ordered !== null && !failure ? (
        <Banner key={location.key} tone="ok" focus data-testid="saved-banner">
          {loaded.ordered === "0" ? t("page.orderedNone") : t("page.ordered", { count: Number(loaded.ordered) })}
        </Banner>
      ) : null}
      {loaded.cancelled && !failure ? (
        <Banner key={location.key} tone="ok" focus>
          {t("page.cancelled")}
        </Banner>
      ) : null}

      <section className="panel" aria-labelledby="orders-list-heading">
        <h2 id="orders-list-heading">{t("page.list")}</h2>
        {loaded.orders.length === 0 ? (
          <p className="muted">{t("page.empty")}</p>
        ) : (
          <table className="data orders-table">
            <caption className="visually-hidden">{t("page.list")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("columns.service")}</th>
                <th scope="col">{t("columns.status")}</th>
                <th scope="col">{t("columns.result")}</th>
                <th scope="col">{t("columns.range")}</th>
                <th scope="col">{t("columns.orderedAt")}</th>
                {loaded.canOrder ? <th scope="col">{t("columns.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {loaded.orders.map((order) => (
                <tr key={order.id} data-testid={`order-${order.serviceCode}`} className={order.result?.flag === "high" || order.result?.flag === "low" ? "row-abnormal" : undefined}>
                  <td>
                    {order.serviceName} <span className="muted">({order.serviceCode})</span>
                  </td>
                  <td>{t(`status.${order.status}`)}</td>
                  <td>{order.result ? <ResultValue result={order.result} /> : null}</td>
                  <td>{order.result ? <ResultRange result={order.result} /> : null}</td>
                  <td>{order.orderedAt}</td>
                  {loaded.canOrder ? (
                    <td>
                      {order.status === "ordered" ? (
                        <Form method="post" action={path}>
                          <input type="hidden" name="intent" value="cancel" />
                          <input type="hidden" name="orderId" value={order.id} />
                          <input type="hidden" name="version" value={order.version} />
                          <Button type="submit" variant="secondary" aria-label={t("page.cancelLabel", { name: order.serviceName })}>
                            {t("page.cancel")}
                          </Button>
                        </Form>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {loaded.canOrder ? (
        loaded.services.length === 0 ? (
          <EmptyState title={t("page.noCatalog")} />
        ) : (
          <section className="panel" aria-labelledby="orders-catalog-heading">
            <h2 id="orders-catalog-heading">{t("page.catalog")}</h2>
            <p className="muted">{t("page.intro")}</p>
            {/* A new address after each save starts the choices afresh. */}
            <Form key={location.key} method="post" action={path} className="orders-form">
              <input type="hidden" name="intent" value="order" />
              {(["lab", "imaging"] as const).map((kind) => {
                const list = loaded.services.filter((s) => s.kind === kind);
                if (list.length === 0) return null;
                return (
                  <fieldset key={kind} className="field field-choices">
                    <legend>{t(`page.kind.${kind}`)}</legend>
                    {list.map((service) => (
                      <label key={service.id} className="field-choice">
                        <input type="checkbox" name="serviceId" value={service.id} /> {service.name} <span className="muted">({service.code})</span>
                      </label>
                    ))}
                  </fieldset>
                );
              })}
              <div className="form-actions">
                <Button type="submit" disabled={submitting}>
                  {submitting ? t("page.submitting") : t("page.submit")}
                </Button>
              </div>
              {loaded.orderSets.length > 0 ? (
                <div className="order-sets">
                  <h3>{t("page.orderSets")}</h3>
                  {loaded.orderSets.map((set) => (
                    <p key={set.code}>
                      <Button type="submit" variant="secondary" name="orderSet" value={set.code} disabled={submitting}>
                        {t("page.orderSet", { name: set.name })}
                      </Button>{" "}
                      <span className="muted">{t("page.orderSetServices", { codes: set.serviceCodes.join(", ") })}</span>
                    </p>
                  ))}
                </div>
              ) : null}
            </Form>
          </section>
        )
      ) : null}
    </div>
  );
}
