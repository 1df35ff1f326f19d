// The vendor profile on the database: one platform document of kind "vendor_profile" (seeded by
// the migration 20261128300000), edited by the DPO with the same versioning as the registers.
import type { Database, Tx } from "@rappel/db";
import { ZVendorProfile, type TVendorProfile } from "../vendor/vendor-profile";
import { parseContent, updateDocument, type StoredDocument } from "./documents";

export const VENDOR_PROFILE_REFERENCE = "VENDOR";

export type VendorProfileDocument = StoredDocument<TVendorProfile>;

export async function getVendorProfileDocument(db: Database | Tx): Promise<VendorProfileDocument> {
  const doc = await db.dpoDocument.findFirst({ where: { kind: "vendor_profile", reference: VENDOR_PROFILE_REFERENCE } });
  // The migration seeds it and the application role cannot delete it: its absence is a broken install.
  if (!doc) throw new Error("The vendor profile is missing (dpo_document VENDOR); apply the migrations.");
  return { ...doc, kind: "vendor_profile", content: parseContent(ZVendorProfile, doc.content) };
}

/** The vendor's current identity (for registers, notices, and the offboarding attestation). */
export async function loadVendorProfile(db: Database | Tx): Promise<TVendorProfile> {
  return (await getVendorProfileDocument(db)).content;
}

export async function updateVendorProfile(
  db: Database,
  input: { content: unknown; expectedVersion: number; actorUserId: string; note?: string },
  now = new Date(),
) {
  const current = await getVendorProfileDocument(db);
  const parsed = parseContent(ZVendorProfile, input.content);
  return updateDocument(
    db,
    { id: current.id, kind: "vendor_profile", content: parsed, title: parsed.legalName, expectedVersion: input.expectedVersion, actorUserId: input.actorUserId, ...(input.note ? { note: input.note } : {}) },
    ZVendorProfile,
    now,
  );
}
