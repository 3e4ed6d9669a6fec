// /h/:hospital/settings → the first section of the settings this member may open (app/settings/sections.ts),
// or the hospital's front page when they may open none (a read-only hospital changes no settings).
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { may, requireMember } from "~/auth/guards.server";
import { firstSettingsPath } from "~/settings/sections";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital);
  const slug = encodeURIComponent(member.hospital.slug);
  return redirect(firstSettingsPath(slug, (permission) => may(member, permission)) ?? `/h/${slug}`);
}

export default function SettingsFrontPage() {
  return null;
}
