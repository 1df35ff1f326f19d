// Envelope encryption: each tenant has a random 256-bit data key, stored only wrapped
// (AES-256-GCM) by the master key from configuration. Field values are sealed with the data
// key; the associated data binds each ciphertext to its tenant and field, so a value copied to
// another row or tenant does not decrypt.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class DecryptionError extends Error {}

export function generateDataKey(): Buffer {
  return randomBytes(32);
}

export function seal(key: Buffer, plaintext: Buffer | string, aad: string): Buffer {
  if (key.length !== 32) throw new Error("AES-256-GCM needs a 32-byte key");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

export function open(key: Buffer, sealed: Uint8Array, aad: string): Buffer {
  const buf = Buffer.from(sealed);
  if (buf.length < 1 + IV_BYTES + TAG_BYTES || buf[0] !== VERSION) {
    throw new DecryptionError("not a sealed value of a known version");
  }
  const iv = buf.subarray(1, 1 + IV_BYTES);
  const tag = buf.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(buf.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new DecryptionError("ciphertext does not authenticate (wrong key, tenant or field)");
  }
}

export function wrapDataKey(masterKey: Buffer, dataKey: Buffer, tenantId: string): Buffer {
  return seal(masterKey, dataKey, `data-key:${tenantId}`);
}

export function unwrapDataKey(masterKey: Buffer, wrapped: Uint8Array, tenantId: string): Buffer {
  return open(masterKey, wrapped, `data-key:${tenantId}`);
}
