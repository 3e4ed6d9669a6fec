// /h/:hospital/settings/profile: the hospital's profile after go-live, the same form as the wizard's step 1.
import type { ActionFunctionArgs } from "@remix-run/node";
import { useSearchParams } from "@remix-run/react";
import { loader, meta, ProfileForm, saveProfile } from "./h.$hospital.setup.profile";

export { loader, meta };
export const handle = { i18n: ["setup"] };

export async function action(args: ActionFunctionArgs) {
  return saveProfile(args, (slug) => `/h/${slug}/settings/profile?saved=1`);
}

export default function SettingsProfile() {
  const [params] = useSearchParams();
  return <ProfileForm submitKey="profile.save" saved={params.get("saved") === "1"} />;
}
