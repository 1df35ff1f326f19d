// Intake of data-subject requests: by tenant staff or the DPO (identity checked by them), or from
// the public form (identity verified by a one-time code sent to the e-mail address; the clock
// stays paused until then). The address is sealed; only its blind index is searchable.
import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { appendAuditEntry, toBytes, type Database, type DataSubjectRequest, type Tx } from "@rappel/db";
import { loadIdentityCodec, normaliseEmail, type MasterKey } from "@rappel/personal-data";
import { z } from "zod";
import { computeDeadline } from "./deadline";
import { recordForward } from "./forward";
import { actorFields, RequestError, runAs, type RequestActor } from "./scope";

export const REQUEST_KINDS = ["access", "rectification", "erasure", "restriction", "objection", "portability", "post_mortem"] as const;

export const RECEIVED_VIA = ["email", "letter", "phone", "in_person", "other"] as const;

export const ZNewRequest = z.strictObject({
  kind: z.enum(REQUEST_KINDS),
  email: z.string().trim().email({ message: "must be an e-mail address" }).max(320),
  details: z.string().trim().max(5000).optional(),
  /** The person's name as given (sealed). */
  name: z.string().trim().max(200, { message: "must be at most 200 characters" }).optional(),
  /** How the tenant's staff received it (staff intake only). */
  receivedVia: z.enum(RECEIVED_VIA).optional(),
  /** Staff/DPO intake: the person's identity was checked by the one recording the request. */
  identityVerified: z.boolean().default(true),
});
export type TNewRequest = z.input<typeof ZNewRequest>;

export const OTP_TTL_MS = 15 * 60_000;
export const OTP_MAX_ATTEMPTS = 5;

function hashCode(requestId: string, code: string): Uint8Array<ArrayBuffer> {
  return toBytes(createHash("sha256").update(`dsr-otp\u0000${requestId}\u0000${code}`).digest());
}

async function dueFields(request: Pick<DataSubjectRequest, "receivedAt" | "verifiedAt" | "extensionMonths">) {
  const deadline = computeDeadline(request);
  return deadline.paused ? null : deadline.dueAt;
}

export async function createRequest(
  db: Database,
  actor: RequestActor,
  tenantId: string,
  input: TNewRequest,
  options: { now: Date; master: MasterKey },
): Promise<{ request: DataSubjectRequest; code: string | null; forwarded: boolean }> {
  const parsed = ZNewRequest.parse(input);
  const verified = actor.kind !== "spectator" && parsed.identityVerified;
  return runAs(db, actor, tenantId, "data-subject request intake", async (tx) => {
    const codec = await loadIdentityCodec(tx, tenantId, options.master);
    const email = normaliseEmail(parsed.email);
    if (!email) throw new RequestError("this e-mail address cannot be read");
    const sealed = codec.sealIdentity({ email });
    const created = await tx.dataSubjectRequest.create({
      data: {
        tenantId,
        kind: parsed.kind,
        status: verified ? "open" : "awaiting_verification",
        channel: actor.kind === "spectator" ? "public" : actor.kind === "platform" ? "dpo" : "staff",
        emailEnc: sealed.emailEnc,
        emailBidx: sealed.emailBidx,
        // Free text may identify the person: sealed with the tenant key like any free-text
        // identifier (the codec's free-text field), opened the same way.
        detailsEnc: parsed.details ? codec.sealIdentity({ streetAddress: parsed.details }).streetAddressEnc : null,
        nameEnc: parsed.name ? codec.sealIdentity({ lastName: parsed.name }).lastNameEnc : null,
        receivedVia: actor.kind === "staff" ? (parsed.receivedVia ?? null) : null,
        receivedAt: options.now,
        verifiedAt: verified ? options.now : null,
        dueAt: verified ? await dueFields({ receivedAt: options.now, verifiedAt: options.now, extensionMonths: 0 }) : null,
        createdById: actor.kind === "spectator" ? null : actor.userId,
      },
    });
    let code: string | null = null;
    if (!verified) code = await issueCode(tx, tenantId, created.id, options.now);
    // Received by the vendor (DPO): forwarded to the client now; from the public form: once verified.
    const forwarded = verified ? await recordForward(tx, tenantId, created.id, created.channel) : false;
    await appendAuditEntry(tx, tenantId, { ...actorFields(actor), action: "privacy.request.received", targetType: "data_subject_request", targetId: created.id, details: { kind: parsed.kind, channel: created.channel } }, options.now);
    const request = await tx.dataSubjectRequest.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: created.id } } });
    return { request, code, forwarded };
  });
}

async function issueCode(tx: Tx, tenantId: string, requestId: string, now: Date): Promise<string> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await tx.dataSubjectRequest.update({
    where: { tenantId_id: { tenantId, id: requestId } },
    data: { otpHash: hashCode(requestId, code), otpExpiresAt: new Date(now.getTime() + OTP_TTL_MS), otpAttempts: 0 },
  });
  return code;
}

/** Checks the one-time code; on success the identity is verified and the clock starts. */
export async function verifyRequestCode(db: Database, tenantId: string, requestId: string, code: string, now: Date): Promise<DataSubjectRequest> {
  return runAs(db, { kind: "spectator" }, tenantId, "identity verification", async (tx) => {
    const request = await tx.dataSubjectRequest.findUnique({ where: { tenantId_id: { tenantId, id: requestId } } });
    if (!request || request.status !== "awaiting_verification" || !request.otpHash || !request.otpExpiresAt) {
      throw new RequestError("this request does not wait for a code", 404);
    }
    if (request.otpExpiresAt < now) throw new RequestError("the code has expired: send the form again to get a new one", 410);
    if (request.otpAttempts >= OTP_MAX_ATTEMPTS) throw new RequestError("too many wrong codes: send the form again to get a new one", 429);
    const ok = /^\d{6}$/.test(code) && timingSafeEqual(Buffer.from(request.otpHash), Buffer.from(hashCode(requestId, code)));
    if (!ok) {
      await tx.dataSubjectRequest.update({ where: { tenantId_id: { tenantId, id: requestId } }, data: { otpAttempts: { increment: 1 } } });
      throw new RequestError("wrong code", 400);
    }
    const verified = await tx.dataSubjectRequest.update({
      where: { tenantId_id: { tenantId, id: requestId } },
      data: { status: "open", verifiedAt: now, otpHash: null, otpExpiresAt: null, dueAt: await dueFields({ ...request, verifiedAt: now }) },
    });
    await appendAuditEntry(tx, tenantId, { actorKind: "spectator", action: "privacy.request.verified", targetType: "data_subject_request", targetId: requestId }, now);
    await recordForward(tx, tenantId, requestId, verified.channel);
    return verified;
  });
}

/** The spectators an open request is about (same e-mail blind index). */
export async function findSubjectSpectators(tx: Tx, tenantId: string, request: DataSubjectRequest): Promise<{ id: string; phoneBidx: Uint8Array | null }[]> {
  if (!request.emailBidx) return [];
  return tx.spectator.findMany({ where: { tenantId, emailBidx: request.emailBidx }, select: { id: true, phoneBidx: true } });
}

export async function loadOpenRequest(tx: Tx, tenantId: string, requestId: string): Promise<DataSubjectRequest> {
  const request = await tx.dataSubjectRequest.findUnique({ where: { tenantId_id: { tenantId, id: requestId } } });
  if (!request) throw new RequestError("request not found", 404);
  if (request.status !== "open") throw new RequestError(`this request is ${request.status.replace("_", " ")}, not open`, 409);
  return request;
}
