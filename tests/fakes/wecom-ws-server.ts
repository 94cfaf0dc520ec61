// A fake WeCom AI-bot long-connection server on 127.0.0.1 (protocol of doc 101463):
// it answers aibot_subscribe and ping, records every frame the bot sends (respond / send /
// welcome), pushes aibot_msg_callback / aibot_event_callback frames, and can misbehave:
// send disconnected_event, drop the socket, stop answering pings, refuse sends.
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { waitUntil } from "../helpers/wait.ts";

export interface RecordedFrame {
  cmd: string;
  reqId: string;
  body: any;
  /** Which connection (1-based, in order of subscription) carried it. */
  connection: number;
  at: number;
}

interface Conn {
  ws: WebSocket;
  n: number;
  subscribed: boolean;
}

export class FakeWecomWsServer {
  readonly frames: RecordedFrame[] = [];
  subscriptions = 0;
  failedSubscriptions = 0;
  /** WebSocket close codes of connections that ended, in order (1000 = a clean close by the bot). */
  readonly closeCodes: number[] = [];
  pings = 0;
  /** When false, pings (ours and the SDK's) get no answer: a half-open connection. */
  answerPings = true;
  /** errcode answered to aibot_send_msg / aibot_respond_msg (0 = ok); one-shot queue first. */
  sendErrcodes: number[] = [];
  private wss!: WebSocketServer;
  private conns: Conn[] = [];
  private connCount = 0;
  private waiters: (() => void)[] = [];

  constructor(
    readonly botId = "test-bot-id",
    readonly secret = "test-bot-secret",
  ) {}

  async start(): Promise<string> {
    this.wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise<void>((resolve) => this.wss.once("listening", () => resolve()));
    this.wss.on("connection", (ws) => this.onConnection(ws));
    return this.url;
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const c of this.conns) c.ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  /** The subscribed connection that currently owns the bot. */
  get current(): Conn | undefined {
    return [...this.conns].reverse().find((c) => c.subscribed && c.ws.readyState === c.ws.OPEN);
  }

  get openConnections(): number {
    return this.conns.filter((c) => c.ws.readyState === c.ws.OPEN).length;
  }

  private onConnection(ws: WebSocket): void {
    const conn: Conn = { ws, n: 0, subscribed: false };
    this.conns.push(conn);
    ws.on("close", (code) => {
      this.closeCodes.push(code);
      this.conns = this.conns.filter((c) => c !== conn);
    });
    ws.on("message", (data) => {
      let frame: any;
      try {
        frame = JSON.parse(data.toString());
      } catch {
        return;
      }
      const reqId: string = frame?.headers?.req_id ?? "";
      switch (frame.cmd) {
        case "aibot_subscribe": {
          if (frame.body?.bot_id !== this.botId || frame.body?.secret !== this.secret) {
            this.failedSubscriptions += 1;
            ws.send(JSON.stringify({ headers: { req_id: reqId }, errcode: 40001, errmsg: "invalid secret" }));
            return;
          }
          // One live connection per bot: a new subscribe kicks the previous owner.
          const previous = this.current;
          if (previous && previous !== conn) this.kick(previous, true);
          conn.subscribed = true;
          conn.n = ++this.connCount;
          this.subscriptions += 1;
          ws.send(JSON.stringify({ headers: { req_id: reqId }, errcode: 0, errmsg: "ok" }));
          this.notify();
          return;
        }
        case "ping":
          this.pings += 1;
          if (this.answerPings) ws.send(JSON.stringify({ headers: { req_id: reqId }, errcode: 0, errmsg: "ok" }));
          return;
        default: {
          if (!conn.subscribed) {
            ws.send(JSON.stringify({ headers: { req_id: reqId }, errcode: 40001, errmsg: "not subscribed" }));
            return;
          }
          const errcode = this.sendErrcodes.shift() ?? 0;
          if (errcode === 0) this.frames.push({ cmd: frame.cmd, reqId, body: frame.body, connection: conn.n, at: Date.now() });
          ws.send(JSON.stringify({ headers: { req_id: reqId }, errcode, errmsg: errcode === 0 ? "ok" : "error" }));
          this.notify();
        }
      }
    });
  }

  private kick(conn: Conn, close: boolean): void {
    conn.subscribed = false;
    conn.ws.send(
      JSON.stringify({
        cmd: "aibot_event_callback",
        headers: { req_id: `evt_${randomBytes(6).toString("hex")}` },
        body: {
          msgid: `disc_${randomBytes(6).toString("hex")}`,
          create_time: Math.floor(Date.now() / 1000),
          aibotid: this.botId,
          msgtype: "event",
          event: { eventtype: "disconnected_event" },
        },
      }),
    );
    if (close) setTimeout(() => conn.ws.close(), 20);
  }

  /** Sends disconnected_event to the current connection; keepOpen leaves it half-alive. */
  disconnectEvent(opts: { keepOpen?: boolean } = {}): void {
    const c = this.current;
    if (!c) throw new Error("no subscribed connection");
    this.kick(c, !opts.keepOpen);
  }

  /** Drops the TCP socket without a close frame. */
  dropSocket(): void {
    const c = this.current;
    if (!c) throw new Error("no subscribed connection");
    c.ws.terminate();
  }

  /** Pushes a message callback to the current connection; returns its req_id. */
  pushMessage(body: Record<string, unknown>): string {
    return this.pushFrame("aibot_msg_callback", body);
  }

  pushEvent(body: Record<string, unknown>): string {
    return this.pushFrame("aibot_event_callback", body);
  }

  private pushFrame(cmd: string, body: Record<string, unknown>): string {
    const c = this.current;
    if (!c) throw new Error("no subscribed connection");
    const reqId = `req_${randomBytes(8).toString("hex")}`;
    c.ws.send(JSON.stringify({ cmd, headers: { req_id: reqId }, body }));
    return reqId;
  }

  sent(cmd?: string): RecordedFrame[] {
    return cmd ? this.frames.filter((f) => f.cmd === cmd) : [...this.frames];
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves once predicate() holds (re-checked on every server event and every 20 ms). */
  waitFor(predicate: () => boolean, timeoutMs = 10_000, what = "condition"): Promise<void> {
    return waitUntil(predicate, timeoutMs, what, { onWake: (wake) => this.waiters.push(wake) });
  }
}

/** A realistic message callback body (doc 100719), group unless chatid is omitted. */
export function textMessage(opts: { msgid?: string; userid: string; chatid?: string; content: string; responseUrl?: string }): Record<string, unknown> {
  return {
    msgid: opts.msgid ?? `msg_${randomBytes(8).toString("hex")}`,
    aibotid: "AIBOTID",
    ...(opts.chatid ? { chatid: opts.chatid, chattype: "group" } : { chattype: "single" }),
    from: { userid: opts.userid },
    create_time: Math.floor(Date.now() / 1000),
    ...(opts.responseUrl ? { response_url: opts.responseUrl } : {}),
    msgtype: "text",
    text: { content: opts.content },
  };
}

export function cardEvent(opts: {
  msgid?: string;
  userid: string;
  chatid?: string;
  eventKey: string;
  taskId: string;
  responseUrl?: string;
}): Record<string, unknown> {
  return {
    msgid: opts.msgid ?? `evt_${randomBytes(8).toString("hex")}`,
    aibotid: "AIBOTID",
    ...(opts.chatid ? { chatid: opts.chatid, chattype: "group" } : { chattype: "single" }),
    from: { userid: opts.userid },
    create_time: Math.floor(Date.now() / 1000),
    ...(opts.responseUrl ? { response_url: opts.responseUrl } : {}),
    msgtype: "event",
    event: { eventtype: "template_card_event", template_card_event: { card_type: "button_interaction", event_key: opts.eventKey, task_id: opts.taskId } },
  };
}
