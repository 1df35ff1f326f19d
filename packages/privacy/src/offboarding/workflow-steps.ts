// The long offboarding steps, run by the worker. Both are idempotent and resumable: a finished
// step is a no-op, and a step interrupted by a crash converges when run again (the export is
// rebuilt from scratch; the destruction reuses the baseline captured by its first attempt, and
// its own steps are deletions that can be repeated).
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { readdir, rm, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { pipeline } from "node:stream/promises";
import { withTenant, type Database, type TenantOffboarding } from "@rappel/db";
import { loadVendorProfile, vendorIdentity } from "@rappel/dpo-records";
import type { MasterKey } from "@rappel/personal-data";
import JSZip from "jszip";
import {
  attestationSigningKey,
  buildAttestationPdf,
  exportPublicKey,
  importPublicKey,
  publicKeyFingerprint,
  verifyAttestation,
  type AttestationFacts,
} from "./attestation";
import { captureDestructionBaseline, destroyTenant, OffboardingError, type DestroyOptions, type DestructionBaseline, type DestructionFacts } from "./destroy-tenant";
import { exportTenantData, type ExportReceipt } from "./export-tenant";
import { recordOffboardingEvent } from "./workflow";

/** The export lives under the tenant's storage folder, so the destruction removes it with the rest. */
export function offboardingExportPaths(storageDir: string, tenantId: string): { dir: string; archive: string } {
  const base = join(storageDir, "tenants", tenantId);
  return { dir: join(base, "offboarding-export"), archive: join(base, "offboarding-export.zip") };
}

export interface OffboardingReceipt extends ExportReceipt {
  archiveSha256: string;
  archiveBytes: number;
}

interface StoredDestruction {
  baseline?: DestructionBaseline;
  facts?: DestructionFacts;
  signedWithMasterKeyId?: string;
  /** Base64 SPKI of the signing key: the attestation stays verifiable once that master key is retired. */
  signingPublicKey?: string;
}

async function load(db: Database, tenantId: string, offboardingId: string): Promise<TenantOffboarding> {
  const found = await withTenant(db, tenantId, (tx) => tx.tenantOffboarding.findUnique({ where: { tenantId_id: { tenantId, id: offboardingId } } }));
  if (!found) throw new OffboardingError(`offboarding ${offboardingId} of tenant ${tenantId} not found`);
  return found;
}

async function update(db: Database, record: TenantOffboarding, data: Parameters<Database["tenantOffboarding"]["update"]>[0]["data"], event?: { at: Date; action: string; details?: Record<string, unknown>; audit: boolean }) {
  await withTenant(db, record.tenantId, async (tx) => {
    await tx.tenantOffboarding.update({ where: { tenantId_id: { tenantId: record.tenantId, id: record.id } }, data });
    if (event) await recordOffboardingEvent(tx, record, { at: event.at.toISOString(), action: event.action, actorUserId: null, ...(event.details ? { details: event.details } : {}) }, { audit: event.audit });
  });
}

async function zipDirectory(dir: string, archive: string, receipt: ExportReceipt): Promise<{ sha256: string; bytes: number }> {
  const zip = new JSZip();
  for (const name of (await readdir(dir)).sort()) zip.file(name, createReadStream(join(dir, name)));
  zip.file("receipt.json", JSON.stringify(receipt, null, 2));
  await pipeline(zip.generateNodeStream({ type: "nodebuffer", streamFiles: true, compression: "DEFLATE" }), createWriteStream(archive));
  const hash = createHash("sha256");
  await pipeline(createReadStream(archive), hash);
  return { sha256: hash.digest("hex"), bytes: (await stat(archive)).size };
}

export interface ExportStepOptions {
  master: MasterKey | readonly MasterKey[];
  storageDir: string;
  now: () => Date;
  /** Rows per page of the keyset export (tests use small pages). */
  pageSize?: number;
}

export async function runOffboardingExport(db: Database, tenantId: string, offboardingId: string, options: ExportStepOptions): Promise<{ status: string; skipped: boolean }> {
  const record = await load(db, tenantId, offboardingId);
  if (["exported", "client_confirmed", "destroying", "destroyed"].includes(record.status)) return { status: record.status, skipped: true };
  if (record.status === "failed" && record.failedStep !== "export") throw new OffboardingError(`offboarding failed at ${record.failedStep}: not an export to resume`);
  const startedAt = options.now();
  await update(db, record, { status: "exporting", exportStartedAt: startedAt, attempts: { increment: 1 }, error: null, failedStep: null, updatedAt: startedAt }, { at: startedAt, action: "export_started", audit: true });
  try {
    const paths = offboardingExportPaths(options.storageDir, tenantId);
    // A previous, interrupted attempt may have left partial files: start from nothing.
    await rm(paths.dir, { recursive: true, force: true });
    await rm(paths.archive, { force: true });
    const receipt = await exportTenantData(db, tenantId, { master: options.master, outDir: paths.dir, now: options.now(), ...(options.pageSize ? { pageSize: options.pageSize } : {}) });
    const archive = await zipDirectory(paths.dir, paths.archive, receipt);
    // The loose files were only the archive's source; the archive is what the client receives.
    await rm(paths.dir, { recursive: true, force: true });
    const full: OffboardingReceipt = { ...receipt, archiveSha256: archive.sha256, archiveBytes: archive.bytes };
    const doneAt = options.now();
    await update(db, record, {
      status: "exported", exportedAt: doneAt, exportReceipt: full as object, exportArchive: relative(options.storageDir, paths.archive), updatedAt: doneAt,
    }, { at: doneAt, action: "exported", audit: true, details: { manifestSha256: receipt.manifestSha256, archiveSha256: archive.sha256, files: receipt.files.length } });
    return { status: "exported", skipped: false };
  } catch (error) {
    const at = options.now();
    await update(db, record, { status: "failed", failedStep: "export", error: String((error as Error).message ?? error).slice(0, 1000), updatedAt: at }, { at, action: "failed", audit: true, details: { step: "export" } });
    throw error;
  }
}

export interface DestroyStepOptions extends Omit<DestroyOptions, "now"> {
  now: () => Date;
  /** Signs the attestation (the key is derived from it; see attestationSigningKey). */
  signingMaster: MasterKey;
}

export async function runOffboardingDestruction(db: Database, tenantId: string, offboardingId: string, options: DestroyStepOptions): Promise<{ status: string; skipped: boolean }> {
  const record = await load(db, tenantId, offboardingId);
  if (record.status === "destroyed") return { status: "destroyed", skipped: true };
  // Never before the client's confirmation: also checked when launching, and by a CHECK in the table.
  if (!record.confirmedAt) throw new OffboardingError("the client's confirmation of the export must be recorded before the destruction");
  const resumable = record.status === "client_confirmed" || record.status === "destroying" || (record.status === "failed" && record.failedStep === "destroy");
  if (!resumable) throw new OffboardingError(`the destruction cannot start from status ${record.status}`);
  const stored = (record.destructionFacts ?? {}) as StoredDestruction;
  try {
    let baseline = stored.baseline;
    const at = options.now();
    if (!baseline) {
      // Audited first, so the attested audit head covers the start of the destruction.
      await update(db, record, { status: "destroying", destroyStartedAt: at, attempts: { increment: 1 }, error: null, failedStep: null, updatedAt: at }, { at, action: "destruction_started", audit: true });
      baseline = await captureDestructionBaseline(db, tenantId, at);
      await update(db, record, { destructionFacts: { baseline } as object });
    } else {
      await update(db, record, { status: "destroying", attempts: { increment: 1 }, error: null, failedStep: null, updatedAt: at }, { at, action: "destruction_resumed", audit: false });
    }
    let facts = stored.facts;
    if (!facts) {
      facts = await destroyTenant(db, tenantId, { ...options, now: options.now, baseline });
      await update(db, record, { destructionFacts: { baseline, facts } as object });
    }
    const receipt = record.exportReceipt as OffboardingReceipt | null;
    const vendor = await loadVendorProfile(db);
    const attestation: AttestationFacts = {
      ...facts,
      processor: { identity: vendorIdentity(vendor), dpoContact: vendor.dpoContact },
      contractReference: record.contractReference,
      exportReceipt: receipt ? { exportedAt: receipt.exportedAt, manifestSha256: receipt.manifestSha256 } : null,
    };
    const signing = attestationSigningKey(options.signingMaster.key);
    const pdf = await buildAttestationPdf(attestation, signing.privateKey);
    const doneAt = options.now();
    await update(db, record, {
      status: "destroyed",
      destroyedAt: doneAt,
      destroyedKeyIds: facts.destroyedKeyIds,
      auditHeadHash: facts.auditHeadHash,
      attestationPdf: new Uint8Array(pdf),
      exportArchive: null, // removed with the tenant's files
      destructionFacts: { baseline, facts, signedWithMasterKeyId: options.signingMaster.id, signingPublicKey: exportPublicKey(signing.publicKey) } satisfies StoredDestruction as object,
      updatedAt: doneAt,
    }, { at: doneAt, action: "destroyed", audit: false, details: { destroyedKeyIds: facts.destroyedKeyIds, auditHeadHash: facts.auditHeadHash } });
    return { status: "destroyed", skipped: false };
  } catch (error) {
    const at = options.now();
    // The tenant's audit partition may already be gone: the failure goes to the record's log.
    await update(db, record, { status: "failed", failedStep: "destroy", error: String((error as Error).message ?? error).slice(0, 1000), updatedAt: at }, { at, action: "failed", audit: false, details: { step: "destroy" } });
    throw error;
  }
}

/**
 * Checks the stored attestation: against the keyring (it was signed with a key derived from a
 * master key), else against the public key stored when it was signed, so an attestation stays
 * verifiable after its master key has been rotated out.
 */
export async function verifyOffboardingAttestation(
  record: Pick<TenantOffboarding, "attestationPdf" | "destructionFacts">,
  ring: readonly MasterKey[],
): Promise<{ valid: boolean; keyId: string | null; facts: AttestationFacts | null; fingerprint: string | null }> {
  if (!record.attestationPdf) return { valid: false, keyId: null, facts: null, fingerprint: null };
  let facts: AttestationFacts | null = null;
  for (const master of ring) {
    const { publicKey } = attestationSigningKey(master.key);
    const result = await verifyAttestation(record.attestationPdf, publicKey);
    facts = result.facts;
    if (result.valid) return { valid: true, keyId: master.id, facts, fingerprint: publicKeyFingerprint(publicKey) };
  }
  const stored = (record.destructionFacts ?? {}) as StoredDestruction;
  if (stored.signingPublicKey) {
    const publicKey = importPublicKey(stored.signingPublicKey);
    const result = await verifyAttestation(record.attestationPdf, publicKey);
    return { valid: result.valid, keyId: stored.signedWithMasterKeyId ?? null, facts: result.facts, fingerprint: publicKeyFingerprint(publicKey) };
  }
  return { valid: false, keyId: null, facts, fingerprint: null };
}
