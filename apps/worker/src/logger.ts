// Structured logs: one JSON object per line (level, time, msg, then fields). Fields are scalars
// only, so a job payload or a record cannot be logged by passing an object: code has to pick ids
// (tenantId, jobId) explicitly. Payloads carry ids only, and the worker never logs them anyway.
export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type TLogLevel = (typeof LOG_LEVELS)[number];

export type LogValue = string | number | boolean | null | undefined;
export type LogFields = Record<string, LogValue>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(bindings: LogFields): Logger;
}

export interface LoggerOptions {
  level: TLogLevel;
  bindings?: LogFields;
  write?: (line: string) => void;
  now?: () => Date;
}

export function createLogger(options: LoggerOptions): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level);
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  const bindings = options.bindings ?? {};
  const log = (level: TLogLevel, msg: string, fields: LogFields = {}): void => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    write(JSON.stringify({ level, time: now().toISOString(), msg, ...bindings, ...fields }));
  };
  return {
    debug: (msg, fields) => log("debug", msg, fields),
    info: (msg, fields) => log("info", msg, fields),
    warn: (msg, fields) => log("warn", msg, fields),
    error: (msg, fields) => log("error", msg, fields),
    child: (more) => createLogger({ ...options, bindings: { ...bindings, ...more } }),
  };
}

/** The loggable part of an error: its name and message, plus the stack for unexpected ones. */
export function errorFields(error: unknown, options: { stack?: boolean } = {}): LogFields {
  if (error instanceof Error) {
    return {
      error: error.message,
      errorName: error.name,
      ...(options.stack ? { stack: error.stack } : {}),
    };
  }
  return { error: String(error) };
}

/** For errors that repeat while a dependency is down: true at most once per interval and key. */
export function createThrottle(
  intervalMs: number,
  now: () => number = Date.now,
): (key: string) => boolean {
  const last = new Map<string, number>();
  return (key) => {
    const t = now();
    const previous = last.get(key);
    if (previous !== undefined && t - previous < intervalMs) return false;
    last.set(key, t);
    return true;
  };
}
