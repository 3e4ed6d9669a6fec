// The role editor's form: names in both languages, the code (only when creating: members hold it), and
// the permissions as checkboxes grouped by kind, each described in the person's language (auth namespace).
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PERMISSIONS, type Permission, type PermissionKind } from "~/auth/permissions";
import type { FieldErrors, FormValues } from "~/lib/form";
import { Button } from "~/ui/button";
import { ErrorSummary } from "~/ui/error-summary";
import { Field, fieldIds } from "~/ui/field";
import type { RoleField } from "./role-input";

const KINDS: readonly PermissionKind[] = ["read", "write", "setup"];
const PREFIX = "role";

type RoleFormProps = {
  action: string;
  values: FormValues<RoleField>;
  permissions: readonly string[];
  errors?: FieldErrors<RoleField>;
  formError?: string | null;
  /** The code is chosen once, when the role is created. */
  withCode: boolean;
  hidden?: Record<string, string>;
  submitLabel: string;
};

export function RoleForm({ action, values, permissions, errors, formError, withCode, hidden, submitLabel }: RoleFormProps) {
  const { t } = useTranslation(["staff", "auth"]);
  const busy = useNavigation().state !== "idle";
  const fields: RoleField[] = withCode ? ["code", "nameVi", "nameEn"] : ["nameVi", "nameEn"];
  const message = (field: RoleField) => {
    const key = errors?.[field];
    return key ? t(key as "staff:errors.nameRequired") : undefined;
  };
  const label: Record<RoleField, string> = { code: t("roles.codeLabel"), nameVi: t("roles.nameViLabel"), nameEn: t("roles.nameEnLabel") };
  const held = new Set(permissions);
  return (
    <Form method="post" action={action} noValidate className="role-form">
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <ErrorSummary
        formMessage={formError}
        items={fields.filter((f) => errors?.[f]).map((f) => ({ fieldId: fieldIds(PREFIX, f).input, message: message(f)! }))}
      />
      {withCode ? (
        <Field prefix={PREFIX} name="code" label={label.code} hint={t("roles.codeHint")} error={message("code")} required defaultValue={values.code} autoComplete="off" />
      ) : null}
      <Field prefix={PREFIX} name="nameVi" label={label.nameVi} error={message("nameVi")} required defaultValue={values.nameVi} autoComplete="off" />
      <Field prefix={PREFIX} name="nameEn" label={label.nameEn} error={message("nameEn")} required defaultValue={values.nameEn} autoComplete="off" />
      <fieldset className="field permission-groups">
        <legend>{t("roles.permissionsLegend")}</legend>
        {KINDS.map((kind) => {
          const inKind = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => PERMISSIONS[p].kind === kind);
          return (
            <fieldset key={kind} className="permission-group">
              <legend>{t(`roles.kinds.${kind}`)}</legend>
              {inKind.map((permission) => (
                <label key={permission} className="field-choice permission-choice">
                  <input type="checkbox" name="permissions" value={permission} defaultChecked={held.has(permission)} />{" "}
                  {t(`auth:${PERMISSIONS[permission].description}` as "auth:permissions.patientRead")} <code className="muted">{permission}</code>
                </label>
              ))}
            </fieldset>
          );
        })}
      </fieldset>
      <Button type="submit" disabled={busy}>
        {submitLabel}
      </Button>
    </Form>
  );
}
