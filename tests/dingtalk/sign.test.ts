import { describe, expect, it } from "vitest";
import { computeSign, signCustomRobotUrl, verifyCallbackSign } from "../../src/channels/dingtalk/sign.ts";

// The inputs of the "receive message" page (HTTP callback section).
const VECTOR = { timestamp: "1577262236757", secret: "this is a secret", sign: "DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA=", windowMs: 5 * 60_000 };

describe("dingtalk signatures", () => {
  it("computes the official vector", () => {
    expect(computeSign(VECTOR.timestamp, VECTOR.secret)).toBe(VECTOR.sign);
  });

  it("verifies the official vector within the window", () => {
    const nowMs = Number(VECTOR.timestamp) + 4 * 60_000;
    expect(verifyCallbackSign({ ...VECTOR, nowMs })).toEqual({ ok: true });
    expect(verifyCallbackSign({ ...VECTOR, nowMs: Number(VECTOR.timestamp) - 4 * 60_000 })).toEqual({ ok: true });
  });

  it("refuses a stale or future timestamp, well before DingTalk's own hour", () => {
    expect(verifyCallbackSign({ ...VECTOR, nowMs: Number(VECTOR.timestamp) + 6 * 60_000 })).toEqual({ ok: false, reason: "stale_timestamp" });
    expect(verifyCallbackSign({ ...VECTOR, nowMs: Number(VECTOR.timestamp) - 6 * 60_000 })).toEqual({ ok: false, reason: "stale_timestamp" });
    expect(verifyCallbackSign({ ...VECTOR, nowMs: Number(VECTOR.timestamp) + 50 * 60_000 })).toEqual({ ok: false, reason: "stale_timestamp" });
  });

  it("refuses a wrong secret, a tampered sign, garbage and a malformed timestamp", () => {
    const nowMs = Number(VECTOR.timestamp);
    expect(verifyCallbackSign({ ...VECTOR, secret: "another secret", nowMs })).toEqual({ ok: false, reason: "bad_sign" });
    expect(verifyCallbackSign({ ...VECTOR, sign: VECTOR.sign.replace("D", "E"), nowMs })).toEqual({ ok: false, reason: "bad_sign" });
    expect(verifyCallbackSign({ ...VECTOR, sign: "abc", nowMs })).toEqual({ ok: false, reason: "bad_sign" });
    expect(verifyCallbackSign({ ...VECTOR, timestamp: "12ab", nowMs })).toEqual({ ok: false, reason: "malformed_timestamp" });
  });

  it("signs a custom-robot webhook URL with timestamp and url-encoded sign", () => {
    const url = new URL(signCustomRobotUrl("https://oapi.dingtalk.com/robot/send?access_token=abc", "SECxyz", 1577262236757));
    expect(url.searchParams.get("access_token")).toBe("abc");
    expect(url.searchParams.get("timestamp")).toBe("1577262236757");
    expect(url.searchParams.get("sign")).toBe(computeSign("1577262236757", "SECxyz"));
    expect(url.search).toContain(`sign=${encodeURIComponent(computeSign("1577262236757", "SECxyz"))}`);
  });
});
