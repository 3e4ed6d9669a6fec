// The loader both printouts share: the door (visit:read; printing is a read), the audited print data,
// the paper size (?paper=a4|a5) and the page title.
import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { notFoundInHospital, requireMember } from "~/auth/guards.server";
import { i18next } from "~/i18n/i18next.server";
import { loadPrintData, type PrintKind } from "./print.server";
import { PAPER_SIZES, type PaperSize } from "./print-sheet";
import { toPrintView } from "./print-view.server";

export async function loadPrintout({ request, context, params }: LoaderFunctionArgs, kind: PrintKind, defaultPaper: PaperSize) {
  const member = await requireMember(request, context, params.hospital, "visit:read");
  const url = new URL(request.url);
  const printed = await member.tx((t) => loadPrintData(t, params.visitId ?? "", kind, { origin: url.origin, slug: member.hospital.slug }));
  if (!printed) throw await notFoundInHospital(request, member);
  const t = await i18next.getFixedT(request, "print");
  return data({
    title: `${t(`${kind}.title`)} · ${printed.visit.patient.mrn} · ${member.hospital.name}`,
    hospitalSlug: member.hospital.slug,
    visitId: printed.visit.id,
    paper: PAPER_SIZES.find((p) => p === url.searchParams.get("paper")) ?? defaultPaper,
    view: toPrintView(printed, { userId: member.user.id, displayName: member.user.displayName, hospitalName: member.hospital.name }),
  });
}
