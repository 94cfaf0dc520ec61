// Keeps one Stream connection alive: exponential backoff with jitter (no storm when the gateway
// refuses), a ping + idle check that replaces a silent connection, prompt reconnect after a server
// "disconnect", and a stop() that leaves no socket and no timer behind.
import type { Logger } from "pino";
import type { StreamConnection } from "./stream.ts";
import { backoffDelay } from "../../domain/backoff.ts";
import { realTimers, type TimerHandle, type Timers } from "../timers.ts";

export interface SupervisorOptions {
  /** First retry delay; doubles per consecutive failure up to maxDelayMs (each jittered to 50–100 %). */
  initialDelayMs: number;
  maxDelayMs: number;
  /** A connection that lived this long resets the failure count. */
  stableAfterMs: number;
  pingIntervalMs: number;
  /** No frame and no pong for this long → the connection is replaced. */
  idleTimeoutMs: number;
  connectTimeoutMs: number;
  /** How long a server "disconnect" waits for acks in progress before closing. */
  drainMs: number;
}

export const DEFAULT_SUPERVISOR_OPTIONS: SupervisorOptions = {
  initialDelayMs: 1_000,
  maxDelayMs: 60_000,
  stableAfterMs: 30_000,
  pingIntervalMs: 10_000,
  idleTimeoutMs: 35_000,
  connectTimeoutMs: 15_000,
  drainMs: 3_000,
};

export type StreamState = "idle" | "connecting" | "open" | "backoff" | "stopped";

export type Opener = (signal: AbortSignal, hooks: { onServerDisconnect(): void }) => Promise<StreamConnection>;

export class StreamSupervisor {
  private state: StreamState = "idle";
  private stopped = false;
  private failures = 0;
  private attempts = 0;
  private opens = 0;
  private connectedSince: number | undefined;
  private lastError: string | undefined;
  private current: StreamConnection | undefined;
  private openAbort: AbortController | undefined;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly open: Opener,
    private readonly opts: SupervisorOptions,
    private readonly logger: Logger,
    private readonly timers: Timers = realTimers,
  ) {}

  /**
   * Starts the loop; resolves after the first attempt, connected or not, and after at most
   * firstAttemptWaitMs, so a slow gateway never holds up the app's start.
   */
  async start(firstAttemptWaitMs = 5_000): Promise<void> {
    if (this.loop) return;
    let firstDone!: () => void;
    const first = new Promise<void>((r) => (firstDone = r));
    this.loop = this.run(firstDone).catch((err) => this.logger.error({ err: (err as Error).message }, "dingtalk stream supervisor crashed"));
    let timer: TimerHandle | undefined;
    await Promise.race([first, new Promise<void>((r) => (timer = this.timers.setTimeout(r, firstAttemptWaitMs)))]);
    this.timers.clearTimeout(timer);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.openAbort?.abort();
    this.current?.close("stopped");
    this.wake?.();
    await this.loop;
    this.setState("stopped");
  }

  health(): Record<string, unknown> {
    return {
      mode: "stream",
      connection: this.state,
      openForMs: this.connectedSince === undefined ? null : Math.round(this.timers.now() - this.connectedSince),
      attempts: this.attempts,
      reconnects: Math.max(0, this.opens - 1),
      consecutiveFailures: this.failures,
      lastError: this.lastError ?? null,
    };
  }

  private async run(firstDone: () => void): Promise<void> {
    while (!this.stopped) {
      this.setState("connecting");
      this.attempts++;
      const conn = await this.tryOpen();
      firstDone();
      if (!conn) {
        this.failures++;
        await this.backoff();
        continue;
      }
      if (this.stopped) {
        conn.close("stopped");
        break;
      }
      this.current = conn;
      this.opens++;
      const openedAt = this.timers.now();
      this.connectedSince = openedAt;
      this.setState("open");
      const stopWatch = this.watch(conn);
      const reason = await conn.closed;
      stopWatch();
      this.current = undefined;
      this.connectedSince = undefined;
      if (this.stopped) break;
      this.logger.warn({ reason, livedMs: this.timers.now() - openedAt }, "dingtalk stream: connection closed");
      if (this.timers.now() - openedAt >= this.opts.stableAfterMs) this.failures = 0;
      this.failures++;
      await this.backoff();
    }
  }

  private async tryOpen(): Promise<StreamConnection | undefined> {
    const abort = new AbortController();
    this.openAbort = abort;
    const timer = this.timers.setTimeout(() => abort.abort(), this.opts.connectTimeoutMs);
    try {
      return await this.open(abort.signal, {
        onServerDisconnect: () => {
          // Reconnect now rather than wait ~10 s for the server to close; acks in progress go out first.
          void this.current?.drainAndClose("server disconnect", this.opts.drainMs);
        },
      });
    } catch (err) {
      this.lastError = (err as Error).message;
      this.logger.warn({ err: this.lastError, failures: this.failures + 1 }, "dingtalk stream: connect failed");
      return undefined;
    } finally {
      this.timers.clearTimeout(timer);
      this.openAbort = undefined;
    }
  }

  /** Pings on an interval and replaces a connection that stays silent. */
  private watch(conn: StreamConnection): () => void {
    const timer = this.timers.setInterval(
      () => {
        const silentMs = this.timers.now() - conn.lastActivityAt();
        if (silentMs > this.opts.idleTimeoutMs) {
          this.logger.warn({ silentMs }, "dingtalk stream: connection idle, reconnecting");
          conn.close("idle");
        } else conn.ping();
      },
      Math.min(this.opts.pingIntervalMs, this.opts.idleTimeoutMs),
    );
    timer.unref();
    return () => this.timers.clearInterval(timer);
  }

  private async backoff(): Promise<void> {
    if (this.stopped) return;
    const delay = backoffDelay(this.failures, this.opts.initialDelayMs, this.opts.maxDelayMs);
    this.setState("backoff");
    this.logger.info({ delayMs: delay, failures: this.failures }, "dingtalk stream: reconnecting after delay");
    await new Promise<void>((resolve) => {
      const done = () => {
        this.timers.clearTimeout(timer);
        resolve();
      };
      const timer = this.timers.setTimeout(done, delay);
      this.wake = done;
    });
    this.wake = undefined;
  }

  private setState(state: StreamState): void {
    if (this.state === state) return;
    this.state = state;
    this.logger.info({ state }, "dingtalk stream state");
  }
}
