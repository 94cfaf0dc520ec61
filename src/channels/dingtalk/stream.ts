// One Stream-mode connection through the official SDK's DWClient, with its 2.1.5 defects
// worked around on the instance (see /work/shared/docs/dingtalk.md):
// - the gateway URL is a hard-coded constant → getEndpoint is replaced to use DINGTALK_API_BASE;
// - its reconnect loop storms and survives disconnect() → autoReconnect off, the supervisor reconnects;
// - its keep-alive interval leaks across reconnects → keepAlive off, the supervisor pings;
// - a non-JSON frame throws inside the socket listener → frames are parsed here first;
// - it never acknowledges CALLBACK frames → each frame gets an ack() the caller runs once stored.
// Protocol: https://open.dingtalk.com/document/direction/stream-mode-protocol-access-description
import { DWClient, TOPIC_ROBOT, type DWClientDownStream } from "dingtalk-stream";
import type { Logger } from "pino";
import type WebSocket from "ws";
import type { TimerHandle, Timers } from "../timers.ts";

export interface StreamFrame {
  messageId: string;
  topic: string;
  data: string;
}

export interface StreamConnection {
  /** Settles once the socket is closed, with why. */
  readonly closed: Promise<string>;
  close(reason: string): void;
  /** Waits (bounded) for callbacks in progress to be acknowledged, then closes. */
  drainAndClose(reason: string, maxWaitMs: number): Promise<void>;
  ping(): void;
  /** timers.now() of the last frame or pong. */
  lastActivityAt(): number;
}

export interface OpenOptions {
  clientId: string;
  clientSecret: string;
  apiBase: string;
  fetch: typeof fetch;
  logger: Logger;
  signal: AbortSignal;
  timers: Timers;
  /** A robot message frame; call ack() only once it is stored. */
  onCallback(frame: StreamFrame, ack: () => void): Promise<void>;
  /** The server announced it will close this connection (SYSTEM "disconnect"). */
  onServerDisconnect(): void;
}

type ClientInternals = { dw_url?: string; socket?: WebSocket };

export async function openStreamConnection(o: OpenOptions): Promise<StreamConnection> {
  const client = new DWClient({ clientId: o.clientId, clientSecret: o.clientSecret, ua: "renda-bot", keepAlive: false, debug: false });
  const internals = client as unknown as ClientInternals;
  client.config.autoReconnect = false;
  // Only robot messages: the default subscription also asks for every org EVENT.
  client.config.subscriptions = [{ type: "CALLBACK", topic: TOPIC_ROBOT }];
  let lastActivity = o.timers.now();
  const inflight = new Set<Promise<void>>();

  // POST {apiBase}/v1.0/gateway/connections/open → {endpoint, ticket}; the ticket is single-use, valid 90 s.
  // https://open.dingtalk.com/document/direction/stream-mode-protocol-access-description
  client.getEndpoint = async function getEndpoint(this: DWClient) {
    const res = await o.fetch(new URL("/v1.0/gateway/connections/open", o.apiBase), {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({
        clientId: o.clientId,
        clientSecret: o.clientSecret,
        ua: this.config.ua,
        subscriptions: this.config.subscriptions,
      }),
      signal: o.signal,
    });
    const body = (await res.json().catch(() => ({}))) as { endpoint?: unknown; ticket?: unknown; code?: unknown };
    if (!res.ok || typeof body.endpoint !== "string" || typeof body.ticket !== "string") {
      throw new Error(`gateway refused: HTTP ${res.status}${typeof body.code === "string" ? ` ${body.code}` : ""}`);
    }
    const url = new URL(body.endpoint);
    url.searchParams.set("ticket", body.ticket);
    internals.dw_url = url.toString();
    return this;
  };

  client.onDownStream = function onDownStream(this: DWClient, raw: unknown) {
    lastActivity = o.timers.now();
    let frame: Partial<DWClientDownStream> | null;
    try {
      frame = JSON.parse(String(raw)) as Partial<DWClientDownStream>;
    } catch {
      o.logger.warn({ bytes: String(raw).length }, "dingtalk stream: non-JSON frame ignored");
      return;
    }
    if (!frame || typeof frame !== "object" || typeof frame.type !== "string" || !frame.headers || typeof frame.headers !== "object") {
      o.logger.warn("dingtalk stream: frame without type/headers ignored");
      return;
    }
    if (frame.type === "SYSTEM" && frame.headers.topic === "disconnect") {
      o.logger.info("dingtalk stream: server asked to disconnect");
      o.onServerDisconnect();
      return;
    }
    if (frame.type === "CALLBACK") {
      const { messageId, topic } = frame.headers;
      if (typeof messageId !== "string" || !messageId) {
        o.logger.warn({ topic }, "dingtalk stream: CALLBACK without messageId ignored");
        return;
      }
      const ack = () => {
        try {
          client.socketCallBackResponse(messageId, {});
        } catch (err) {
          o.logger.warn({ err: (err as Error).message }, "dingtalk stream: ack not sent");
        }
      };
      const task = o
        .onCallback({ messageId, topic: String(topic ?? ""), data: typeof frame.data === "string" ? frame.data : "" }, ack)
        .catch((err) => o.logger.error({ err: (err as Error).message }, "dingtalk stream: callback handler failed"))
        .finally(() => inflight.delete(task));
      inflight.add(task);
      return;
    }
    // SYSTEM ping (echoed), EVENT (auto-acked): the SDK's own handling is fine.
    try {
      if (frame.type === "SYSTEM") this.onSystem(frame as DWClientDownStream);
      else if (frame.type === "EVENT") this.onEvent(frame as DWClientDownStream);
    } catch (err) {
      o.logger.warn({ err: (err as Error).message }, "dingtalk stream: frame handling failed");
    }
  } as DWClient["onDownStream"];

  const abortEarly = () => internals.socket?.terminate();
  o.signal.addEventListener("abort", abortEarly, { once: true });
  try {
    if (o.signal.aborted) throw new Error("aborted");
    await client.getEndpoint();
    await client._connect();
  } catch (err) {
    internals.socket?.terminate();
    throw err;
  } finally {
    o.signal.removeEventListener("abort", abortEarly);
  }
  const socket = internals.socket!;
  if (o.signal.aborted) {
    socket.terminate();
    throw new Error("aborted");
  }
  lastActivity = o.timers.now();

  let closeReason = "socket closed";
  const closed = new Promise<string>((resolve) => {
    socket.once("close", (code: number) => resolve(`${closeReason} (${code})`));
  });
  socket.on("pong", () => {
    lastActivity = o.timers.now();
  });
  socket.on("error", (err: Error) => o.logger.warn({ err: err.message }, "dingtalk stream: socket error"));

  // A close frame (1000) when the peer is still there; a socket that does not answer within 1 s is dropped.
  const close = (reason: string) => {
    if (socket.readyState === socket.CLOSED) return;
    closeReason = reason;
    if (socket.readyState !== socket.OPEN) return void socket.terminate();
    socket.close(1000, reason);
    o.timers.setTimeout(() => socket.terminate(), 1_000).unref();
  };
  return {
    closed,
    close,
    async drainAndClose(reason, maxWaitMs) {
      let timer: TimerHandle | undefined;
      await Promise.race([Promise.allSettled([...inflight]), new Promise<void>((r) => (timer = o.timers.setTimeout(r, maxWaitMs)))]);
      o.timers.clearTimeout(timer);
      close(reason);
    },
    ping() {
      try {
        socket.ping();
      } catch {
        /* not open: the idle check will close it */
      }
    },
    lastActivityAt: () => lastActivity,
  };
}
