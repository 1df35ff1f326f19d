// The e-mails the app and the worker sent during the run: run.ts's SMTP peer writes each one as a
// .eml file in E2E_MAIL_DIR; a journey waits for the one addressed to its spectator and reads it.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { simpleParser } from "mailparser";

export type ReceivedEmail = { to: string[]; subject: string; text: string; html: string; headers: Map<string, string> };

function mailDir(): string {
  const dir = process.env.E2E_MAIL_DIR;
  if (!dir) throw new Error("E2E_MAIL_DIR is not set: run the journeys through `pnpm --filter @rappel/web e2e`");
  return dir;
}

async function readAll(): Promise<ReceivedEmail[]> {
  const dir = mailDir();
  const files = readdirSync(dir).filter((f) => f.endsWith(".eml")).sort();
  return Promise.all(
    files.map(async (file) => {
      const parsed = await simpleParser(readFileSync(join(dir, file)));
      const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((a) => a.value.map((v) => v.address ?? ""));
      const headers = new Map(parsed.headerLines.map((l) => [l.key, l.line.slice(l.line.indexOf(":") + 1).trim()]));
      return { to, subject: parsed.subject ?? "", text: parsed.text ?? "", html: typeof parsed.html === "string" ? parsed.html : "", headers };
    }),
  );
}

/** Waits until an e-mail matching `match` has arrived, and returns the latest such e-mail. */
export async function waitForEmail(match: (mail: ReceivedEmail) => boolean, timeoutMs = 60_000): Promise<ReceivedEmail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await readAll()).filter(match).at(-1);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching e-mail within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
