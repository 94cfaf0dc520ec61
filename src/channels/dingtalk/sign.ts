// DingTalk signatures, pure functions with an injected clock.
// Both schemes are Base64(HmacSHA256(key = secret, msg = timestamp + "\n" + secret)):
// - robot HTTP callbacks: https://open.dingtalk.com/document/orgapp/receive-message
//   (headers `timestamp` and `sign`, app secret; the platform allows |now - timestamp| up to 1 h,
//   callback.ts a shorter, configured window)
// - custom-robot webhooks: https://open.dingtalk.com/document/orgapp/customize-robot-security-settings
//   (query `timestamp` and `sign`, the robot's "SEC…" secret)
import { createHmac, timingSafeEqual } from "node:crypto";

export function computeSign(timestamp: string | number, secret: string): string {
  return createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64");
}

export type SignCheck = { ok: true } | { ok: false; reason: "malformed_timestamp" | "stale_timestamp" | "bad_sign" };

/** Checks a callback's `timestamp`/`sign` headers; the comparison runs in constant time. */
export function verifyCallbackSign(input: { timestamp: string; sign: string; secret: string; nowMs: number; windowMs: number }): SignCheck {
  if (!/^\d{1,16}$/.test(input.timestamp)) return { ok: false, reason: "malformed_timestamp" };
  const age = Math.abs(input.nowMs - Number(input.timestamp));
  if (age > input.windowMs) return { ok: false, reason: "stale_timestamp" };
  const expected = Buffer.from(computeSign(input.timestamp, input.secret), "base64");
  const given = Buffer.from(input.sign, "base64");
  // Lengths are public (always 32 bytes when genuine); only the bytes are compared in constant time.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad_sign" };
  return { ok: true };
}

/** Adds `timestamp` and `sign` to a custom-robot webhook URL ("加签" security setting). */
export function signCustomRobotUrl(webhookUrl: string, secret: string, nowMs: number): string {
  const url = new URL(webhookUrl);
  const timestamp = String(nowMs);
  url.searchParams.set("timestamp", timestamp);
  url.searchParams.set("sign", computeSign(timestamp, secret)); // URLSearchParams does the urlEncode the docs ask for
  return url.toString();
}
