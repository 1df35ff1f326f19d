// Runs in a worker thread (read-thread.ts): reads the file and posts its chunks of rows to the
// import's thread, staying at most a few chunks ahead of what it has taken (memory stays flat).
import { parentPort, workerData } from "node:worker_threads";
import { readRows } from "./read-rows";
import { AHEAD_CHUNKS, serialiseError, Wakeup, type FromReader, type ReaderData, type ToReader } from "./read-thread-messages";

const port = parentPort!;
const { input, outbox } = workerData as ReaderData;
let taken = 0;
const wakeup = new Wakeup();
port.on("message", (message: ToReader) => {
  if (message.type === "taken") {
    taken++;
    wakeup.notify();
  }
});

const post = (message: FromReader) => {
  outbox.postMessage(message);
  port.postMessage("posted");
};

try {
  let sent = 0;
  for await (const chunk of readRows(input)) {
    post({ type: "chunk", chunk });
    sent++;
    await wakeup.until(() => sent - taken < AHEAD_CHUNKS);
  }
  post({ type: "done" });
} catch (error) {
  post({ type: "error", error: serialiseError(error) });
} finally {
  outbox.close();
  port.close();
}
