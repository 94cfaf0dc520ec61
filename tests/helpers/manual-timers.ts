// Timers that fire only when a test moves time on, for the connection supervisors (src/channels/timers.ts):
// reconnect delays, pings and idle checks run in virtual time while the sockets stay real.
import type { TimerHandle, Timers } from "../../src/channels/timers.ts";
import { waitUntil } from "./wait.ts";

interface Timer extends TimerHandle {
  due: number;
  fn: () => void;
  /** Set for an interval: fires again this much later. */
  every?: number;
}

/** Whether the code under test is waiting on the clock rather than on real I/O. */
type Settled = () => boolean | Promise<boolean>;

export class ManualTimers implements Timers {
  private time = 0;
  private readonly timers = new Set<Timer>();

  now = (): number => this.time;
  setTimeout = (fn: () => void, ms: number): TimerHandle => this.add(fn, ms);
  setInterval = (fn: () => void, ms: number): TimerHandle => this.add(fn, ms, Math.max(1, ms));
  clearTimeout = (handle: TimerHandle | undefined): void => void this.timers.delete(handle as Timer);
  clearInterval = (handle: TimerHandle | undefined): void => void this.timers.delete(handle as Timer);

  /**
   * Moves time on by `ms`, firing what falls due in order. Before each firing it lets real I/O run until
   * `settled()` holds, so that what the last timer started (a connect over a loopback socket) has scheduled
   * its own next timer.
   */
  async advance(ms: number, settled: Settled = () => true): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await new Promise((r) => setImmediate(r));
      await waitUntil(settled, 10_000, "settled before the next timer");
      const next = this.earliest();
      if (!next || next.due > end) break;
      this.fire(next);
    }
    this.time = end;
  }

  /** Fires the earliest timer on every poll whenever `settled()` holds, until `done()` does. */
  runUntil(done: () => boolean, settled: Settled, what: string, timeoutMs = 10_000): Promise<void> {
    return waitUntil(
      async () => {
        if (done()) return true;
        const next = (await settled()) ? this.earliest() : undefined;
        if (next) this.fire(next);
        return false;
      },
      timeoutMs,
      what,
    );
  }

  private add(fn: () => void, ms: number, every?: number): Timer {
    const timer: Timer = { due: this.time + Math.max(0, ms), fn, every, unref: () => timer };
    this.timers.add(timer);
    return timer;
  }

  private earliest(): Timer | undefined {
    let first: Timer | undefined;
    for (const t of this.timers) if (!first || t.due < first.due) first = t;
    return first;
  }

  private fire(timer: Timer): void {
    this.time = Math.max(this.time, timer.due);
    if (timer.every) timer.due += timer.every;
    else this.timers.delete(timer);
    timer.fn();
  }
}
