// What every visit tab's loader does first: the door, the visit (an audited read, naming the tab), a 404
// for another hospital's or an unknown visit, and the header the frame shows.
import type { AppLoadContext } from "@remix-run/node";
import { notFoundInHospital, requireMember, type Membership } from "~/auth/guards.server";
import type { Permission } from "~/auth/permissions";
import { listAllergies } from "~/chart/patient-lists.server";
import type { TenantTx } from "~db/scope.server";
import { ageOn, formatVietnameseDate, todayInVietnam } from "~/patients/vietnam-date";
import { getVisit } from "./get-visit.server";
import type { VisitHeader } from "./visit";

export type VisitHeaderView = {
  id: string;
  patientId: string;
  patientName: string;
  mrn: string;
  ageYears: number;
  sex: VisitHeader["sex"];
  roomName: string;
  visitDate: string;
  queueNumber: number;
  payer: VisitHeader["payer"];
  status: VisitHeader["status"];
  allergies: string[];
};

export function toHeaderView(visit: VisitHeader, allergies: string[]): VisitHeaderView {
  return {
    id: visit.id,
    patientId: visit.patientId,
    patientName: visit.patientName,
    mrn: visit.mrn,
    ageYears: ageOn(visit.birthDate, todayInVietnam()).years,
    sex: visit.sex,
    roomName: visit.roomName,
    visitDate: formatVietnameseDate(visit.visitDate),
    queueNumber: visit.queueNumber,
    payer: visit.payer,
    status: visit.status,
    allergies,
  };
}

/**
 * Opens the visit for a tab's loader (or action: pass the action's permission) and runs `more` in the
 * same transaction. Throws the 404 for a visit this hospital does not have.
 */
export async function openVisit<T>(
  request: Request,
  context: AppLoadContext,
  params: { hospital?: string; visitId?: string },
  permission: Permission,
  tab: string,
  more: (t: TenantTx, visit: VisitHeader, member: Membership) => Promise<T>,
): Promise<{ member: Membership; visit: VisitHeader; header: VisitHeaderView; extra: T }> {
  const member = await requireMember(request, context, params.hospital, permission);
  const found = await member.tx(async (t) => {
    const visit = await getVisit(t, params.visitId ?? "", tab);
    if (!visit) return null;
    const allergies = (await listAllergies(t, visit.patientId)).filter((a) => a.status === "active").map((a) => a.substance);
    const extra = await more(t, visit, member);
    return { visit, header: toHeaderView(visit, allergies), extra };
  });
  if (!found) throw await notFoundInHospital(request, member);
  return { member, ...found };
}
