// The WeCom (企业微信) channel: an AI bot (智能机器人) over the long connection
// (WECOM_BOT_ID + WECOM_BOT_SECRET, recommended: no public URL needed) and/or the callback
// URL (WECOM_BOT_TOKEN + WECOM_BOT_ENCODING_AES_KEY, router mounted at /callbacks/wecom),
// plus per-group webhooks for posts. Returns undefined when neither transport is configured.
import type { Router } from "express";
import type { Logger } from "pino";
import type { Config } from "../../config.ts";
import type { Channel, Ingest } from "../types.ts";
import type { Timers } from "../timers.ts";
import { createCallbackRouter } from "./callback.ts";
import { LongConnection, type LongConnectionTuning } from "./long-connection.ts";
import { WecomSender } from "./send.ts";
import { WsInbound } from "./ws-inbound.ts";

export interface WecomChannelDeps {
  config: Config;
  ingest: Ingest;
  logger: Logger;
  fetch?: typeof fetch;
  now?: () => Date;
  /** Timings for tests; production uses the defaults (30 s heartbeat, 1 s → 60 s backoff). */
  tuning?: LongConnectionTuning & { ingestRetryDelaysMs?: number[] };
  /** What the long connection waits on; tests move it on by hand. */
  timers?: Timers;
}

export function createWecomChannel(deps: WecomChannelDeps): { channel: Channel; router?: Router } | undefined {
  const { config } = deps;
  const longConnection = config.WECOM_BOT_ID !== undefined && config.WECOM_BOT_SECRET !== undefined;
  const callback = config.WECOM_BOT_TOKEN !== undefined && config.WECOM_BOT_ENCODING_AES_KEY !== undefined;
  if (!longConnection && !callback) return undefined;

  const now = deps.now ?? (() => new Date());
  const logger = deps.logger.child({ channel: "wecom" });
  const inbound = longConnection ? new WsInbound({ ingest: deps.ingest, logger, now, retryDelaysMs: deps.tuning?.ingestRetryDelaysMs }) : undefined;
  const ws = longConnection
    ? new LongConnection({
        url: config.WECOM_WS_URL,
        botId: config.WECOM_BOT_ID!,
        secret: config.WECOM_BOT_SECRET!,
        logger,
        onFrame: (frame) => inbound!.push(frame),
        tuning: deps.tuning,
        timers: deps.timers,
      })
    : undefined;
  const sender = new WecomSender({
    apiBase: config.WECOM_API_BASE,
    linkUrl: config.PUBLIC_BASE_URL,
    ws,
    fetch: deps.fetch ?? fetch,
    timeoutMs: config.SEND_TIMEOUT_MS,
    logger,
    now,
  });

  const channel: Channel = {
    platform: "wecom",
    send: (delivery) => sender.send(delivery),
    async start() {
      ws?.start();
      logger.info({ longConnection, callback }, "企业微信通道已启动");
    },
    async stop() {
      await ws?.stop();
      if (inbound) {
        inbound.stop();
        // Let frames already received finish storing (bounded: retries stop once stopped).
        await Promise.race([inbound.drain(), new Promise((r) => setTimeout(r, 5_000).unref())]);
      }
    },
    health() {
      return {
        ...(ws ? ws.health() : {}),
        ...(ws ? {} : { transport: "callback" }),
        callback,
        partialDeliveries: sender.pendingParts,
        ...(inbound ? { inboundBacklog: inbound.backlog } : {}),
      };
    },
  };

  const router = callback
    ? createCallbackRouter({
        token: config.WECOM_BOT_TOKEN!,
        encodingAesKey: config.WECOM_BOT_ENCODING_AES_KEY!,
        ingest: deps.ingest,
        logger,
        now,
      })
    : undefined;
  return router ? { channel, router } : { channel };
}
