import { backoffDelay } from "../domain/backoff.ts";

/** The outbox's retry delay: 2s, 4s, 8s … capped at 10 minutes, with jitter. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  return backoffDelay(attempts, 2_000, 10 * 60_000, random);
}
