// Runs `smtp-peer-main.ts` in a child process and keeps the tally of what it accepted.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { AbortedMail } from "@rappel/mail/testing";

export interface SmtpPeerProcess {
  url: string;
  /** The peer's process id (the benchmark reads its CPU time). */
  pid: number;
  /** Messages accepted so far. */
  readonly received: number;
  /** Envelope recipient (lower-cased) → messages accepted for it. */
  readonly recipients: ReadonlyMap<string, number>;
  /** Messages whose connection closed before the peer accepted them (see smtp-peer-main.ts). */
  readonly aborted: readonly AbortedMail[];
  stop(): Promise<void>;
}

const mainFile = fileURLToPath(new URL("./smtp-peer-main.ts", import.meta.url));

export async function startSmtpPeerProcess(): Promise<SmtpPeerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", mainFile], { stdio: ["ignore", "pipe", "inherit"] });
  const recipients = new Map<string, number>();
  const aborted: AbortedMail[] = [];
  let received = 0;
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the SMTP peer process exited (${code}) before listening`)));
    lines.on("line", (line) => {
      if (line.startsWith("port ")) return resolve(Number(line.slice(5)));
      if (line.startsWith("aborted ")) {
        const [, to = "", terminator, reset] = line.split(" ");
        aborted.push({ to: to.split(",").map((a) => a.toLowerCase()), terminatorArrived: terminator === "1", reset: reset === "1" });
        return;
      }
      received += 1;
      for (const to of line.split(",")) recipients.set(to.toLowerCase(), (recipients.get(to.toLowerCase()) ?? 0) + 1);
    });
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url: `smtp://127.0.0.1:${port}`,
    pid: child.pid!,
    get received() {
      return received;
    },
    recipients,
    aborted,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}
