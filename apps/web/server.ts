// The web app's process (`pnpm start`, the e2e runner, the survey bench): Next.js as a custom
// server behind our own node:http server, which answers the spectators' survey pages itself
// (src/server/http/app-server.ts, decision 0018). Production when NODE_ENV=production (after
// `next build`), Next's dev mode otherwise.
//   node --import tsx server.ts [--port 3000] [--hostname 0.0.0.0]   (tsx as a loader: one process)
import { parseArgs } from "node:util";
import next from "next";
import { z } from "zod";
import { loadEnv } from "@rappel/config";
import { createAppServer } from "@/server/http/app-server";

const ZArgs = z.object({
  port: z.coerce.number().int().min(1).max(65535).default(3000),
  hostname: z.string().min(1).default("0.0.0.0"),
});

async function main(): Promise<void> {
  const args = ZArgs.parse(parseArgs({ options: { port: { type: "string" }, hostname: { type: "string" } } }).values);
  const dev = loadEnv().NODE_ENV !== "production";
  const app = next({ dev, dir: import.meta.dirname, hostname: args.hostname, port: args.port });
  await app.prepare();
  const server = createAppServer(app.getRequestHandler());
  server.listen(args.port, args.hostname, () => console.log(`rappel web ${dev ? "(dev) " : ""}listening on http://${args.hostname}:${args.port}`));

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Stop accepting, finish what is in flight, then leave (a hung request does not hold the exit).
    setTimeout(() => process.exit(0), 10_000).unref();
    server.close(() => void app.close().finally(() => process.exit(0)));
    server.closeIdleConnections();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
