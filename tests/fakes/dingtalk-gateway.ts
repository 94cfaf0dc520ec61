// Fake DingTalk Stream gateway on 127.0.0.1: the HTTP endpoint that hands out {endpoint, ticket}
// and the WebSocket server behind it, speaking real frames (SYSTEM ping/disconnect, CALLBACK robot
// messages). It records acks, counts connection attempts, can refuse connections, drop or freeze
// sockets, and re-delivers unacknowledged CALLBACK frames on the next connection like the platform.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { waitUntil } from "../helpers/wait.ts";

export const TOPIC_ROBOT = "/v1.0/im/bot/messages/get";

export interface Frame {
  specVersion: string;
  type: "SYSTEM" | "EVENT" | "CALLBACK";
  headers: Record<string, string>;
  data: string;
}

export type Refusal = false | "http" | "ws";

export class FakeDingtalkGateway {
  baseUrl = "";
  /** POSTs to /v1.0/gateway/connections/open, and WebSocket upgrade attempts. */
  openAttempts = 0;
  wsAttempts = 0;
  /** Connections accepted so far. */
  connections = 0;
  refuse: Refusal = false;
  /** Acks received: messageId → the ack frame. */
  readonly acks = new Map<string, any>();
  readonly ackOrder: string[] = [];
  readonly pingEchoes: any[] = [];
  /** WebSocket close codes of connections that ended, in order (1000 = a clean close by the client). */
  readonly closeCodes: number[] = [];
  lastSubscriptions: unknown;
  redeliverOnConnect = true;
  private readonly unacked = new Map<string, Frame>();
  private readonly tickets = new Set<string>();
  private readonly wss = new WebSocketServer({ noServer: true, autoPong: false });
  private socket: WebSocket | undefined;
  private frozen = false;
  private waiters: Array<() => void> = [];

  constructor(private readonly opts: { clientId: string; clientSecret: string }) {
    this.wss.on("connection", (ws) => this.onConnection(ws));
  }

  attach(server: Server): void {
    server.on("upgrade", (req: IncomingMessage, sock: Duplex, head: Buffer) => this.onUpgrade(req, sock, head));
  }

  get isConnected(): boolean {
    return this.socket?.readyState === 1;
  }

  /** POST /v1.0/gateway/connections/open */
  handle(req: IncomingMessage, res: ServerResponse, raw: string): boolean {
    const url = new URL(req.url ?? "/", "http://fake");
    if (url.pathname !== "/v1.0/gateway/connections/open" || req.method !== "POST") return false;
    this.openAttempts++;
    this.notify();
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (this.refuse === "http") return (send(503, { code: "ServiceUnavailable", message: "gateway busy" }), true);
    let body: any;
    try {
      body = JSON.parse(raw);
    } catch {
      return (send(400, { code: "invalidParameter" }), true);
    }
    if (body.clientId !== this.opts.clientId || body.clientSecret !== this.opts.clientSecret) {
      return (send(401, { code: "InvalidAuthentication", message: "clientId/clientSecret 无效" }), true);
    }
    this.lastSubscriptions = body.subscriptions;
    const ticket = randomUUID();
    this.tickets.add(ticket);
    send(200, { endpoint: `${this.baseUrl.replace(/^http/, "ws")}/connect`, ticket });
    return true;
  }

  private onUpgrade(req: IncomingMessage, sock: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? "/", "http://fake");
    if (url.pathname !== "/connect") return void sock.destroy();
    this.wsAttempts++;
    this.notify();
    const ticket = url.searchParams.get("ticket") ?? "";
    if (this.refuse === "ws" || !this.tickets.delete(ticket)) {
      sock.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    this.wss.handleUpgrade(req, sock, head, (ws) => this.wss.emit("connection", ws, req));
  }

  private onConnection(ws: WebSocket): void {
    this.socket?.terminate();
    this.socket = ws;
    this.frozen = false;
    this.connections++;
    ws.on("close", (code) => {
      this.closeCodes.push(code);
      this.notify();
    });
    ws.on("ping", (data) => {
      if (!this.frozen) ws.pong(data);
    });
    ws.on("message", (raw) => {
      if (this.frozen) return;
      let msg: any;
      try {
        msg = JSON.parse(String(raw));
      } catch {
        return;
      }
      const id = msg?.headers?.messageId;
      if (msg?.headers?.topic === "ping") this.pingEchoes.push(msg);
      else if (typeof id === "string" && msg.code === 200) {
        this.acks.set(id, msg);
        this.ackOrder.push(id);
        this.unacked.delete(id);
      }
      this.notify();
    });
    if (this.redeliverOnConnect) for (const frame of this.unacked.values()) ws.send(JSON.stringify(frame));
    this.notify();
  }

  /** Sends a robot message as a CALLBACK frame; returns the frame's messageId. */
  sendCallback(payload: unknown, messageId: string = randomUUID()): string {
    const frame: Frame = {
      specVersion: "1.0",
      type: "CALLBACK",
      headers: {
        appId: "fake-app",
        connectionId: "fake-conn",
        contentType: "application/json",
        messageId,
        time: String(Date.now()),
        topic: TOPIC_ROBOT,
      },
      data: JSON.stringify(payload),
    };
    this.unacked.set(messageId, frame);
    this.sendFrame(frame);
    return messageId;
  }

  /** Sends the same CALLBACK again (the platform's re-delivery), acked or not. */
  redeliver(messageId: string, frame?: Frame): void {
    const f = frame ?? this.unacked.get(messageId);
    if (f) this.sendFrame(f);
  }

  sendPing(): string {
    const messageId = randomUUID();
    this.sendFrame({
      specVersion: "1.0",
      type: "SYSTEM",
      headers: { contentType: "application/json", messageId, time: String(Date.now()), topic: "ping" },
      data: JSON.stringify({ opaque: messageId }),
    });
    return messageId;
  }

  /** SYSTEM disconnect, then the server closes the socket after closeAfterMs (about 10 s on the platform). */
  sendDisconnect(closeAfterMs = 10_000): void {
    const ws = this.socket;
    this.sendFrame({
      specVersion: "1.0",
      type: "SYSTEM",
      headers: { contentType: "application/json", messageId: randomUUID(), time: String(Date.now()), topic: "disconnect" },
      data: JSON.stringify({ reason: "server maintenance" }),
    });
    setTimeout(() => ws?.close(1000, "disconnect"), closeAfterMs).unref();
  }

  sendRaw(text: string): void {
    this.socket?.send(text);
  }

  /** The socket vanishes without a close frame. */
  drop(): void {
    this.socket?.terminate();
  }

  /** The connection stays open but nothing comes back (no pongs, no acks recorded). */
  freeze(): void {
    this.frozen = true;
  }

  waitFor(check: () => boolean, timeoutMs = 5_000, what = "condition"): Promise<void> {
    return waitUntil(check, timeoutMs, what, { onWake: (wake) => this.waiters.push(wake) });
  }

  waitForAck(messageId: string, timeoutMs = 5_000): Promise<void> {
    return this.waitFor(() => this.acks.has(messageId), timeoutMs, `ack of ${messageId}`);
  }

  waitForConnections(n: number, timeoutMs = 5_000): Promise<void> {
    return this.waitFor(() => this.connections >= n && this.isConnected, timeoutMs, `${n} connections`);
  }

  close(): void {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }

  private sendFrame(frame: Frame): void {
    if (this.socket?.readyState === 1 && !this.frozen) this.socket.send(JSON.stringify(frame));
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
