// The controller register (RT): the vendor's own processing activities, seeded with defaults the
// first time the DPO opens it.
import type { Database } from "@rappel/db";
import { DEFAULT_CONTROLLER_ACTIVITIES } from "../registers/controller-defaults";
import { ZControllerActivity, type TControllerActivity } from "../registers/schemas";
import { vendorIdentity } from "../vendor/vendor-profile";
import { loadVendorProfile } from "./vendor-profile";
import { createDocument, listDocuments, parseContent, updateDocument, type StoredDocument } from "./documents";

export type ControllerActivityDocument = StoredDocument<TControllerActivity>;

/** Seeds the default activities when the register is empty (idempotent; concurrent callers serialise). */
export async function ensureControllerRegister(db: Database, actorUserId: string | null = null): Promise<void> {
  if ((await db.dpoDocument.count({ where: { kind: "controller_activity" } })) > 0) return;
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('dpo:controller-register-seed', 0))`;
    if ((await tx.dpoDocument.count({ where: { kind: "controller_activity" } })) > 0) return;
    const vendor = await loadVendorProfile(tx);
    for (const defaults of DEFAULT_CONTROLLER_ACTIVITIES) {
      const activity = { ...defaults, controller: vendorIdentity(vendor), dpo: vendor.dpoContact };
      const doc = await tx.dpoDocument.create({
        data: { kind: "controller_activity", reference: activity.reference, title: activity.name, content: activity as object, updatedById: actorUserId },
      });
      await tx.dpoDocumentVersion.create({
        data: { documentId: doc.id, version: 1, content: activity as object, changes: [], actorUserId, note: "seeded defaults" },
      });
    }
  });
}

export function listControllerActivities(db: Database): Promise<ControllerActivityDocument[]> {
  return listDocuments(db, "controller_activity", ZControllerActivity);
}

export function createControllerActivity(db: Database, content: unknown, actorUserId: string) {
  const parsed = parseContent(ZControllerActivity, content);
  return createDocument(
    db,
    { kind: "controller_activity", reference: parsed.reference, title: parsed.name, content: parsed, actorUserId, note: "created" },
    ZControllerActivity,
  );
}

export function updateControllerActivity(
  db: Database,
  input: { id: string; content: unknown; expectedVersion: number; actorUserId: string; note?: string },
) {
  const title = ZControllerActivity.shape.name.safeParse((input.content as { name?: unknown })?.name);
  return updateDocument(
    db,
    { ...input, kind: "controller_activity", ...(title.success ? { title: title.data } : {}) },
    ZControllerActivity,
  );
}
