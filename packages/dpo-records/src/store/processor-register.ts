// The processor register (ST): one entry per client tenant, generated from the tenant's real
// configuration and completed by hand. The DPO reads and writes it on the platform path
// (withPlatformAccess: each access is recorded in the tenant's audit chain); the tenant's owners
// read their own entry (the annex for their register) inside their tenant scope.
import { appendAuditEntry, withPlatformAccess, withTenant, type Database, type Tx } from "@rappel/db";
import { diffDocuments, type FieldChange } from "../registers/diff";
import {
  generateProcessorRecord,
  mergeRegenerated,
  type TenantConfiguration,
} from "../registers/generate-processor-record";
import { ZProcessorRecord, type TProcessorRecord } from "../registers/schemas";
import { notFound, staleVersion } from "../errors";
import { parseContent, withActorNames, type DocumentVersionView } from "./documents";
import { loadVendorProfile } from "./vendor-profile";

export interface ProcessorRecordView {
  tenantId: string;
  tenantName: string;
  content: TProcessorRecord;
  handEdited: string[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface DpoActor {
  userId: string;
}

/** What the product knows about a tenant, read inside its scope (counts only, no personal data). */
export async function collectTenantConfiguration(tx: Tx, tenantId: string): Promise<TenantConfiguration> {
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true, slug: true, kind: true } });
  const [tickets, imports, spectators, marketingConsents, surveys, campaigns, owners, subprocessors] = await Promise.all([
    tx.ticket.count({ where: { tenantId } }),
    tx.importJob.count({ where: { tenantId } }),
    tx.spectator.count({ where: { tenantId } }),
    tx.consent.count({ where: { tenantId, status: "granted" } }),
    tx.survey.count({ where: { tenantId } }),
    tx.campaign.count({ where: { tenantId } }),
    tx.membership.findMany({ where: { tenantId, role: "owner" }, select: { user: { select: { name: true, email: true } } } }),
    tx.tenantSubprocessor.findMany({ where: { tenantId }, select: { subprocessor: true }, orderBy: { enabledAt: "asc" } }),
  ]);
  return {
    tenant,
    owners: owners.map((o) => o.user),
    usage: { tickets, imports, spectators, marketingConsents, surveys, campaigns },
    subprocessors: subprocessors.map(({ subprocessor: s }) => ({
      name: s.name, service: s.service, location: s.location, transferSafeguards: s.transferSafeguards, dataCategories: s.dataCategories,
    })),
  };
}

async function loadOrCreate(tx: Tx, tenantId: string, actorUserId: string | null, now: Date) {
  const existing = await tx.dpoProcessorRecord.findUnique({ where: { tenantId } });
  if (existing) return existing;
  const content = generateProcessorRecord(await collectTenantConfiguration(tx, tenantId), await loadVendorProfile(tx));
  const created = await tx.dpoProcessorRecord.create({
    data: { tenantId, content: content as object, handEdited: [], createdAt: now, updatedAt: now, updatedById: actorUserId },
  });
  await tx.dpoProcessorRecordVersion.create({
    data: { tenantId, version: 1, content: content as object, changes: [], actorUserId, note: "generated", createdAt: now },
  });
  return created;
}

async function toView(tx: Tx, row: { tenantId: string; content: unknown; handEdited: string[]; version: number; createdAt: Date; updatedAt: Date }): Promise<ProcessorRecordView> {
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: row.tenantId }, select: { name: true } });
  return { ...row, tenantName: tenant.name, content: parseContent(ZProcessorRecord, row.content) };
}

const platform = (db: Database, actor: DpoActor, tenantId: string, reason: string) =>
  <T>(work: (tx: Tx) => Promise<T>) => withPlatformAccess(db, { userId: actor.userId, role: "dpo" }, { tenantId, reason }, work);

/** The DPO opens a tenant's entry (generated on first access). */
export async function getProcessorRecord(
  db: Database,
  actor: DpoActor,
  tenantId: string,
  now = new Date(),
  reason = "DPO: processor register entry (read)",
): Promise<ProcessorRecordView> {
  await assertTenant(db, tenantId);
  return platform(db, actor, tenantId, reason)(async (tx) => toView(tx, await loadOrCreate(tx, tenantId, actor.userId, now)));
}

async function saveVersion(
  tx: Tx,
  tenantId: string,
  current: { content: unknown; version: number; handEdited: string[] },
  next: TProcessorRecord,
  handEdited: string[],
  actorUserId: string,
  note: string,
  now: Date,
): Promise<FieldChange[]> {
  const changes = diffDocuments(current.content as Record<string, unknown>, next as Record<string, unknown>);
  if (changes.length === 0 && handEdited.length === current.handEdited.length) return changes;
  const version = current.version + 1;
  const updated = await tx.dpoProcessorRecord.updateMany({
    where: { tenantId, version: current.version },
    data: { content: next as object, handEdited, version, updatedAt: now, updatedById: actorUserId },
  });
  if (updated.count !== 1) throw staleVersion();
  await tx.dpoProcessorRecordVersion.create({
    data: { tenantId, version, content: next as object, changes: changes as object, actorUserId, note, createdAt: now },
  });
  await appendAuditEntry(tx, tenantId, {
    actorUserId, actorKind: "platform", action: "dpo.processor_record.update", targetType: "dpo_processor_record", targetId: tenantId,
    details: { version, note, fields: changes.map((c) => c.field) },
  }, now);
  return changes;
}

/** A hand edit: the changed fields join `handEdited`, so a later regeneration keeps them. */
export async function updateProcessorRecord(
  db: Database,
  actor: DpoActor,
  input: { tenantId: string; content: unknown; expectedVersion: number; note?: string },
  now = new Date(),
): Promise<{ record: ProcessorRecordView; changes: FieldChange[] }> {
  const next = parseContent(ZProcessorRecord, input.content);
  await assertTenant(db, input.tenantId);
  return platform(db, actor, input.tenantId, "DPO: processor register entry (edit)")(async (tx) => {
    const current = await loadOrCreate(tx, input.tenantId, actor.userId, now);
    if (current.version !== input.expectedVersion) throw staleVersion();
    const changed = diffDocuments(current.content as Record<string, unknown>, next as Record<string, unknown>).map((c) => c.field);
    const handEdited = [...new Set([...current.handEdited, ...changed])].sort();
    const changes = await saveVersion(tx, input.tenantId, current, next, handEdited, actor.userId, input.note?.trim() || "edited", now);
    return { record: await toView(tx, (await tx.dpoProcessorRecord.findUniqueOrThrow({ where: { tenantId: input.tenantId } }))), changes };
  });
}

/** Recomputes the generated fields from the tenant's current configuration, keeping hand edits. */
export async function regenerateProcessorRecord(db: Database, actor: DpoActor, tenantId: string, now = new Date()) {
  await assertTenant(db, tenantId);
  return platform(db, actor, tenantId, "DPO: processor register entry (regenerate)")(async (tx) => {
    const current = await loadOrCreate(tx, tenantId, actor.userId, now);
    const generated = generateProcessorRecord(await collectTenantConfiguration(tx, tenantId), await loadVendorProfile(tx));
    const next = mergeRegenerated(generated, parseContent(ZProcessorRecord, current.content), current.handEdited);
    const changes = await saveVersion(tx, tenantId, current, next, current.handEdited, actor.userId, "regenerated from configuration", now);
    return { record: await toView(tx, await tx.dpoProcessorRecord.findUniqueOrThrow({ where: { tenantId } })), changes };
  });
}

export async function listProcessorRecordHistory(db: Database, actor: DpoActor, tenantId: string): Promise<DocumentVersionView[]> {
  await assertTenant(db, tenantId);
  return platform(db, actor, tenantId, "DPO: processor register history (read)")(async (tx) => {
    const versions = await tx.dpoProcessorRecordVersion.findMany({ where: { tenantId }, orderBy: { version: "desc" } });
    return withActorNames(tx, versions);
  });
}

/** The tenant's own entry, for its owners' annex (read in the tenant's scope; null until the DPO has opened it). */
export async function readOwnProcessorRecord(db: Database, tenantId: string, userId: string): Promise<ProcessorRecordView | null> {
  return withTenant(db, tenantId, async (tx) => {
    const row = await tx.dpoProcessorRecord.findUnique({ where: { tenantId } });
    if (!row) return null;
    await appendAuditEntry(tx, tenantId, { actorUserId: userId, actorKind: "staff", action: "dpo.processor_record.annex", targetType: "dpo_processor_record", targetId: tenantId });
    return toView(tx, row);
  }, { userId });
}

async function assertTenant(db: Database, tenantId: string): Promise<void> {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { id: true } });
  if (!tenant) throw notFound("Tenant");
}
