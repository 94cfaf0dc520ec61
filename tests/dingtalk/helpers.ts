// Shared bits for the DingTalk tests: a config pointing at the fakes, a silent logger, deliveries.
import pino from "pino";
import { loadConfig } from "../../src/config.ts";
import type { Delivery, OutboundMessage } from "../../src/channels/types.ts";
import { trusted } from "../../src/domain/rich-text.ts";
import type { SeenCallbacks } from "../../src/channels/seen-callbacks.ts";

export const CLIENT_ID = "dingtestkey";
export const CLIENT_SECRET = "test-app-secret-0123456789";

export const silentLogger = pino({ level: "silent" });

export function dingtalkConfig(baseUrl: string, extra: Record<string, string> = {}) {
  return loadConfig({
    DINGTALK_CLIENT_ID: CLIENT_ID,
    DINGTALK_CLIENT_SECRET: CLIENT_SECRET,
    DINGTALK_API_BASE: baseUrl,
    DINGTALK_WEBHOOK_BASE: baseUrl, // the fake serves webhooks too
    SEED_DEMO: "false",
    ...extra,
  });
}

let nextId = 1;
export function delivery(over: Partial<Delivery> & { message?: OutboundMessage } = {}): Delivery {
  return {
    id: nextId++,
    platform: "dingtalk",
    chatId: "cidGroup1==",
    chatType: "group",
    kind: "post",
    message: { body: trusted("测试消息") },
    attempts: 0,
    ...over,
  };
}

export { capturingLogger } from "../helpers/logs.ts";

/** The accepted-callback store without a database, for router tests (the app uses seen-callbacks.ts). */
export function memorySeen(): SeenCallbacks {
  const claims = new Map<string, string>();
  return {
    async claim(key, messageId) {
      const had = claims.get(key);
      if (had === undefined) claims.set(key, messageId);
      return had === undefined ? "new" : had === messageId ? "repeat" : "replayed";
    },
    async release(key) {
      claims.delete(key);
    },
  };
}
