// Offboarding step 3: the attestation of destruction, a PDF the vendor hands to the client. The
// facts are rendered as text and also attached to the PDF as canonical JSON together with an
// Ed25519 signature over that JSON; anyone with the vendor's public key can verify it
// (verifyAttestation), and a changed fact no longer verifies.
import { createHash, createPrivateKey, createPublicKey, hkdfSync, sign, verify, type KeyObject } from "node:crypto";
import { inflateSync } from "node:zlib";
import { PDFDocument, PDFName, PDFRawStream, StandardFonts, rgb } from "pdf-lib";
import type { DestructionFacts } from "./destroy-tenant";
import type { ExportReceipt } from "./export-tenant";

export interface AttestationFacts extends DestructionFacts {
  contractReference: string;
  /** The vendor (processor) attesting, from its DPO-maintained profile: identity and DPO contact. */
  processor?: { identity: string; dpoContact: string };
  exportReceipt: Pick<ExportReceipt, "exportedAt" | "manifestSha256"> | null;
}

const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

/** The signing key, derived from the master key (so no new secret to configure). */
export function attestationSigningKey(masterKey: Buffer): { privateKey: KeyObject; publicKey: KeyObject } {
  const seed = Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), "rappel:attestation:ed25519:v1", 32));
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: "der", type: "pkcs8" });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** The public key as base64 SPKI DER: stored with the attestation so it stays verifiable after the master key is retired. */
export function exportPublicKey(publicKey: KeyObject): string {
  return publicKey.export({ format: "der", type: "spki" }).toString("base64");
}

export function importPublicKey(spkiBase64: string): KeyObject {
  return createPublicKey({ key: Buffer.from(spkiBase64, "base64"), format: "der", type: "spki" });
}

/** What the client keeps to recognise the vendor's key: SHA-256 of the SPKI DER, hex. */
export function publicKeyFingerprint(publicKey: KeyObject): string {
  return createHash("sha256").update(publicKey.export({ format: "der", type: "spki" })).digest("hex");
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
    .join(",")}}`;
}

const ATTACHMENT = "attestation.json";

export async function buildAttestationPdf(facts: AttestationFacts, privateKey: KeyObject): Promise<Uint8Array> {
  const body = canonical(facts);
  const signature = sign(null, Buffer.from(body), privateKey).toString("base64");
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Attestation de destruction — ${facts.tenantName}`);
  pdf.setSubject(`ed25519:${signature}`);
  pdf.setCreator("Rappel");
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let page = pdf.addPage([595, 842]);
  let y = 800;
  const line = (text: string, options: { bold?: boolean; size?: number } = {}) => {
    const size = options.size ?? 9;
    // Standard fonts encode WinAnsi only; keep the text printable.
    const safe = text.replace(/[^\x20-\x7E\u00A0-\u00FF]/g, "?");
    for (let i = 0; i < safe.length; i += 105) {
      if (y < 50) {
        page = pdf.addPage([595, 842]);
        y = 800;
      }
      page.drawText(safe.slice(i, i + 105), { x: 40, y, size, font: options.bold ? bold : font, color: rgb(0.1, 0.1, 0.15) });
      y -= size + 4;
    }
  };
  line("Attestation de destruction des donnees / Certificate of destruction", { bold: true, size: 14 });
  y -= 6;
  line(`Client : ${facts.tenantName} (${facts.tenantSlug}, ${facts.tenantId})`);
  if (facts.processor) line(`Sous-traitant : ${facts.processor.identity} ; DPO : ${facts.processor.dpoContact}`);
  line(`Contrat : ${facts.contractReference}`);
  line(`Destruction : du ${facts.startedAt} au ${facts.finishedAt}`);
  if (facts.exportReceipt) line(`Restitution : export du ${facts.exportReceipt.exportedAt}, manifeste SHA-256 ${facts.exportReceipt.manifestSha256}`);
  y -= 4;
  line("Categories et volumes detruits (lignes)", { bold: true });
  for (const [table, rows] of Object.entries(facts.rowsBefore)) line(`  ${table} : ${rows}`);
  line(`Partitions supprimees : ${facts.partitionsDropped} ; taches retirees : ${facts.jobsRemoved} ; cles Redis : ${facts.redisKeysRemoved}`);
  y -= 4;
  line("Methodes", { bold: true });
  for (const m of facts.methods) line(`  - ${m}`);
  line("Systemes : PostgreSQL (base principale), Redis (files de taches), stockage de fichiers, sauvegardes (par destruction de cle)");
  y -= 4;
  line("Verifications (toutes a 0)", { bold: true });
  for (const v of facts.verification) line(`  ${v.check} -> ${v.result}`);
  y -= 4;
  line(`Cle de donnees detruite : ${facts.destroyedKeyIds.join(", ") || "(aucune)"}`);
  line(`Les sauvegardes contenant ces donnees expirent au plus tard le ${facts.backupsExpireOn}.`);
  line(`Tete de la chaine d'audit (${facts.auditEntries} entrees) : ${facts.auditHeadHash ?? "(chaine rompue ou vide)"}`);
  y -= 4;
  line(`Signature Ed25519 (base64) des faits joints (${ATTACHMENT}) :`, { bold: true });
  line(signature);
  const publicKey = createPublicKey(privateKey);
  line(`Empreinte SHA-256 de la cle publique de verification / public key fingerprint : ${publicKeyFingerprint(publicKey)}`);
  await pdf.attach(Buffer.from(JSON.stringify({ facts, canonical: body, signature, publicKey: exportPublicKey(publicKey) })), ATTACHMENT, { mimeType: "application/json", description: "signed facts" });
  return pdf.save();
}

/** Reads the signed facts attached to an attestation PDF and checks the signature. */
export async function verifyAttestation(pdfBytes: Uint8Array, publicKey: KeyObject): Promise<{ valid: boolean; facts: AttestationFacts | null }> {
  const pdf = await PDFDocument.load(pdfBytes);
  const raw = extractAttachment(pdf);
  if (!raw) return { valid: false, facts: null };
  const parsed = JSON.parse(raw) as { facts: AttestationFacts; canonical: string; signature: string };
  const valid = canonical(parsed.facts) === parsed.canonical && verify(null, Buffer.from(parsed.canonical), publicKey, Buffer.from(parsed.signature, "base64"));
  return { valid, facts: parsed.facts };
}

function extractAttachment(pdf: PDFDocument): string | null {
  // pdf-lib writes attachments as embedded-file streams and has no reader API for them: find
  // the /EmbeddedFile stream among the document's objects and inflate it.
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    if (object.dict.get(PDFName.of("Type")) !== PDFName.of("EmbeddedFile")) continue;
    const bytes = Buffer.from(object.getContents());
    try {
      return inflateSync(bytes).toString("utf8");
    } catch {
      return bytes.toString("utf8");
    }
  }
  return null;
}
