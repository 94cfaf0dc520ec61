// The AI bot's long connection (doc 101463 "长连接"), through the official WSClient of
// @wecom/aibot-node-sdk, under our own supervision so it stays up for weeks:
// - the SDK's own reconnect loop is switched off (it gives up after N tries and never
//   reconnects after a disconnected_event); every loss goes through handleLoss();
// - reconnects use exponential backoff with jitter, unlimited, and slow down when we keep
//   getting kicked (two instances running with the same bot would otherwise fight);
// - half-open sockets are found by our own probe: a `ping` frame whose ack must come back
//   (missed twice → the socket is replaced), besides the SDK's own heartbeat (which closes
//   the socket after two unanswered pings and so also ends up in handleLoss);
// - an unanswered subscribe (no auth ack) also counts as a loss.
import { WSClient, type WsFrame } from "@wecom/aibot-node-sdk";
import type { Logger } from "pino";
import { backoffDelay, jitter } from "../../domain/backoff.ts";
import { realTimers, type TimerHandle, type Timers } from "../timers.ts";

export type ConnectionState = "idle" | "connecting" | "open" | "reconnecting" | "stopped";

export interface LongConnectionTuning {
  /** Interval of our liveness probe and of the SDK heartbeat (ms). WeCom asks for 30 s. */
  heartbeatMs?: number;
  /** How long a probe may wait for its ack (ms). */
  probeTimeoutMs?: number;
  /** Probes missed in a row before the socket is declared dead. */
  maxMissedProbes?: number;
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
  /** Time allowed between opening the socket and the subscribe ack (ms). */
  authTimeoutMs?: number;
}

export interface LongConnectionOptions {
  url: string;
  botId: string;
  secret: string;
  logger: Logger;
  /** Every aibot_msg_callback / aibot_event_callback frame except disconnected_event. */
  onFrame: (frame: WsFrame) => void;
  tuning?: LongConnectionTuning;
  random?: () => number;
  timers?: Timers;
}

export type WsOutcome = { ok: true } | { ok: false; error: string; errcode?: number };

const KICK_WINDOW_MS = 10 * 60_000;

export class LongConnection {
  private client: WSClient | undefined;
  private generation = 0;
  private stateValue: ConnectionState = "idle";
  private since = new Date();
  private attempts = 0;
  private reconnects = 0;
  private lastError: string | undefined;
  private kickedFlag = false;
  private connectError: string | undefined;
  private kicks: number[] = [];
  private missedProbes = 0;
  /** Set once this connection has acked a probe: only then do missed probes count. */
  private probeAcked = false;
  private probeSeq = 0;
  private pending = new Set<TimerHandle>();
  private probeTimer: TimerHandle | undefined;
  private readonly t: Required<LongConnectionTuning>;
  private readonly random: () => number;
  private readonly timers: Timers;

  constructor(private readonly opts: LongConnectionOptions) {
    const heartbeatMs = opts.tuning?.heartbeatMs ?? 30_000;
    this.t = {
      heartbeatMs,
      probeTimeoutMs: opts.tuning?.probeTimeoutMs ?? Math.min(10_000, heartbeatMs),
      maxMissedProbes: opts.tuning?.maxMissedProbes ?? 2,
      reconnectBaseMs: opts.tuning?.reconnectBaseMs ?? 1_000,
      reconnectMaxMs: opts.tuning?.reconnectMaxMs ?? 60_000,
      authTimeoutMs: opts.tuning?.authTimeoutMs ?? 15_000,
    };
    this.random = opts.random ?? Math.random;
    this.timers = opts.timers ?? realTimers;
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  isOpen(): boolean {
    return this.stateValue === "open" && this.client?.isConnected === true;
  }

  health(): Record<string, unknown> {
    return {
      transport: "long_connection",
      state: this.stateValue,
      since: this.since.toISOString(),
      reconnects: this.reconnects,
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  /** Starts connecting and returns at once: the service must come up even when WeCom is unreachable. */
  start(): void {
    if (this.stateValue !== "idle" && this.stateValue !== "stopped") return;
    this.connect();
  }

  /** Closes with a WebSocket close frame (1000), not a dropped socket, then forgets the client. */
  async stop(): Promise<void> {
    this.setState("stopped", "stop() called");
    for (const t of this.pending) this.timers.clearTimeout(t);
    this.pending.clear();
    this.stopProbe();
    // The SDK's disconnect() terminates the socket (the server sees 1006); close it properly first.
    const socket = (
      this.client as unknown as
        { wsManager?: { ws?: { readyState: number; close(code: number, reason: string): void; once(e: "close", f: () => void): void } | null } } | undefined
    )?.wsManager?.ws;
    if (socket && socket.readyState === 1) {
      await new Promise<void>((resolve) => {
        const timer = this.timers.setTimeout(resolve, 1_000);
        socket.once("close", () => {
          this.timers.clearTimeout(timer);
          resolve();
        });
        socket.close(1000, "stopped");
      });
    }
    this.dispose();
  }

  /** aibot_respond_msg / aibot_respond_welcome_msg to a callback's req_id. */
  async respond(reqId: string, body: Record<string, unknown>, cmd: string = "aibot_respond_msg"): Promise<WsOutcome> {
    const client = this.client;
    if (!client || !this.isOpen()) return { ok: false, error: "not_connected" };
    return this.outcome(client.reply({ headers: { req_id: reqId } }, body, cmd));
  }

  /** aibot_send_msg: push to a chat that has messaged the bot. */
  async push(chatId: string, body: Record<string, unknown>): Promise<WsOutcome> {
    const client = this.client;
    if (!client || !this.isOpen()) return { ok: false, error: "not_connected" };
    return this.outcome(client.sendMessage(chatId, body as never));
  }

  private async outcome(p: Promise<WsFrame>): Promise<WsOutcome> {
    try {
      const ack = await p;
      if (typeof ack?.errcode === "number" && ack.errcode !== 0) return { ok: false, error: `ws_errcode_${ack.errcode}`, errcode: ack.errcode };
      return { ok: true };
    } catch (err) {
      // The SDK rejects with the ack frame on errcode ≠ 0, with an Error on timeout/close.
      const code = (err as { errcode?: unknown })?.errcode;
      if (typeof code === "number") return { ok: false, error: `ws_errcode_${code}`, errcode: code };
      const msg = err instanceof Error ? err.message : String(err);
      return { ok: false, error: /timeout/i.test(msg) ? "ws_ack_timeout" : "ws_send_failed" };
    }
  }

  private setState(state: ConnectionState, reason: string, extra: Record<string, unknown> = {}): void {
    if (this.stateValue === state) return;
    const from = this.stateValue;
    this.stateValue = state;
    this.since = new Date();
    const level = state === "reconnecting" ? "warn" : "info";
    this.opts.logger[level]({ from, to: state, reason, ...extra }, "企业微信长连接状态变化");
  }

  private later(ms: number, fn: () => void): void {
    const t = this.timers.setTimeout(() => {
      this.pending.delete(t);
      fn();
    }, ms);
    this.pending.add(t);
  }

  private connect(): void {
    const gen = ++this.generation;
    this.kickedFlag = false;
    this.connectError = undefined;
    this.missedProbes = 0;
    this.probeAcked = false;
    this.setState("connecting", this.attempts === 0 ? "start" : `attempt ${this.attempts + 1}`);
    const client = new WSClient({
      botId: this.opts.botId,
      secret: this.opts.secret,
      wsUrl: this.opts.url,
      heartbeatInterval: this.t.heartbeatMs,
      // Our supervisor owns reconnection: 0 makes the SDK give up at once and report the loss.
      maxReconnectAttempts: 0,
      maxAuthFailureAttempts: 0,
      logger: sdkLogger(this.opts.logger),
    });
    this.client = client;
    const current = () => gen === this.generation && this.stateValue !== "stopped";
    const authTimer = this.timers.setTimeout(() => {
      this.pending.delete(authTimer);
      if (current() && this.stateValue === "connecting") this.handleLoss("订阅超时（未收到认证应答）");
    }, this.t.authTimeoutMs);
    this.pending.add(authTimer);

    client.on("authenticated", () => {
      if (!current()) return;
      this.timers.clearTimeout(authTimer);
      this.pending.delete(authTimer);
      this.attempts = 0;
      this.lastError = undefined;
      this.setState("open", "subscribed");
      this.startProbe(gen);
    });
    client.on("disconnected", (reason: string) => {
      if (current()) this.handleLoss(this.kickedFlag ? "disconnected_event（被新连接顶替）" : `连接断开：${reason}`);
    });
    client.on("error", (err: Error) => {
      if (!current()) return;
      this.connectError = err.message.slice(0, 200);
      // Auth failure closes the socket; the resulting 'disconnected' drives the reconnect.
      this.opts.logger.warn({ err: this.connectError }, "企业微信长连接错误");
    });
    client.on("message", (frame) => {
      if (current()) this.opts.onFrame(frame as WsFrame);
    });
    client.on("event", (frame) => {
      if (!current()) return;
      if ((frame as WsFrame).body?.event?.eventtype === "disconnected_event") {
        this.kickedFlag = true;
        return;
      }
      this.opts.onFrame(frame as WsFrame);
    });
    client.connect();
  }

  private handleLoss(reason: string): void {
    if (this.stateValue === "stopped") return;
    const kicked = this.kickedFlag;
    this.stopProbe();
    this.dispose();
    this.attempts += 1;
    this.reconnects += 1;
    this.lastError = this.connectError ? `${reason}；${this.connectError}` : reason;
    let repeatedKicks = false;
    if (kicked) {
      const now = this.timers.now();
      this.kicks = [...this.kicks.filter((k) => k > now - KICK_WINDOW_MS), now];
      // Kicked again and again: another instance holds the bot. Back off to the maximum so
      // the two do not keep replacing each other every second.
      repeatedKicks = this.kicks.length >= 3;
    }
    const delay = repeatedKicks
      ? jitter(this.t.reconnectMaxMs, this.random)
      : backoffDelay(this.attempts, this.t.reconnectBaseMs, this.t.reconnectMaxMs, this.random);
    this.setState("reconnecting", reason, { attempt: this.attempts, delayMs: delay, ...(kicked ? { kicks: this.kicks.length } : {}) });
    this.later(delay, () => {
      if (this.stateValue === "reconnecting") this.connect();
    });
  }

  private dispose(): void {
    const client = this.client;
    this.client = undefined;
    this.generation += 1; // late events from the old client are ignored
    if (!client) return;
    try {
      client.disconnect();
    } catch {
      // already closed
    }
    client.removeAllListeners();
  }

  private startProbe(gen: number): void {
    this.stopProbe();
    this.probeTimer = this.timers.setInterval(() => void this.probe(gen), this.t.heartbeatMs);
  }

  private stopProbe(): void {
    if (this.probeTimer) this.timers.clearInterval(this.probeTimer);
    this.probeTimer = undefined;
  }

  /** Application-level ping with its own req_id; the server echoes it in the ack. */
  private async probe(gen: number): Promise<void> {
    const client = this.client;
    if (!client || gen !== this.generation || this.stateValue !== "open") return;
    if (!client.isConnected) {
      this.handleLoss("socket 已关闭");
      return;
    }
    const reqId = `probe_${Date.now()}_${++this.probeSeq}`;
    let timer: TimerHandle | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = this.timers.setTimeout(() => resolve("timeout"), this.t.probeTimeoutMs);
    });
    const result = await Promise.race([
      client.reply({ headers: { req_id: reqId } }, undefined as never, "ping").then(
        () => "ack" as const,
        () => "fail" as const,
      ),
      timeout,
    ]);
    this.timers.clearTimeout(timer);
    if (gen !== this.generation || this.stateValue !== "open") return;
    if (result === "ack") {
      this.missedProbes = 0;
      this.probeAcked = true;
      return;
    }
    // A server that never echoes our probe's req_id must not make us reconnect in a loop:
    // until a probe has been acked on this connection, the SDK's heartbeat is the judge.
    if (!this.probeAcked) return;
    this.missedProbes += 1;
    this.opts.logger.warn({ missed: this.missedProbes }, "企业微信长连接心跳未应答");
    if (this.missedProbes >= this.t.maxMissedProbes) this.handleLoss(`连续 ${this.missedProbes} 次心跳无应答（半开连接）`);
  }
}

/**
 * The SDK's console-style logger, routed into pino. Its debug output is dropped: it prints
 * whole frames, and those carry response_urls (capabilities) and citizens' messages.
 */
function sdkLogger(logger: Logger) {
  const child = logger.child({ component: "wecom-sdk" });
  const fmt = (message: string, args: unknown[]) =>
    [message, ...args.map((a) => (a instanceof Error ? a.message : typeof a === "string" ? a : JSON.stringify(a)))].join(" ").slice(0, 500);
  return {
    debug: (_m: string, ..._a: unknown[]) => undefined,
    info: (m: string, ...a: unknown[]) => child.debug(fmt(m, a)),
    warn: (m: string, ...a: unknown[]) => child.warn(fmt(m, a)),
    error: (m: string, ...a: unknown[]) => child.warn(fmt(m, a)),
  };
}
