/** Exponential backoff with full jitter: 2s, 4s, 8s … capped at 10 minutes. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const cap = Math.min(10 * 60_000, 2_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(cap / 2 + (random() * cap) / 2);
}
