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

// Random IVs are taken from a pool filled by the CSPRNG 1,024 at a time, each used once: one
// randomBytes call per seal was a third of its cost (an import seals millions of fields).
const IV_POOL_BYTES = IV_BYTES * 1_024;
let ivPool = Buffer.alloc(0);
let ivPoolOffset = 0;

function nextIv(): Buffer {
  if (ivPoolOffset + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_POOL_BYTES);
    ivPoolOffset = 0;
  }
  const iv = ivPool.subarray(ivPoolOffset, ivPoolOffset + IV_BYTES);
  ivPoolOffset += IV_BYTES;
  return iv;
}

export function seal(key: Buffer, plaintext: Buffer | string, aad: string): Buffer {
  if (key.length !== 32) throw new Error("AES-256-GCM needs a 32-byte key");
  const iv = nextIv();
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
