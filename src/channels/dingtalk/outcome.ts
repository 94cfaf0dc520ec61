// What one platform call came to, before send.ts turns it into a SendResult.
import type { SendResult } from "../types.ts";

export type Outcome = SendResult | { ok: false; error: string; authFailed: true };

export const ok: Outcome = { ok: true };

export function transient(error: string, retryAfterMs?: number): Outcome {
  return retryAfterMs === undefined ? { ok: false, error } : { ok: false, error, retryAfterMs };
}

export function throttled(error: string, retryAfterMs: number): Outcome {
  // Jitter so that many queued messages do not come back in the same instant.
  return { ok: false, error: `rate_limited: ${error}`, retryAfterMs: Math.round(retryAfterMs * (1 + Math.random() * 0.2)) };
}

export function permanent(error: string): Outcome {
  return { ok: false, error, permanent: true };
}

export function isAuthFailure(o: Outcome): o is { ok: false; error: string; authFailed: true } {
  return !o.ok && "authFailed" in o;
}
