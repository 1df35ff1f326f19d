// Long synchronous loops of an import (sealing a batch's new spectators, building its staging
// text) pause now and then: while they run, the other connection's answers wait, and that
// connection's transaction is the import's critical path (process/write-batches.ts).
export { setImmediate as yieldToEventLoop } from "node:timers/promises";

/** Every how many items a loop of that kind pauses (a few milliseconds of work). */
export const ITEMS_BETWEEN_YIELDS = 500;
