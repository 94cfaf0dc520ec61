// DingTalk channel factory: configured by DINGTALK_* variables, receiving over Stream mode
// (default; no public URL) or signed HTTP callbacks, sending through send.ts.
import { TOPIC_ROBOT } from "dingtalk-stream";
import type express from "express";
import type { Logger } from "pino";
import type { Config } from "../../config.ts";
import type { Channel, Ingest } from "../types.ts";
import type { SeenCallbacks } from "../seen-callbacks.ts";
import { realTimers, type Timers } from "../timers.ts";
import { createCallbackRouter } from "./callback.ts";
import { receiveRobotMessage } from "./receive.ts";
import { createSender } from "./send.ts";
import { openStreamConnection } from "./stream.ts";
import { DEFAULT_SUPERVISOR_OPTIONS, StreamSupervisor, type SupervisorOptions } from "./supervisor.ts";
import { createTokenSource } from "./token.ts";

export interface DingtalkDeps {
  config: Config;
  ingest: Ingest;
  logger: Logger;
  fetch?: typeof fetch;
  now?: () => Date;
  /** Signed HTTP callbacks already accepted (durable, see seen-callbacks.ts); needed in HTTP mode. */
  seen?: SeenCallbacks;
  /** Stream reconnect/idle timings; tests shorten them. */
  stream?: Partial<SupervisorOptions>;
  /** What the Stream connection waits on; tests move it on by hand. */
  timers?: Timers;
}

export function createDingtalkChannel(deps: DingtalkDeps): { channel: Channel; router?: express.Router } | undefined {
  const { config } = deps;
  const clientId = config.DINGTALK_CLIENT_ID;
  const clientSecret = config.DINGTALK_CLIENT_SECRET;
  if (!clientId || !clientSecret) return undefined;
  const fetchFn = deps.fetch ?? globalThis.fetch;
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger.child({ channel: "dingtalk" });
  const apiBase = config.DINGTALK_API_BASE;
  const timers = deps.timers ?? realTimers;

  const timeoutMs = config.SEND_TIMEOUT_MS;
  const tokens = createTokenSource({ apiBase, appKey: clientId, appSecret: clientSecret, fetch: fetchFn, now, timeoutMs });
  const send = createSender({
    api: { apiBase, robotCode: config.DINGTALK_ROBOT_CODE ?? clientId, fetch: fetchFn, timeoutMs },
    tokens,
    fetch: fetchFn,
    webhookBase: config.DINGTALK_WEBHOOK_BASE,
    timeoutMs,
    now,
    logger,
  });

  if (config.DINGTALK_MODE === "http") {
    if (!deps.seen) throw new Error("DingTalk HTTP mode needs the accepted-callback store");
    const windowMs = config.DINGTALK_CALLBACK_WINDOW_SEC * 1000;
    const router = createCallbackRouter({ appSecret: clientSecret, windowMs, seen: deps.seen, ingest: deps.ingest, logger, now });
    return { channel: { platform: "dingtalk", send, health: () => ({ mode: "http" }) }, router };
  }

  const supervisor = new StreamSupervisor(
    (signal, hooks) =>
      openStreamConnection({
        clientId,
        clientSecret,
        apiBase,
        fetch: fetchFn,
        logger,
        signal,
        timers,
        onServerDisconnect: hooks.onServerDisconnect,
        async onCallback(frame, ack) {
          if (frame.topic !== TOPIC_ROBOT) {
            logger.warn({ topic: frame.topic }, "dingtalk stream: unexpected CALLBACK topic acknowledged and ignored");
            ack();
            return;
          }
          let payload: unknown;
          try {
            payload = JSON.parse(frame.data);
          } catch {
            logger.warn({ topic: frame.topic }, "dingtalk stream: CALLBACK data is not JSON; acknowledged and dropped");
            ack(); // re-delivery would bring the same bytes again
            return;
          }
          // Throws when ingest could not store it: no ack, the platform re-delivers in ~60 s.
          await receiveRobotMessage(payload, { ingest: deps.ingest, logger, now });
          ack();
        },
      }),
    { ...DEFAULT_SUPERVISOR_OPTIONS, ...deps.stream },
    logger,
    timers,
  );

  return {
    channel: {
      platform: "dingtalk",
      send,
      start: () => supervisor.start(),
      stop: () => supervisor.stop(),
      health: () => supervisor.health(),
    },
  };
}
