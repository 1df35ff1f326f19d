// Reads a large file on a worker thread: parsing and validating rows costs as much as preparing
// and loading them, so on a second core the two overlap. Same rows, same order, same errors as
// readRows on the import's own thread.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { ReadChunk, ReadRowsInput } from "./read-rows";
import { reviveError, Wakeup, type FromReader, type ReaderData, type ToReader } from "./read-thread-messages";

/**
 * The thread's first code: it loads the TypeScript sources as the service does, through tsx's
 * ESM API (a worker's `execArgv: ["--import", "tsx"]` is not honoured by Node 20, and the API's
 * CommonJS build cannot be required from an eval'd worker). Computed when a thread starts, not
 * when the module loads: the web app bundles this package and never reads files on a thread.
 */
function bootCode(): string {
  const tsxApi = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/esm/api/index.mjs")).href;
  const entry = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), "read-thread-entry.ts")).href;
  return `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`;
}

/**
 * The chunks come through a port of their own that nobody listens to: each stays serialised in
 * the port until this side takes it (receiveMessageOnPort), rather than becoming thousands of
 * objects the moment it arrives and waiting in a queue, where every garbage collection of this
 * thread would have to copy them. The thread says "posted" on its own channel to wake this side.
 */
export async function* readRowsInThread(input: ReadRowsInput): AsyncGenerator<ReadChunk> {
  const { port1: inbox, port2: outbox } = new MessageChannel();
  const worker = new Worker(bootCode(), { eval: true, workerData: { input, outbox } satisfies ReaderData, transferList: [outbox] });
  let failure: Error | null = null;
  let exited = false;
  const wakeup = new Wakeup();
  worker.on("message", () => wakeup.notify());
  worker.on("error", (error) => {
    failure ??= error;
    wakeup.notify();
  });
  worker.on("exit", () => {
    exited = true;
    wakeup.notify();
  });
  try {
    for (;;) {
      let received: { message: FromReader } | undefined;
      // What the thread posted before failing or exiting is still taken first.
      await wakeup.until(() => (received = receiveMessageOnPort(inbox)) !== undefined || failure !== null || exited);
      const message = received?.message;
      if (!message) throw failure ?? new Error("The reading thread stopped before the end of the file.");
      if (message.type === "done") return;
      if (message.type === "error") throw reviveError(message.error);
      yield message.chunk;
      worker.postMessage({ type: "taken" } satisfies ToReader);
    }
  } finally {
    inbox.close();
    await worker.terminate();
  }
}
