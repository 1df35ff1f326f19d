// What the import's thread and its reading thread say to each other.
import { ImportFileError } from "@rappel/ticketing-import";
import type { MessagePort } from "node:worker_threads";
import type { ReadChunk, ReadRowsInput } from "./read-rows";

/** One side of the thread boundary sleeping until the other has given it what it waits for. */
export class Wakeup {
  private wake: (() => void) | null = null;

  /** Something changed: a sleeping `until` checks its condition again. */
  notify(): void {
    this.wake?.();
    this.wake = null;
  }

  async until(ready: () => boolean): Promise<void> {
    while (!ready()) await new Promise<void>((resolve) => (this.wake = resolve));
  }
}

/** Chunks the reading thread may post before the import has taken the first of them. */
export const AHEAD_CHUNKS = 8;

/** What the reading thread starts with: what to read, and the port its chunks go through. */
export interface ReaderData {
  input: ReadRowsInput;
  outbox: MessagePort;
}

/** Through the outbox, in order; after each, a bare "posted" on the thread's own channel. */
export type FromReader = { type: "chunk"; chunk: ReadChunk } | { type: "done" } | { type: "error"; error: SerialisedError };
export type ToReader = { type: "taken" };

interface SerialisedError {
  name: string;
  message: string;
  code?: string;
}

export function serialiseError(error: unknown): SerialisedError {
  const e = error instanceof Error ? error : new Error(String(error));
  const code = (e as { code?: unknown }).code;
  return { name: e.name, message: e.message, ...(typeof code === "string" ? { code } : {}) };
}

/** Back to an error the import knows how to report (an unreadable file, a missing file…). */
export function reviveError(error: SerialisedError): Error {
  if (error.name === "ImportFileError" && error.code) return new ImportFileError(error.code as ImportFileError["code"], error.message);
  const revived = new Error(error.message);
  revived.name = error.name;
  if (error.code) (revived as Error & { code?: string }).code = error.code;
  return revived;
}
