// /invite/:token: the link in an invitation e-mail (issue 7). Public. A new person sets their password
// here; a person who already has an account signs in and accepts as themselves.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { ParseKeys } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { acceptInvitation, readInvitation } from "~/auth/accept-invitation.server";
import { clientAddressOf, getOptionalUser } from "~/auth/guards.server";
import { serializeSessionCookie } from "~/auth/session.server";
import { i18next } from "~/i18n/i18next.server";
import { parseForm, refuseForm } from "~/lib/form.server";
import { readFormData } from "~/server/read-form-data.server";
import { Banner } from "~/ui/banner";
import { Button, ButtonLink } from "~/ui/button";
import { ErrorSummary } from "~/ui/error-summary";
import { Field, fieldIds } from "~/ui/field";
import { PageHeader } from "~/ui/page-header";
import { PageFrame } from "~/ui/top-bar";

export const handle = { i18n: ["signup", "setup"] };

type SignupMessage = ParseKeys<"signup">;
const passwordSchema = z.object({ password: z.string().min(10, "form.errors.passwordTooShort").max(256, "form.errors.tooLong") });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, headers } = await getOptionalUser(request, context);
  const invitation = await readInvitation(params.token ?? "");
  const t = await i18next.getFixedT(request, "signup");
  return data(
    { title: t("verify.title"), invitation, signedInAs: user ? { id: user.id, email: user.email } : null, path: new URL(request.url).pathname },
    { status: invitation ? 200 : 404, headers },
  );
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const { user } = await getOptionalUser(request, context);
  let password: string | null = null;
  if (!user) {
    const parsed = parseForm<typeof passwordSchema.shape, SignupMessage>(form, passwordSchema, { secret: ["password"] });
    if (!parsed.ok) return refuseForm(parsed);
    password = parsed.data.password;
  }
  const result = await acceptInvitation(params.token ?? "", {
    password,
    signedInUserId: user?.id ?? null,
    address: clientAddressOf(context),
    locale: await i18next.getLocale(request),
  });
  if (!result.ok) return refuseForm({ ok: false as const, values: { password: "" }, errors: {}, formError: { key: "invite.invalid" as SignupMessage } });
  const headers = new Headers();
  if (result.token) headers.append("Set-Cookie", serializeSessionCookie(result.token));
  return redirect(`/h/${result.hospitalSlug}`, { headers });
}

export default function AcceptInvitation() {
  const { t } = useTranslation(["signup", "setup", "common"]);
  const { invitation, signedInAs, path } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const passwordError = failure?.errors && "password" in failure.errors ? (failure.errors.password as SignupMessage) : undefined;
  return (
    <PageFrame brand={{ label: t("common:appName"), to: "/" }} className="auth-card">
      <div className="panel">
        {!invitation ? (
          <>
            <PageHeader title={t("verify.title")} />
            <Banner tone="error">{t("invite.invalid")}</Banner>
          </>
        ) : (
          <>
            <PageHeader
              title={t("invite.title", { hospital: invitation.hospitalName })}
              intro={t("invite.intro", { name: invitation.name, role: t(`setup:roles.${invitation.role}` as never, { defaultValue: invitation.role }) as string })}
            />
            <ErrorSummary
              formMessage={failure?.formError ? (t(failure.formError.key as SignupMessage) as string) : null}
              items={passwordError ? [{ fieldId: fieldIds("invite", "password").input, message: t(passwordError) as string }] : []}
            />
            {invitation.hasAccount && !signedInAs ? (
              <>
                <p>{t("invite.existingAccount", { email: invitation.email })}</p>
                <ButtonLink to={`/sign-in?redirectTo=${encodeURIComponent(path)}`} variant="primary">
                  {t("invite.signInToAccept")}
                </ButtonLink>
              </>
            ) : signedInAs && signedInAs.email !== invitation.email ? (
              <Banner tone="warn">{t("invite.wrongPerson")}</Banner>
            ) : signedInAs ? (
              <Form method="post">
                <Button type="submit">{t("invite.acceptAsYou")}</Button>
              </Form>
            ) : (
              <Form method="post" noValidate>
                <Field prefix="invite" name="email" label={t("invite.email")} defaultValue={invitation.email} readOnly autoComplete="username" inputClassName="input-wide" />
                <Field
                  prefix="invite"
                  name="password"
                  label={t("invite.password")}
                  hint={t("invite.passwordHint")}
                  error={passwordError ? (t(passwordError) as string) : undefined}
                  type="password"
                  autoComplete="new-password"
                  inputClassName="input-wide"
                />
                <div className="form-actions">
                  <Button type="submit">{t("invite.submit")}</Button>
                </div>
              </Form>
            )}
          </>
        )}
      </div>
    </PageFrame>
  );
}
