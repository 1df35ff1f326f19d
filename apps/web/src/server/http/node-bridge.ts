// Between node:http and the web Request/Response the public handlers speak: the request's body is
// read into memory (small form posts, capped), the response is written in one piece with a
// Server-Timing header giving the time this process spent on it (what the survey bench reads).
import type { IncomingMessage, ServerResponse } from "node:http";

// Survey forms are a few kilobytes; free texts are capped well below this by the survey schema.
export const MAX_BODY_BYTES = 256 * 1024;

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLargeError(`request body over ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

// The handlers read only the path and query of request.url (their redirects are relative), so a
// fixed origin spares parsing a client-chosen Host header.
const ORIGIN = "http://localhost";

export function toWebRequest(req: IncomingMessage, body?: Buffer): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  // As `next start` did: a request that reached this process directly names its peer, so per-IP
  // limits (client-ip.ts) do not lump every direct client under one key.
  if (!headers.has("x-forwarded-for") && req.socket.remoteAddress) headers.set("x-forwarded-for", req.socket.remoteAddress);
  return new Request(ORIGIN + (req.url ?? "/"), { method: req.method ?? "GET", headers, ...(body?.length ? { body: new Uint8Array(body) } : {}) });
}

/** Writes `response` to `res`; `startedAt` (performance.now() when the request arrived) → Server-Timing. */
export async function sendWebResponse(res: ServerResponse, response: Response, startedAt: number): Promise<void> {
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : null;
  const headers: Record<string, string> = {};
  // (forEach joins repeated headers; these handlers set no cookies, the one header that must not be joined.)
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  headers["content-length"] = String(body?.length ?? 0);
  headers["server-timing"] = `total;dur=${(performance.now() - startedAt).toFixed(1)}`;
  res.writeHead(response.status, headers);
  res.end(body);
}
