// DPIAs as versioned documents (every change kept with author and diff).
import type { Database } from "@rappel/db";
import { ZDpia, emptyDpia, type TDpia } from "../dpias/schemas";
import { DpoRecordError } from "../errors";
import { createDocument, getDocument, listDocuments, updateDocument, type StoredDocument } from "./documents";
import type { DpoActor } from "./processor-register";

export type DpiaDocument = StoredDocument<TDpia>;

export function listDpias(db: Database): Promise<DpiaDocument[]> {
  return listDocuments(db, "dpia", ZDpia);
}

export function getDpia(db: Database, id: string): Promise<DpiaDocument> {
  return getDocument(db, "dpia", id, ZDpia);
}

export async function createDpia(db: Database, actor: DpoActor, title: string, now = new Date()): Promise<DpiaDocument> {
  if (!title.trim()) throw new DpoRecordError("Give the DPIA a title.");
  const n = await db.dpoDocument.count({ where: { kind: "dpia" } });
  return createDocument(db, { kind: "dpia", reference: `AIPD-${String(n + 1).padStart(3, "0")}`, title: title.trim(), content: emptyDpia(title.trim()), actorUserId: actor.userId, note: "created" }, ZDpia, now);
}

export function updateDpia(db: Database, actor: DpoActor, input: { id: string; content: unknown; expectedVersion: number; note?: string }, now = new Date()) {
  const title = (input.content as { title?: unknown })?.title;
  return updateDocument(
    db,
    { id: input.id, kind: "dpia", content: input.content, expectedVersion: input.expectedVersion, actorUserId: actor.userId, ...(input.note ? { note: input.note } : {}), ...(typeof title === "string" && title.trim() ? { title: title.trim() } : {}) },
    ZDpia,
    now,
  );
}
