import pino from "pino";
import { createLogger } from "../../src/logger.ts";

/**
 * A logger that keeps every line, to assert what was (not) logged. `redacting` makes it the app's own
 * logger (src/logger.ts), for tests of what the app would write in production.
 */
export function capturingLogger(opts: { level?: string; redacting?: boolean } = {}): { logger: pino.Logger; lines: string[]; records(): any[] } {
  const level = opts.level ?? "trace";
  const lines: string[] = [];
  const sink = { write: (s: string) => void lines.push(s) };
  const logger = opts.redacting ? createLogger(level, sink) : pino({ level }, sink);
  return { logger, lines, records: () => lines.map((l) => JSON.parse(l)) };
}
