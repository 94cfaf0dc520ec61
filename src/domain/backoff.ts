// One reconnect/retry delay rule for the outbox and both platforms' connections.

/** Spread a delay over its upper half, so many clients retrying at once do not arrive together. */
export function jitter(ms: number, random: () => number = Math.random): number {
  return Math.round(ms / 2 + (random() * ms) / 2);
}

/** Exponential backoff with jitter: base, 2×base, 4×base … for attempt 1, 2, 3 …, capped at maxMs. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  return jitter(Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1)), random);
}
