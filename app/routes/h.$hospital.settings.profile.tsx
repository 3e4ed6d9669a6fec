// /h/:hospital/settings/profile: the hospital's profile after go-live, the same form as the wizard's step 1.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useSearchParams } from "@remix-run/react";
import { ProfileForm } from "~/setup/profile-form";
import { loadProfile, saveProfile } from "~/setup/profile-page.server";

export const handle = { i18n: ["setup"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export const loader = (args: LoaderFunctionArgs) => loadProfile(args);

export async function action(args: ActionFunctionArgs) {
  return saveProfile(args, (slug) => `/h/${slug}/settings/profile?saved=1`);
}

export default function SettingsProfile() {
  const [params] = useSearchParams();
  return <ProfileForm submitKey="profile.save" saved={params.get("saved") === "1"} />;
}
