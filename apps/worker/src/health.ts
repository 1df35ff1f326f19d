// Health over plain HTTP for orchestrators and the start script.
// GET /healthz (liveness): 200 while Redis and PostgreSQL answer, 503 naming the failing part.
// GET /readyz (readiness): the same, and additionally 503 while no queue worker runs or the
// process is shutting down, so nothing routes new work to a worker that is draining.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "./logger";
import type { QueueWorkerStatus } from "./worker-pool";

export type DependencyCheck = () => Promise<void>;

export interface HealthOptions {
  port: number;
  host?: string;
  checks: { redis: DependencyCheck; postgres: DependencyCheck };
  workers: () => QueueWorkerStatus[];
  isShuttingDown: () => boolean;
  logger: Logger;
  timeoutMs?: number;
}

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

type CheckResult = "ok" | "error";

async function runCheck(
  check: DependencyCheck,
  timeoutMs: number,
): Promise<{ state: CheckResult; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return { state: "ok" };
  } catch (error) {
    return { state: "error", error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

export async function startHealthServer(options: HealthOptions): Promise<HealthServer> {
  const timeoutMs = options.timeoutMs ?? 2_000;

  async function report(
    kind: "healthz" | "readyz",
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const [redis, postgres] = await Promise.all([
      runCheck(options.checks.redis, timeoutMs),
      runCheck(options.checks.postgres, timeoutMs),
    ]);
    const workers = options.workers();
    const errors = {
      ...(redis.error ? { redis: redis.error } : {}),
      ...(postgres.error ? { postgres: postgres.error } : {}),
    };
    const dependenciesOk = redis.state === "ok" && postgres.state === "ok";
    let status = dependenciesOk ? "ok" : "error";
    if (kind === "readyz" && dependenciesOk) {
      if (options.isShuttingDown()) status = "shutting-down";
      else if (workers.length > 0 && !workers.every((w) => w.running)) status = "starting";
    }
    const body = {
      status,
      redis: redis.state,
      postgres: postgres.state,
      workers,
      ...(Object.keys(errors).length > 0 ? { errors } : {}),
    };
    return { status: status === "ok" ? 200 : 503, body };
  }

  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const send = (status: number, body: unknown): void => {
      response.writeHead(status, {
        "content-type": "application/json",
        "cache-control": "no-store",
      });
      response.end(request.method === "HEAD" ? undefined : JSON.stringify(body));
    };
    if (path !== "/healthz" && path !== "/readyz") return send(404, { error: "not found" });
    if (request.method !== "GET" && request.method !== "HEAD")
      return send(405, { error: "method not allowed" });
    report(path === "/healthz" ? "healthz" : "readyz").then(
      ({ status, body }) => {
        if (status !== 200)
          options.logger.warn("health check failing", { path, status: String(body.status) });
        send(status, body);
      },
      (error: unknown) => send(500, { status: "error", error: String(error) }),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  options.logger.info("health endpoint listening", { port });
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
