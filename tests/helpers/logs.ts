import pino from "pino";

/** A logger that keeps every line, to assert what was (not) logged. */
export function capturingLogger(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: "trace" }, { write: (s: string) => void lines.push(s) });
  return { logger, lines };
}
