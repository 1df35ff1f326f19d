// Versioned DPO documents (controller-register activities, breaches, DPIAs): each save validates
// the content, bumps the version under optimistic concurrency, and appends a version row with the
// author, the time and the field-level diff. Nothing here deletes a document or a version.
import type { Database, Tx } from "@rappel/db";
import type { z } from "zod";
import { diffDocuments, type FieldChange } from "../registers/diff";
import { DpoRecordError, notFound, staleVersion } from "../errors";

export type DocumentKind = "controller_activity" | "breach" | "dpia" | "vendor_profile";

export interface StoredDocument<T> {
  id: string;
  kind: DocumentKind;
  reference: string;
  title: string;
  content: T;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface DocumentVersionView {
  version: number;
  changes: FieldChange[];
  actorUserId: string | null;
  actorName: string | null;
  note: string | null;
  createdAt: Date;
}

export function parseContent<T>(schema: z.ZodType<T>, content: unknown): T {
  const parsed = schema.safeParse(content);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DpoRecordError(`${issue?.path.join(".") || "entry"}: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}

export async function createDocument<T extends object>(
  db: Database,
  input: { kind: DocumentKind; reference: string; title: string; content: unknown; actorUserId: string | null; note?: string },
  schema: z.ZodType<T>,
  now = new Date(),
): Promise<StoredDocument<T>> {
  const content = parseContent(schema, input.content);
  const run = async (tx: Tx) => {
    const clash = await tx.dpoDocument.findUnique({ where: { reference: input.reference }, select: { id: true } });
    if (clash) throw new DpoRecordError(`The reference ${input.reference} is already used; choose another.`, 409, "duplicate");
    const doc = await tx.dpoDocument.create({
      data: { kind: input.kind, reference: input.reference, title: input.title, content: content as object, createdAt: now, updatedAt: now, updatedById: input.actorUserId },
    });
    await tx.dpoDocumentVersion.create({
      data: {
        documentId: doc.id, version: 1, content: content as object, actorUserId: input.actorUserId, note: input.note ?? null, createdAt: now,
        // The first version is the whole document: no field-by-field diff to show.
        changes: [],
      },
    });
    return { ...doc, kind: input.kind, content } as StoredDocument<T>;
  };
  return db.$transaction(run);
}

export interface DocumentUpdate {
  id: string;
  kind: DocumentKind;
  content: unknown;
  title?: string;
  expectedVersion: number;
  actorUserId: string | null;
  note?: string;
}

export async function updateDocument<T extends object>(
  db: Database,
  input: DocumentUpdate,
  schema: z.ZodType<T>,
  now = new Date(),
): Promise<{ document: StoredDocument<T>; changes: FieldChange[] }> {
  return db.$transaction((tx) => updateDocumentIn(tx, input, schema, now));
}

/** The same save inside the caller's transaction (so it commits or fails with the caller's other writes). */
export async function updateDocumentIn<T extends object>(
  tx: Tx,
  input: DocumentUpdate,
  schema: z.ZodType<T>,
  now = new Date(),
): Promise<{ document: StoredDocument<T>; changes: FieldChange[] }> {
  const content = parseContent(schema, input.content);
  const current = await tx.dpoDocument.findFirst({ where: { id: input.id, kind: input.kind } });
  if (!current) throw notFound("Document");
  const changes = diffDocuments(current.content as Record<string, unknown>, content as Record<string, unknown>);
  if (changes.length === 0 && (!input.title || input.title === current.title)) {
    return { document: { ...current, kind: input.kind, content } as StoredDocument<T>, changes };
  }
  const version = current.version + 1;
  // The version check in the WHERE makes a concurrent save fail instead of overwriting.
  const updated = await tx.dpoDocument.updateMany({
    where: { id: input.id, version: input.expectedVersion },
    data: { content: content as object, version, updatedAt: now, updatedById: input.actorUserId, ...(input.title ? { title: input.title } : {}) },
  });
  if (updated.count !== 1) throw staleVersion();
  await tx.dpoDocumentVersion.create({
    data: { documentId: input.id, version, content: content as object, changes: changes as object, actorUserId: input.actorUserId, note: input.note ?? null, createdAt: now },
  });
  const doc = await tx.dpoDocument.findUniqueOrThrow({ where: { id: input.id } });
  return { document: { ...doc, kind: input.kind, content } as StoredDocument<T>, changes };
}

export async function getDocument<T>(db: Database | Tx, kind: DocumentKind, id: string, schema: z.ZodType<T>): Promise<StoredDocument<T>> {
  const doc = await db.dpoDocument.findFirst({ where: { id, kind } });
  if (!doc) throw notFound("Document");
  return { ...doc, kind, content: parseContent(schema, doc.content) };
}

export async function listDocuments<T>(db: Database, kind: DocumentKind, schema: z.ZodType<T>): Promise<StoredDocument<T>[]> {
  const docs = await db.dpoDocument.findMany({ where: { kind }, orderBy: [{ reference: "asc" }] });
  return docs.map((d) => ({ ...d, kind, content: parseContent(schema, d.content) }));
}

export async function listDocumentHistory(db: Database, kind: DocumentKind, id: string): Promise<DocumentVersionView[]> {
  const doc = await db.dpoDocument.findFirst({ where: { id, kind }, select: { id: true } });
  if (!doc) throw notFound("Document");
  const versions = await db.dpoDocumentVersion.findMany({ where: { documentId: id }, orderBy: { version: "desc" } });
  return withActorNames(db, versions);
}

export async function withActorNames<V extends { actorUserId: string | null; changes: unknown }>(
  db: Database | Tx,
  versions: V[],
): Promise<(Omit<V, "changes"> & { changes: FieldChange[]; actorName: string | null })[]> {
  const ids = [...new Set(versions.map((v) => v.actorUserId).filter((x): x is string => !!x))];
  const users = ids.length ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return versions.map((v) => ({ ...v, changes: v.changes as FieldChange[], actorName: v.actorUserId ? (names.get(v.actorUserId) ?? null) : null }));
}
