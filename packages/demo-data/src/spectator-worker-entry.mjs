// Worker threads do not inherit a TypeScript loader in every host (vitest, Playwright, tsx):
// register tsx's, then run the TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./spectator-worker.ts");
