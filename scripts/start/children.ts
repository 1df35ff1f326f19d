// The web app and the worker as child processes. Each runs in its own process group (detached),
// so a Ctrl+C reaches only this script, which forwards it to each group (pnpm and the node
// process under it alike) and waits for them to finish before the database is stopped.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

export interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<number | null>;
}

function prefix(stream: NodeJS.ReadableStream | null, name: string, out: NodeJS.WriteStream): void {
  if (!stream) return;
  createInterface({ input: stream }).on("line", (line) => out.write(`[${name}] ${line}\n`));
}

export function startChild(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Child {
  const child = spawn(command, args, {
    ...options,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  prefix(child.stdout, name, process.stdout);
  prefix(child.stderr, name, process.stderr);
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : null))),
  );
  return { name, process: child, exited };
}

function signalGroup(child: Child, signal: NodeJS.Signals): void {
  if (child.process.exitCode !== null || child.process.signalCode !== null || !child.process.pid)
    return;
  try {
    process.kill(-child.process.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Forwards the signal, waits up to `graceMs` for a clean exit, then kills what is left. */
export async function stopChildren(
  children: Child[],
  signal: NodeJS.Signals,
  graceMs = 20_000,
): Promise<void> {
  for (const child of children) signalGroup(child, signal);
  const timeout = new Promise<"timeout">((resolve) =>
    setTimeout(() => resolve("timeout"), graceMs).unref(),
  );
  for (const child of children) {
    if ((await Promise.race([child.exited, timeout])) === "timeout") {
      console.error(`[start] ${child.name} did not stop within ${graceMs / 1000} s: killing it`);
      signalGroup(child, "SIGKILL");
    }
  }
}
