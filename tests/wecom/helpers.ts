// Shared test helpers: WeCom-style encrypted callbacks (receiveid ""), a quiet logger, config.
import { randomBytes } from "node:crypto";
import pino from "pino";
import { loadConfig, type Config } from "../../src/config.ts";
import { encryptMessage, sign } from "../../src/channels/wecom/crypto.ts";

export const TOKEN = "tEsTtOkEn123";
export const AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"; // 43 chars

export function quietLogger() {
  return pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
}

export { capturingLogger } from "../helpers/logs.ts";

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ LOG_LEVEL: "silent", ...env });
}

/** Query string + body of a signed, encrypted AI-bot callback, as WeCom would POST it. */
export function encryptedCallback(payload: unknown, opts: { token?: string; aesKey?: string; timestamp?: number; nonce?: string; receiveId?: string } = {}) {
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = opts.nonce ?? randomBytes(6).toString("hex");
  const encrypt = encryptMessage(opts.aesKey ?? AES_KEY, typeof payload === "string" ? payload : JSON.stringify(payload), opts.receiveId ?? "");
  const signature = sign(opts.token ?? TOKEN, timestamp, nonce, encrypt);
  const query = new URLSearchParams({ msg_signature: signature, timestamp, nonce }).toString();
  return { query, body: JSON.stringify({ encrypt }), encrypt, signature, timestamp, nonce };
}

export { waitUntil } from "../helpers/wait.ts";
