// /h/:hospital → the patient list, the hospital's first screen. The layout (h.$hospital.tsx) and the
// patient list both check membership, so this only forwards.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/h/${encodeURIComponent(params.hospital ?? "")}/patients`);
}
