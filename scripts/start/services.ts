// Redis (queues) is required and has no embedded stand-in that BullMQ can use: check it answers
// before starting anything, and say how to get one.
import { createConnection } from "node:net";

export function reachable(host: string, port: number, timeoutMs = 2000): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host, port, timeout: timeoutMs });
    socket.once("connect", () => (socket.end(), done(true)));
    socket.once("error", () => done(false));
    socket.once("timeout", () => (socket.destroy(), done(false)));
  });
}

export async function checkRedis(
  redisUrl: string,
  fromEnvironment: boolean,
): Promise<string | null> {
  const url = new URL(redisUrl);
  const host = url.hostname.replace(/^\[|\]$/g, "") || "127.0.0.1";
  const port = Number(url.port || 6379);
  if (await reachable(host, port)) return null;
  return [
    `Redis is required (job queues) and nothing answers at ${host}:${port}${fromEnvironment ? " (REDIS_URL)" : ""}.`,
    "Start one, then run `pnpm start` again, for example:",
    "  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no",
    "  (Debian/Ubuntu: `apt-get install redis-server`; macOS: `brew install redis`; Docker: `docker compose up -d redis`)",
    "or point REDIS_URL at a running Redis (redis://host:port).",
  ].join("\n");
}

/** Polls an HTTP URL until it answers (any status), so the banner shows once the app is up. */
export async function waitForHttp(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5000) });
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  return false;
}
