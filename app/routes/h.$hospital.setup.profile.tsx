// /h/:hospital/setup/profile: wizard step 1, the hospital's profile.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { ProfileForm } from "~/setup/profile-form";
import { loadProfile, saveProfile } from "~/setup/profile-page.server";
import { nextStep, setupPath } from "~/setup/steps";

export const handle = { i18n: ["setup"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export const loader = (args: LoaderFunctionArgs) => loadProfile(args);

export async function action(args: ActionFunctionArgs) {
  return saveProfile(args, (slug) => setupPath(slug, nextStep("profile")!));
}

export default function SetupProfile() {
  return <ProfileForm submitKey="wizard.saveAndNext" />;
}
