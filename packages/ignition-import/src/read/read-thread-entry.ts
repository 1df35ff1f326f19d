// Runs in a worker thread (read-thread.ts): reads the file and posts its chunks of rows to the
// import's thread, staying at most a few chunks ahead of what it has taken (memory stays flat).
import { parentPort, workerData } from "node:worker_threads";
import { readRows, type ReadRowsInput } from "./read-rows";
import { AHEAD_CHUNKS, serialiseError, type FromReader, type ToReader } from "./read-thread-messages";

const port = parentPort!;
let taken = 0;
let wake: (() => void) | null = null;
port.on("message", (message: ToReader) => {
  if (message.type === "taken") {
    taken++;
    wake?.();
    wake = null;
  }
});

const post = (message: FromReader) => port.postMessage(message);

try {
  let sent = 0;
  for await (const chunk of readRows(workerData as ReadRowsInput)) {
    post({ type: "chunk", chunk });
    sent++;
    while (sent - taken >= AHEAD_CHUNKS) await new Promise<void>((resolve) => (wake = resolve));
  }
  post({ type: "done" });
} catch (error) {
  post({ type: "error", error: serialiseError(error) });
} finally {
  port.close();
}
