// Console sign-in throttle. Only failures count (an attempt holds a slot while its password is
// checked, so parallel guesses count too, and gives it back on success). Nobody is locked out by
// someone else's guesses alone:
// - one address guessing one account's password is stopped after a few failures;
// - one address trying many accounts is stopped a little later;
// - many addresses guessing one account slow it down for addresses that never signed in to it,
//   while the addresses it was signed in from before keep working with the right password.
import { SlidingWindowLimiter } from "../../domain/sliding-window.ts";

export const LOGIN_WINDOW_MS = 15 * 60_000;
export const LOGIN_LIMITS = { perUserAndIp: 5, perIp: 30, perUser: 50 } as const;
/** Addresses an account signed in from are remembered this long (in memory: a restart forgets them). */
const KNOWN_FOR_MS = 30 * 24 * 3600_000;
const MAX_KNOWN = 50_000;

export class LoginThrottle {
  private readonly pair: SlidingWindowLimiter;
  private readonly ip: SlidingWindowLimiter;
  private readonly user: SlidingWindowLimiter;
  private readonly known = new Map<string, number>();

  constructor(private readonly nowMs: () => number) {
    this.pair = new SlidingWindowLimiter([{ limit: LOGIN_LIMITS.perUserAndIp, windowMs: LOGIN_WINDOW_MS }], nowMs);
    this.ip = new SlidingWindowLimiter([{ limit: LOGIN_LIMITS.perIp, windowMs: LOGIN_WINDOW_MS }], nowMs);
    this.user = new SlidingWindowLimiter([{ limit: LOGIN_LIMITS.perUser, windowMs: LOGIN_WINDOW_MS }], nowMs);
  }

  /** Milliseconds this address must wait before trying this account again; 0: go ahead, a slot is held. */
  attempt(user: string, ip: string): number {
    const waitMs = this.wait(user, ip);
    if (waitMs > 0) return waitMs;
    this.pair.take(`${user}\n${ip}`);
    this.ip.take(ip);
    this.user.take(user);
    return 0;
  }

  private wait(user: string, ip: string): number {
    const key = `${user}\n${ip}`;
    const knownAt = this.known.get(key);
    const familiar = knownAt !== undefined && this.nowMs() - knownAt < KNOWN_FOR_MS;
    return Math.max(this.pair.wait(key), this.ip.wait(ip), familiar ? 0 : this.user.wait(user));
  }

  /** The right password: the held slots are given back and the address is remembered for the account. */
  succeeded(user: string, ip: string): void {
    const key = `${user}\n${ip}`;
    this.pair.reset(key);
    this.ip.untake(ip);
    this.user.untake(user);
    this.known.delete(key);
    this.known.set(key, this.nowMs());
    if (this.known.size > MAX_KNOWN) this.known.delete(this.known.keys().next().value!);
  }
}
