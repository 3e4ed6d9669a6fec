// The staff sign-out (decision 055): a POST ends the staff session and blanks its cookie; a GET goes to
// the console (a link or an image elsewhere must not sign anyone out). A hospital session is untouched.
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endStaffSession, readStaffToken, serializeBlankStaffCookie, STAFF_SIGN_IN_PATH } from "~/auth/staff-session.server";

export async function action({ request }: ActionFunctionArgs) {
  const token = readStaffToken(request);
  if (token) await endStaffSession(token);
  return redirect(`${STAFF_SIGN_IN_PATH}?signedOut=1`, { headers: { "Set-Cookie": serializeBlankStaffCookie() } });
}

export function loader() {
  return redirect("/admin");
}
