// The visit as screens see it (client-safe). Audit actions of the visit's reads (writes are audited by
// the table triggers).
import type { Disposition, Payer, Sex, VisitStatus } from "~db/schema";

export type { Disposition };
/** The ways a visit ends (the schema's list, repeated here so pages need not import db/). */
export const DISPOSITIONS = ["home", "follow_up", "admit", "transfer"] as const satisfies readonly Disposition[];

export const VISIT_AUDIT_ACTIONS = {
  read: "visit.read",
  worklist: "visit.worklist",
} as const;
export const VISIT_ENTITY_TYPE = "visits";

/** The header of every visit page: who, where, when, in what state. */
export type VisitHeader = {
  id: string;
  patientId: string;
  patientName: string;
  mrn: string;
  birthDate: string;
  sex: Sex;
  roomId: string;
  roomCode: string;
  roomName: string;
  roomSpecialty: string | null;
  visitDate: string;
  queueNumber: number;
  payer: Payer;
  status: VisitStatus;
  calledAt: Date | null;
  clinicianId: string | null;
  signedAt: Date | null;
  signedBy: string | null;
  disposition: Disposition | null;
  followUpDate: string | null;
  referralTo: string | null;
  referralReason: string | null;
  version: number;
  createdAt: Date;
};
