// Rectification (Art. 16 GDPR): the DPO or the tenant's staff correct the person's fields within
// a rectification request. Identifiers stay sealed with the tenant key and their blind indexes
// are recomputed; each changed field leaves a history row (old and new values sealed, who, when,
// which request) and the change is audited (field names only, never the values).
import { appendAuditEntry, type Database, type Tx } from "@rappel/db";
import { communesForPostalCode } from "@rappel/geo";
import { loadIdentityCodec, nameKey, normaliseEmail, normalisePhone, tidyName, type MasterKey, type SpectatorIdentityCodec } from "@rappel/personal-data";
import { z } from "zod";
import { loadOpenRequest } from "./intake";
import { actorFields, RequestError, runAs, type RequestActor } from "./scope";

export const RECTIFIABLE_FIELDS = ["firstName", "lastName", "email", "phone", "streetAddress", "postalCode", "language"] as const;
export type TRectifiableField = (typeof RECTIFIABLE_FIELDS)[number];

export const SPECTATOR_LANGUAGES = ["fr", "en", "de", "es", "it", "nl"] as const;

// An empty value clears the field (except the language, which always has one).
const ZOptionalText = (max: number) => z.string().trim().max(max, { message: `must be at most ${max} characters` }).optional();
export const ZRectification = z.strictObject({
  spectatorId: z.uuid({ message: "must be a spectator id" }),
  values: z.strictObject({
    firstName: ZOptionalText(200),
    lastName: ZOptionalText(200),
    email: ZOptionalText(320).refine((v) => !v || normaliseEmail(v) !== null, { message: "must be an e-mail address" }),
    phone: ZOptionalText(40).refine((v) => !v || normalisePhone(v) !== null, { message: "must be a phone number" }),
    streetAddress: ZOptionalText(500),
    postalCode: ZOptionalText(10).refine((v) => !v || /^[0-9A-Za-z -]{2,10}$/.test(v), { message: "must be a postal code" }),
    language: z.enum(SPECTATOR_LANGUAGES, { message: "must be one of the supported languages" }).optional(),
  }),
});
export type TRectification = z.input<typeof ZRectification>;

export type SpectatorFields = Record<TRectifiableField, string | null>;

/** Seals one history value (the codec's free-text field, like the request's details). */
function sealValue(codec: SpectatorIdentityCodec, value: string | null): Uint8Array<ArrayBuffer> | null {
  return value ? codec.sealIdentity({ streetAddress: value }).streetAddressEnc : null;
}

function normalise(field: TRectifiableField, raw: string | undefined): string | null {
  const v = raw?.trim() ?? "";
  if (!v) return null;
  if (field === "email") return normaliseEmail(v);
  if (field === "phone") return normalisePhone(v);
  if (field === "firstName" || field === "lastName") return tidyName(v);
  if (field === "postalCode") return v.replace(/\s/g, "").toUpperCase();
  return v;
}

/** The spectators a rectification request may touch: same e-mail as the request, or already rectified by it. */
async function subjectIds(tx: Tx, tenantId: string, requestId: string, emailBidx: Uint8Array<ArrayBuffer> | null): Promise<Set<string>> {
  const [byEmail, rectified] = await Promise.all([
    emailBidx ? tx.spectator.findMany({ where: { tenantId, emailBidx }, select: { id: true } }) : [],
    tx.spectatorRectification.findMany({ where: { tenantId, requestId }, select: { spectatorId: true }, distinct: ["spectatorId"] }),
  ]);
  return new Set([...byEmail.map((s) => s.id), ...rectified.map((r) => r.spectatorId)]);
}

async function openSpectator(tx: Tx, codec: SpectatorIdentityCodec, tenantId: string, spectatorId: string) {
  const row = await tx.spectator.findUnique({ where: { tenantId_id: { tenantId, id: spectatorId } } });
  if (!row) throw new RequestError("this person is not (or no longer) in the tenant's records", 404);
  const identity = codec.openIdentity(row);
  const fields: SpectatorFields = {
    firstName: identity.firstName ?? null,
    lastName: identity.lastName ?? null,
    email: identity.email ?? null,
    phone: identity.phone ?? null,
    streetAddress: identity.streetAddress ?? null,
    postalCode: row.postalCode,
    language: row.language,
  };
  return { row, fields };
}

/** The current fields of each person a rectification request is about (for the correction form). */
export async function loadRectificationSubjects(
  db: Database,
  actor: RequestActor,
  tenantId: string,
  requestId: string,
  master: MasterKey,
): Promise<{ spectatorId: string; fields: SpectatorFields }[]> {
  return runAs(db, actor, tenantId, "data-subject rectification: read", async (tx) => {
    const request = await tx.dataSubjectRequest.findUnique({ where: { tenantId_id: { tenantId, id: requestId } } });
    if (!request) throw new RequestError("request not found", 404);
    const codec = await loadIdentityCodec(tx, tenantId, master);
    const ids = [...(await subjectIds(tx, tenantId, requestId, request.emailBidx))].sort();
    const subjects = [];
    for (const id of ids) {
      const found = await tx.spectator.findUnique({ where: { tenantId_id: { tenantId, id } }, select: { id: true } });
      if (found) subjects.push({ spectatorId: id, fields: (await openSpectator(tx, codec, tenantId, id)).fields });
    }
    return subjects;
  });
}

/** Applies the corrected fields; returns the fields that actually changed. */
export async function rectifyRequestSubject(
  db: Database,
  actor: RequestActor,
  tenantId: string,
  requestId: string,
  input: TRectification,
  options: { now: Date; master: MasterKey },
): Promise<TRectifiableField[]> {
  const parsed = ZRectification.parse(input);
  return runAs(db, actor, tenantId, "data-subject rectification", async (tx) => {
    const request = await loadOpenRequest(tx, tenantId, requestId);
    if (request.kind !== "rectification") throw new RequestError("only a rectification request corrects the person's data");
    if (!(await subjectIds(tx, tenantId, requestId, request.emailBidx)).has(parsed.spectatorId)) {
      throw new RequestError("this person is not the subject of the request", 404);
    }
    const codec = await loadIdentityCodec(tx, tenantId, options.master);
    const { row, fields: before } = await openSpectator(tx, codec, tenantId, parsed.spectatorId);
    const after: SpectatorFields = { ...before };
    const changed: TRectifiableField[] = [];
    for (const field of RECTIFIABLE_FIELDS) {
      if (parsed.values[field] === undefined) continue;
      const next = normalise(field, parsed.values[field]);
      // Compared normalised: an import may have stored "06 12…" for what is now "+336 12…".
      if (next !== normalise(field, before[field] ?? undefined)) {
        after[field] = next;
        changed.push(field);
      }
    }
    if (changed.length === 0) return [];
    const sealed = codec.sealIdentity(after);
    const touches = (...names: TRectifiableField[]) => names.some((n) => changed.includes(n));
    const communes = after.postalCode ? communesForPostalCode(after.postalCode) : [];
    await tx.spectator.update({
      where: { tenantId_id: { tenantId, id: row.id } },
      data: {
        ...(touches("email") ? { emailEnc: sealed.emailEnc, emailBidx: sealed.emailBidx } : {}),
        ...(touches("phone") ? { phoneEnc: sealed.phoneEnc, phoneBidx: sealed.phoneBidx } : {}),
        ...(touches("firstName") ? { firstNameEnc: sealed.firstNameEnc } : {}),
        ...(touches("lastName") ? { lastNameEnc: sealed.lastNameEnc } : {}),
        ...(touches("streetAddress") ? { streetAddressEnc: sealed.streetAddressEnc } : {}),
        // The name + postal code index is recomputed from both (identity resolution uses it).
        ...(touches("lastName", "postalCode")
          ? { namePostalBidx: after.lastName && after.postalCode ? codec.blindIndex("name-postal", `${nameKey(after.lastName)}|${after.postalCode}`) : null }
          : {}),
        // The commune is only known when the postal code names exactly one.
        ...(touches("postalCode") ? { postalCode: after.postalCode, communeCode: communes.length === 1 ? communes[0]!.code : null } : {}),
        ...(touches("language") ? { language: after.language ?? "fr" } : {}),
        updatedAt: options.now,
      },
    });
    const { actorUserId, actorKind } = actorFields(actor);
    await tx.spectatorRectification.createMany({
      data: changed.map((field) => ({
        tenantId,
        requestId,
        spectatorId: row.id,
        field,
        oldEnc: sealValue(codec, before[field]),
        newEnc: sealValue(codec, after[field]),
        actorUserId,
        actorKind,
        changedAt: options.now,
      })),
    });
    await appendAuditEntry(
      tx,
      tenantId,
      { actorUserId, actorKind, action: "privacy.rectification.applied", targetType: "data_subject_request", targetId: requestId, details: { spectatorId: row.id, fields: changed } },
      options.now,
    );
    return changed;
  });
}

export interface RectificationEntry {
  id: string;
  spectatorId: string;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  actorUserId: string | null;
  actorKind: string;
  changedAt: Date;
}

/** The request's rectification history, opened, oldest first. */
export async function listRectifications(db: Database, actor: RequestActor, tenantId: string, requestId: string, master: MasterKey): Promise<RectificationEntry[]> {
  return runAs(db, actor, tenantId, "data-subject rectification: history", async (tx) => {
    const rows = await tx.spectatorRectification.findMany({ where: { tenantId, requestId }, orderBy: [{ changedAt: "asc" }, { field: "asc" }] });
    if (rows.length === 0) return [];
    const codec = await loadIdentityCodec(tx, tenantId, master);
    return rows.map((r) => ({
      id: r.id,
      spectatorId: r.spectatorId,
      field: r.field,
      oldValue: codec.openField("streetAddress", r.oldEnc),
      newValue: codec.openField("streetAddress", r.newEnc),
      actorUserId: r.actorUserId,
      actorKind: r.actorKind,
      changedAt: r.changedAt,
    }));
  });
}

/** Opens a history row's sealed values for the person's export. */
export function openRectificationRow(codec: SpectatorIdentityCodec, row: Record<string, unknown>): Record<string, unknown> {
  const { old_enc, new_enc, ...rest } = row as Record<string, Uint8Array | null>;
  return { ...rest, old_value: codec.openField("streetAddress", old_enc), new_value: codec.openField("streetAddress", new_enc) };
}
