// Reads of a tenant's data-subject requests, for its own staff (tenant scope: RLS keeps other
// tenants' requests out, so a foreign id is simply not found) and for the DPO console. Both
// deadlines are shown: the vendor's (from its receipt) and, for a forwarded request, the client's
// own (from the forward).
import { appendAuditEntry, type Database, type DataSubjectRequest, type DataSubjectRequestForward, type Tx } from "@rappel/db";
import { loadIdentityCodec, type MasterKey } from "@rappel/personal-data";
import { z } from "zod";
import { computeDeadline, extendDeadline } from "./deadline";
import { loadOpenRequest } from "./intake";
import { actorFields, RequestError, runAs, type RequestActor } from "./scope";

export type RequestRow = DataSubjectRequest & { forward: DataSubjectRequestForward | null; paused: boolean };

export async function listRequests(tx: Tx, tenantId: string, take = 100): Promise<RequestRow[]> {
  const rows = await tx.dataSubjectRequest.findMany({ where: { tenantId }, include: { forward: true }, orderBy: { receivedAt: "desc" }, take });
  return rows.map((r) => ({ ...r, paused: computeDeadline(r).paused }));
}

export interface RequestEvent {
  seq: string;
  action: string;
  actorKind: string;
  actorUserId: string | null;
  occurredAt: Date;
}

export interface RequestDetail {
  request: RequestRow;
  email: string | null;
  name: string | null;
  details: string | null;
  /** Status history, from the tenant's audit chain (oldest first). */
  events: RequestEvent[];
}

export async function loadRequestDetail(tx: Tx, tenantId: string, requestId: string, master: MasterKey): Promise<RequestDetail> {
  const request = await tx.dataSubjectRequest.findUnique({ where: { tenantId_id: { tenantId, id: requestId } }, include: { forward: true } });
  if (!request) throw new RequestError("request not found", 404);
  const codec = await loadIdentityCodec(tx, tenantId, master);
  const audit = await tx.auditEntry.findMany({
    where: { tenantId, targetType: "data_subject_request", targetId: requestId },
    orderBy: { seq: "asc" },
    select: { seq: true, action: true, actorKind: true, actorUserId: true, occurredAt: true },
  });
  return {
    request: { ...request, paused: computeDeadline(request).paused },
    email: codec.openField("email", request.emailEnc),
    name: codec.openField("lastName", request.nameEnc),
    details: codec.openField("streetAddress", request.detailsEnc),
    events: audit.map((e) => ({ ...e, seq: e.seq.toString() })),
  };
}

export const ZDecision = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("extend"), months: z.coerce.number().int(), reason: z.string().max(2000) }),
  z.strictObject({ action: z.enum(["complete", "reject"]), note: z.string().trim().max(2000).default("") }),
]);
export type TDecision = z.input<typeof ZDecision>;

/** Extends the deadline, or closes a request done by hand (rectification, post-mortem) or refused; audited. */
export async function decideRequest(db: Database, actor: RequestActor, tenantId: string, requestId: string, input: TDecision, now: Date): Promise<DataSubjectRequest> {
  const decision = ZDecision.parse(input);
  return runAs(db, actor, tenantId, `data-subject request: ${decision.action}`, async (tx) => {
    const request = await loadOpenRequest(tx, tenantId, requestId);
    const where = { tenantId_id: { tenantId, id: requestId } };
    let updated: DataSubjectRequest;
    if (decision.action === "extend") {
      const total = extendDeadline(request, decision.months, decision.reason, now);
      const deadline = computeDeadline({ ...request, extensionMonths: total });
      // The person is told, with the reasons (Art. 12(3)): the worker sends it when there is an address.
      updated = await tx.dataSubjectRequest.update({
        where,
        data: {
          extensionMonths: total,
          extensionReason: decision.reason.trim(),
          dueAt: deadline.paused ? null : deadline.dueAt,
          ...(request.emailEnc ? { extensionNoticeStatus: "pending", extensionNoticeError: null } : {}),
        },
      });
    } else {
      updated = await tx.dataSubjectRequest.update({
        where,
        data: { status: decision.action === "reject" ? "rejected" : "completed", completedAt: now, outcome: { note: decision.note } },
      });
    }
    const action = decision.action === "extend" ? "privacy.request.extended" : decision.action === "reject" ? "privacy.request.rejected" : "privacy.request.completed";
    await appendAuditEntry(tx, tenantId, { ...actorFields(actor), action, targetType: "data_subject_request", targetId: requestId, details: decision.action === "extend" ? { months: decision.months } : {} }, now);
    return updated;
  });
}
