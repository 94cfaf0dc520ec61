// verifyCallback / verifyUrl on their own: no express, the clock passed in.
import { describe, expect, it } from "vitest";
import { verifyCallback, verifyUrl } from "../../src/channels/wecom/verify.ts";
import { encryptMessage, sign } from "../../src/channels/wecom/crypto.ts";
import { AES_KEY, encryptedCallback, TOKEN } from "./helpers.ts";

const NOW_S = 1_760_000_000;
const opts = { token: TOKEN, aesKey: AES_KEY, nowMs: NOW_S * 1000 };
const query = (q: string) => Object.fromEntries(new URLSearchParams(q));
const payload = { msgid: "m-1", msgtype: "text", text: { content: "你好" } };

describe("verifyCallback", () => {
  it("gives the decrypted JSON and the signature that names the request", () => {
    const c = encryptedCallback(payload, { timestamp: NOW_S });
    expect(verifyCallback(query(c.query), c.body, opts)).toEqual({ ok: true, signature: c.signature, payload });
  });

  it("accepts a timestamp up to 5 minutes off the injected clock, not more", () => {
    const edge = encryptedCallback(payload, { timestamp: NOW_S - 300 });
    expect(verifyCallback(query(edge.query), edge.body, opts).ok).toBe(true);
    const stale = encryptedCallback(payload, { timestamp: NOW_S - 301 });
    expect(verifyCallback(query(stale.query), stale.body, opts)).toEqual({ ok: false, status: 401, reason: "时间戳超出允许范围（可能是重放）" });
  });

  it("rejects in order: malformed query, body, signature, decryption, JSON", () => {
    const c = encryptedCallback(payload, { timestamp: NOW_S });
    const reason = (q: Record<string, unknown>, body: string) => {
      const v = verifyCallback(q, body, opts);
      return v.ok ? "ok" : `${v.status} ${v.reason}`;
    };
    expect(reason({ ...query(c.query), msg_signature: "xyz" }, c.body)).toBe("400 缺少或格式错误的 msg_signature");
    expect(reason({ ...query(c.query), timestamp: "soon" }, c.body)).toBe("400 缺少或格式错误的 timestamp");
    expect(reason({ ...query(c.query), nonce: undefined }, c.body)).toBe("400 缺少或格式错误的 nonce");
    expect(reason(query(c.query), "{not json")).toBe("400 请求体不是 JSON");
    expect(reason(query(c.query), JSON.stringify({ encrypt: "" }))).toBe("400 请求体缺少 encrypt");
    expect(reason(query(c.query), encryptedCallback(payload, { timestamp: NOW_S }).body)).toBe("401 签名校验失败");
    const corp = encryptedCallback(payload, { timestamp: NOW_S, receiveId: "ww1436e0e65a779aee" });
    expect(reason(query(corp.query), corp.body)).toBe("400 解密失败：receiveid 不符");
    const text = encryptedCallback("hello", { timestamp: NOW_S });
    expect(reason(query(text.query), text.body)).toBe("400 解密后的内容不是 JSON");
  });
});

describe("verifyUrl", () => {
  it("echoes the decrypted echostr, a '+' turned into a space by the query repaired", () => {
    const echostr = encryptMessage(AES_KEY, "1616140317555161061", "");
    const q = { msg_signature: sign(TOKEN, String(NOW_S), "n1", echostr), timestamp: String(NOW_S), nonce: "n1", echostr: echostr.replace(/\+/g, " ") };
    expect(verifyUrl(q, opts)).toEqual({ ok: true, echo: "1616140317555161061" });
  });

  it("needs the echostr, signed", () => {
    const echostr = encryptMessage(AES_KEY, "123", "");
    expect(verifyUrl({ msg_signature: "0".repeat(40), timestamp: String(NOW_S), nonce: "n" }, opts)).toMatchObject({
      ok: false,
      status: 400,
      reason: "缺少 echostr",
    });
    expect(verifyUrl({ msg_signature: "0".repeat(40), timestamp: String(NOW_S), nonce: "n", echostr }, opts)).toMatchObject({ ok: false, status: 401 });
  });
});
