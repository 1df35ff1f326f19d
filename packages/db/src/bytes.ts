/** Prisma's Bytes fields take a Uint8Array over a plain ArrayBuffer; Node Buffers may be pooled. */
export function toBytes(value: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(value);
}
