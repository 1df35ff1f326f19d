// The web app's HTTP server: the spectators' survey pages (/s/…) are answered here directly, the
// rest goes to Next.js. Next's request pipeline costs more than the whole survey page (decision
// 0018); the survey pages need nothing from it (no session, no React, no middleware).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { PUBLIC_SURVEY_PREFIX, servePublicSurvey } from "@/features/satisfaction/public/public-router";
import { BodyTooLargeError, readBody, sendWebResponse, toWebRequest } from "./node-bridge";

export type NextRequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

async function answerPublicSurvey(req: IncomingMessage, res: ServerResponse, startedAt: number): Promise<void> {
  try {
    const body = req.method === "POST" ? await readBody(req) : undefined;
    await sendWebResponse(res, await servePublicSurvey(toWebRequest(req, body)), startedAt);
  } catch (error) {
    const tooLarge = error instanceof BodyTooLargeError;
    if (!tooLarge) console.error(JSON.stringify({ level: "error", event: "survey.public", path: req.url, message: String(error) }));
    if (res.headersSent) return void res.destroy();
    res.writeHead(tooLarge ? 413 : 500, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", Connection: "close" });
    res.end(tooLarge ? "Payload Too Large" : "Internal Server Error");
  }
}

export function createAppServer(next: NextRequestHandler): Server {
  return createServer((req, res) => {
    const startedAt = performance.now();
    if (req.url?.startsWith(PUBLIC_SURVEY_PREFIX)) void answerPublicSurvey(req, res, startedAt);
    else void next(req, res);
  });
}
