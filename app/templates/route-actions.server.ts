// The one shape of the template pages' loaders and actions: the door (settings:manage), the hospital's
// transaction, then a redirect after success (post/redirect/get) or the result for the page to show.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireMember } from "~/auth/guards.server";
import { i18next } from "~/i18n/i18next.server";
import { badRequest } from "~/lib/http-errors";
import { readFormData } from "~/server/read-form-data.server";
import type { TenantTx } from "~db/scope.server";
import { httpStatusOf, readCsvUpload, type EditorResult, type EditorSuccess } from "./settings-pages.server";

export const TEMPLATE_PERMISSION = "settings:manage" as const;

type TitleKey = "choose.title" | "departments.title" | "services.title" | "formulary.title" | "forms.title" | "upgrade.title";

export async function templatePageLoader<T>({ request, context, params }: LoaderFunctionArgs, titleKey: TitleKey, read: (t: TenantTx) => Promise<T>) {
  const member = await requireMember(request, context, params.hospital, TEMPLATE_PERMISSION);
  const content = await member.tx(read);
  const t = await i18next.getFixedT(request, "templates");
  return { title: `${t(titleKey)} · ${member.hospital.name}`, hospitalSlug: member.hospital.slug, content };
}

export async function templatePageAction(
  { request, context, params }: ActionFunctionArgs,
  act: (t: TenantTx, form: FormData, upload: Uint8Array | null) => Promise<EditorResult | EditorSuccess | "bad">,
) {
  const member = await requireMember(request, context, params.hospital, TEMPLATE_PERMISSION);
  const form = await readFormData(request);
  // A CSV file is read from the request before the transaction starts.
  const upload = await readCsvUpload(form);
  const result = await member.tx((t) => act(t, form, upload));
  if (result === "bad") throw badRequest();
  if ("query" in result) return redirect(`${new URL(request.url).pathname}?${result.query}`);
  return data(result, { status: httpStatusOf(result) });
}
