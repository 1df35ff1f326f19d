// What a request does. Erasure walks the personal-data registry, leaves only keyed hashes in the
// suppression list, checks by blind index that nothing is left, and records a receipt chained
// into the audit log. Access/portability build a zip (JSON + CSV) of everything about the person.
import { appendAuditEntry, toBytes, type Database, type DataSubjectRequest, type Tx } from "@rappel/db";
import { removePendingJobsReferencing, type JobProducer, type RemovedJobs } from "@rappel/jobs";
import { loadIdentityCodec, type MasterKey } from "@rappel/personal-data";
import JSZip from "jszip";
import { eraseSpectators, PERSONAL_DATA_LOCATIONS, type TableCount } from "../personal-data-registry";
import { findSubjectSpectators, loadOpenRequest } from "./intake";
import { openRectificationRow } from "./rectification";
import { actorFields, RequestError, runAs, type RequestActor } from "./scope";

export interface ErasureReceipt {
  requestId: string;
  completedAt: string;
  spectators: number;
  tables: TableCount[];
  suppression: { added: number; kinds: string[] };
  /** Queued jobs (any queue) whose payload named the person, removed before they could run. */
  queuedJobs: RemovedJobs;
  verification: { check: string; rows: number }[];
  audit: { seq: string; hash: string };
}

export class LegalHoldError extends RequestError {
  constructor() {
    super("this person is under a legal hold: erasure is refused until the hold is released (Art. 17(3)(e) GDPR)", 409);
  }
}

async function completeRequest(tx: Tx, request: DataSubjectRequest, outcome: object, now: Date): Promise<DataSubjectRequest> {
  return tx.dataSubjectRequest.update({
    where: { tenantId_id: { tenantId: request.tenantId, id: request.id } },
    data: { status: "completed", completedAt: now, outcome },
  });
}

export async function eraseRequestSubject(
  db: Database,
  actor: RequestActor,
  tenantId: string,
  requestId: string,
  now: Date,
  jobs: JobProducer,
): Promise<ErasureReceipt> {
  return runAs(db, actor, tenantId, "data-subject erasure", async (tx) => {
    const request = await loadOpenRequest(tx, tenantId, requestId);
    if (request.kind !== "erasure") throw new RequestError("only an erasure request erases the person");
    const emailBidx = request.emailBidx;
    if (!emailBidx) throw new RequestError("this request has no e-mail to find the person by");
    const spectators = await findSubjectSpectators(tx, tenantId, request);
    const ids = spectators.map((s) => s.id);
    if (ids.length > 0 && (await tx.legalHold.count({ where: { tenantId, spectatorId: { in: ids }, releasedAt: null } })) > 0) {
      throw new LegalHoldError();
    }
    // Jobs first: if Redis is unreachable the erasure fails (and rolls back) rather than leaving
    // a queued job that still names the person.
    const queuedJobs = await removePendingJobsReferencing(jobs, tenantId, ids);
    const tables = await eraseSpectators(tx, tenantId, ids);
    // The person's requests keep their history but lose the sealed address and its index.
    const scrubbed = await tx.dataSubjectRequest.updateMany({
      where: { tenantId, emailBidx },
      data: { emailEnc: null, emailBidx: null, detailsEnc: null, nameEnc: null },
    });
    tables.push({ table: "data_subject_request", action: "scrub", rows: scrubbed.count });
    const hashes = [
      { hash: emailBidx, kind: "email" },
      ...spectators.filter((s) => s.phoneBidx).map((s) => ({ hash: toBytes(Buffer.from(s.phoneBidx!)), kind: "phone" })),
    ];
    const added = await tx.suppressionEntry.createMany({
      data: hashes.map((h) => ({ tenantId, hash: h.hash, kind: h.kind, reason: "erasure", createdAt: now })),
      skipDuplicates: true,
    });
    const verification = [
      { check: "spectator.email_bidx", rows: await tx.spectator.count({ where: { tenantId, emailBidx } }) },
      { check: "data_subject_request.email_bidx", rows: await tx.dataSubjectRequest.count({ where: { tenantId, emailBidx } }) },
    ];
    for (const location of PERSONAL_DATA_LOCATIONS) {
      verification.push({ check: `${location.table} → spectator`, rows: ids.length ? await location.remaining(tx, tenantId, ids) : 0 });
    }
    if (verification.some((v) => v.rows !== 0)) {
      throw new RequestError(`erasure left rows behind: ${verification.filter((v) => v.rows).map((v) => v.check).join(", ")}`, 500);
    }
    const seq = await appendAuditEntry(
      tx,
      tenantId,
      {
        ...actorFields(actor),
        action: "privacy.erasure.completed",
        targetType: "data_subject_request",
        targetId: requestId,
        details: { spectators: ids.length, tables: tables as unknown as Record<string, unknown>[], verification, queuedJobsRemoved: queuedJobs.removed },
      },
      now,
    );
    const entry = await tx.auditEntry.findUniqueOrThrow({ where: { tenantId_seq: { tenantId, seq } } });
    const receipt: ErasureReceipt = {
      requestId,
      completedAt: now.toISOString(),
      spectators: ids.length,
      tables,
      suppression: { added: added.count, kinds: hashes.map((h) => h.kind) },
      queuedJobs,
      verification,
      audit: { seq: seq.toString(), hash: Buffer.from(entry.hash).toString("hex") },
    };
    await completeRequest(tx, request, receipt, now);
    return receipt;
  });
}

/** Objection to marketing: consents withdrawn and the address added to the suppression list. */
export async function objectForRequestSubject(db: Database, actor: RequestActor, tenantId: string, requestId: string, now: Date): Promise<number> {
  return runAs(db, actor, tenantId, "data-subject objection", async (tx) => {
    const request = await loadOpenRequest(tx, tenantId, requestId);
    if (request.kind !== "objection") throw new RequestError("only an objection request records an objection");
    const ids = (await findSubjectSpectators(tx, tenantId, request)).map((s) => s.id);
    const withdrawn = await tx.consent.updateMany({
      where: { tenantId, spectatorId: { in: ids }, channel: { in: ["email", "sms", "social_ads"] } },
      data: { status: "withdrawn", source: `privacy:objection:${requestId}`, recordedAt: now },
    });
    if (request.emailBidx) {
      await tx.suppressionEntry.createMany({ data: [{ tenantId, hash: request.emailBidx, kind: "email", reason: "objection", createdAt: now }], skipDuplicates: true });
    }
    await appendAuditEntry(tx, tenantId, { ...actorFields(actor), action: "privacy.objection.applied", targetType: "data_subject_request", targetId: requestId, details: { consentsWithdrawn: withdrawn.count } }, now);
    await completeRequest(tx, request, { consentsWithdrawn: withdrawn.count, suppressed: true }, now);
    return withdrawn.count;
  });
}

function toCsv(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return "";
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => {
    const text = v instanceof Date ? v.toISOString() : v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
    return /[",\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [columns.join(","), ...rows.map((r) => columns.map((c) => cell(r[c])).join(","))].join("\n") + "\n";
}

function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)));
}

/** Access / portability: everything about the person, per table, in JSON and CSV, zipped. */
export async function exportRequestSubject(
  db: Database,
  actor: RequestActor,
  tenantId: string,
  requestId: string,
  options: { now: Date; master: MasterKey },
): Promise<{ zip: Buffer; tables: { table: string; rows: number }[] }> {
  return runAs(db, actor, tenantId, "data-subject export", async (tx) => {
    const request = await loadOpenRequest(tx, tenantId, requestId);
    if (request.kind !== "access" && request.kind !== "portability") throw new RequestError("only access and portability requests export data");
    const codec = await loadIdentityCodec(tx, tenantId, options.master);
    const ids = (await findSubjectSpectators(tx, tenantId, request)).map((s) => s.id);
    const data: Record<string, Record<string, unknown>[]> = {};
    for (const location of PERSONAL_DATA_LOCATIONS) {
      const rows = ids.length ? await location.exportRows(tx, tenantId, ids) : [];
      data[location.table] = rows.map((row) => {
        if (location.table === "spectator_rectification") return plain(openRectificationRow(codec, row)) as Record<string, unknown>;
        if (location.table !== "spectator") return plain(row) as Record<string, unknown>;
        // The spectator's sealed identifiers are opened for the person; the ciphertext is not exported.
        const { email_enc, phone_enc, first_name_enc, last_name_enc, street_address_enc, ...rest } = row as Record<string, Uint8Array<ArrayBuffer> | null>;
        const identity = codec.openIdentity({ emailEnc: email_enc, phoneEnc: phone_enc, firstNameEnc: first_name_enc, lastNameEnc: last_name_enc, streetAddressEnc: street_address_enc });
        return { ...(plain(rest) as Record<string, unknown>), ...identity };
      });
    }
    const zip = new JSZip();
    zip.file("README.txt", `Export des données personnelles — demande ${requestId}, ${options.now.toISOString()}\nUn fichier JSON complet et un CSV par table.\n`);
    zip.file("donnees.json", JSON.stringify(data, null, 2));
    for (const [table, rows] of Object.entries(data)) zip.file(`${table}.csv`, toCsv(rows));
    const buffer = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    const tables = Object.entries(data).map(([table, rows]) => ({ table, rows: rows.length }));
    await appendAuditEntry(tx, tenantId, { ...actorFields(actor), action: "privacy.export.created", targetType: "data_subject_request", targetId: requestId, details: { tables } }, options.now);
    await completeRequest(tx, request, { exported: tables }, options.now);
    return { zip: buffer, tables };
  });
}
