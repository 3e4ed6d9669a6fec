// /h/:hospital/settings/export/:exportId/download: a ready archive, streamed from disk (never read into
// memory), for members of this hospital holding data:export, until it expires (decision 053). A file,
// not a page: a resource route (no component), declared `download` in app/routes.ts. Another hospital's
// export is a 404 like any record it does not have; an expired or unready one goes back to the export
// page, which says so. Each download is recorded in the audit log.
import { createReadStream } from "node:fs";
import { createReadableStreamFromReadable, redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { notFoundInHospital, requireMember } from "~/auth/guards.server";
import { openExportDownload } from "~/exports/exports.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "data:export");
  const download = await member.tx((t) => openExportDownload(t, params.exportId ?? ""));
  const page = `/h/${member.hospital.slug}/settings/export`;
  if (!download.ok) {
    if (download.problem === "notFound") throw await notFoundInHospital(request, member);
    return redirect(`${page}?notice=${download.problem === "expired" ? "expiredLink" : "notReady"}`);
  }
  return new Response(createReadableStreamFromReadable(createReadStream(download.path)), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Length": String(download.size),
      "Content-Disposition": `attachment; filename="${download.fileName}"`,
      // The archive's checksum, for whoever wants to check what arrived (also shown in manifest terms on the page).
      "X-Content-SHA256": download.sha256,
      "Cache-Control": "no-store",
    },
  });
}
