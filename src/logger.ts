import pino, { type Logger } from "pino";

export type { Logger };

/** Paths that may carry secrets; pino replaces them before anything is written. */
export const REDACT_PATHS = [
  "secret",
  "*.secret",
  "token",
  "*.token",
  "password",
  "*.password",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "req.headers.authorization",
  "req.headers.cookie",
  "webhookUrl",
  "*.webhookUrl",
  "webhookSecret",
  "*.webhookSecret",
  "accessToken",
  "*.accessToken",
  "response_url",
  "*.response_url",
  "sessionWebhook",
  "*.sessionWebhook",
  "config.ADMIN_TOKEN",
  "config.WECOM_BOT_SECRET",
  "config.WECOM_BOT_TOKEN",
  "config.WECOM_BOT_ENCODING_AES_KEY",
  "config.DINGTALK_CLIENT_SECRET",
  "config.DATABASE_URL",
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: "[已隐藏]" }, base: undefined }, destination);
}
