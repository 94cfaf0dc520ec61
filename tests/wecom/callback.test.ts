// The callback router on its own (a stand-in ingest): real signed, encrypted requests.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCallbackRouter } from "../../src/channels/wecom/callback.ts";
import { encryptMessage, sign } from "../../src/channels/wecom/crypto.ts";
import type { InboundMessage } from "../../src/channels/types.ts";
import { AES_KEY, capturingLogger, encryptedCallback, TOKEN } from "./helpers.ts";

let server: Server;
let base: string;
let ingested: InboundMessage[] = [];
let failIngest = 0;
const { logger, lines } = capturingLogger();

beforeAll(async () => {
  const app = express();
  app.use(
    "/callbacks/wecom",
    createCallbackRouter({
      token: TOKEN,
      encodingAesKey: AES_KEY,
      logger,
      now: () => new Date(),
      maxBodyBytes: 64 * 1024,
      ingest: async (m) => {
        if (failIngest > 0) {
          failIngest--;
          throw new Error("database down");
        }
        const duplicate = ingested.some((x) => x.messageId === m.messageId);
        if (!duplicate) ingested.push(m);
        return { duplicate };
      },
    }),
  );
  server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callbacks/wecom`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  ingested = [];
  failIngest = 0;
});

const msg = (msgid: string, content = "@机器人 意见 路灯坏了") => ({
  msgid,
  aibotid: "AIBOT",
  chatid: "wrGroup",
  chattype: "group",
  from: { userid: "zhangsan" },
  response_url: "https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=SECRETCODE",
  msgtype: "text",
  text: { content },
});

const post = (query: string, body: string) => fetch(`${base}?${query}`, { method: "POST", headers: { "content-type": "application/json" }, body });

describe("URL verification (GET)", () => {
  it("echoes the decrypted echostr as bare text", async () => {
    const ts = String(Math.floor(Date.now() / 1000));
    const echostr = encryptMessage(AES_KEY, "1616140317555161061", "");
    const sig = sign(TOKEN, ts, "n1", echostr);
    const res = await fetch(`${base}?${new URLSearchParams({ msg_signature: sig, timestamp: ts, nonce: "n1", echostr })}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("1616140317555161061");
  });

  it("rejects a forged signature with 401 and a missing echostr with 400", async () => {
    const ts = String(Math.floor(Date.now() / 1000));
    const echostr = encryptMessage(AES_KEY, "123", "");
    const res = await fetch(`${base}?${new URLSearchParams({ msg_signature: "0".repeat(40), timestamp: ts, nonce: "n", echostr })}`);
    expect(res.status).toBe(401);
    const res2 = await fetch(`${base}?${new URLSearchParams({ msg_signature: "0".repeat(40), timestamp: ts, nonce: "n" })}`);
    expect(res2.status).toBe(400);
  });
});

describe("message callbacks (POST)", () => {
  it("accepts a valid callback: stored once, 200 with an empty body", async () => {
    const c = encryptedCallback(msg("m-1"));
    const res = await post(c.query, c.body);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    expect(ingested).toHaveLength(1);
    expect(ingested[0]).toMatchObject({ messageId: "m-1", chatId: "wrGroup", text: "意见 路灯坏了" });
  });

  it("a duplicate (same request, or same msgid re-signed) never reaches ingest twice", async () => {
    const c = encryptedCallback(msg("m-dup"));
    expect((await post(c.query, c.body)).status).toBe(200);
    expect((await post(c.query, c.body)).status).toBe(200);
    const again = encryptedCallback(msg("m-dup"));
    expect((await post(again.query, again.body)).status).toBe(200);
    expect(ingested.filter((m) => m.messageId === "m-dup")).toHaveLength(1);
  });

  it("forged: 401, nothing stored", async () => {
    const wrongToken = encryptedCallback(msg("f-1"), { token: "other-token" });
    expect((await post(wrongToken.query, wrongToken.body)).status).toBe(401);
    const c = encryptedCallback(msg("f-2"));
    const otherBody = encryptedCallback(msg("f-3"));
    expect((await post(c.query, otherBody.body)).status).toBe(401); // signature of another body
    expect(ingested).toHaveLength(0);
  });

  it("stale (timestamp outside ±5 min): 401, nothing stored", async () => {
    const c = encryptedCallback(msg("s-1"), { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    const res = await post(c.query, c.body);
    expect(res.status).toBe(401);
    expect((await res.json()).error).toContain("时间戳");
    expect(ingested).toHaveLength(0);
  });

  it("garbled or malformed: 400, nothing stored", async () => {
    // correctly signed but not decryptable (wrong AES key)
    const wrongKey = encryptedCallback(msg("g-1"), { aesKey: "Z".repeat(43) });
    expect((await post(wrongKey.query, wrongKey.body)).status).toBe(400);
    // correctly signed, decrypts, but receiveid is a corp id, not ""
    const corp = encryptedCallback(msg("g-2"), { receiveId: "ww1436e0e65a779aee" });
    expect((await post(corp.query, corp.body)).status).toBe(400);
    // signed garbage ciphertext
    const ts = String(Math.floor(Date.now() / 1000));
    const junk = Buffer.alloc(48, 9).toString("base64");
    expect(
      (await post(new URLSearchParams({ msg_signature: sign(TOKEN, ts, "n", junk), timestamp: ts, nonce: "n" }).toString(), JSON.stringify({ encrypt: junk })))
        .status,
    ).toBe(400);
    // decrypts, but not JSON / not a callback
    const notJson = encryptedCallback("hello");
    expect((await post(notJson.query, notJson.body)).status).toBe(400);
    const noMsgid = encryptedCallback({ msgtype: "text", from: { userid: "a" } });
    expect((await post(noMsgid.query, noMsgid.body)).status).toBe(400);
    // body / query problems
    const ok = encryptedCallback(msg("g-3"));
    expect((await post(ok.query, "{not json")).status).toBe(400);
    expect((await post(ok.query, JSON.stringify({ nothing: 1 }))).status).toBe(400);
    expect((await post("timestamp=1&nonce=2", ok.body)).status).toBe(400);
    expect(ingested).toHaveLength(0);
  });

  it("oversize body: 413, nothing stored", async () => {
    const c = encryptedCallback(msg("o-1", "x".repeat(100_000)));
    const res = await post(c.query, c.body);
    expect(res.status).toBe(413);
    expect(ingested).toHaveLength(0);
  });

  it("ingest failure answers 503 so WeCom retries; the retry is then accepted", async () => {
    failIngest = 1;
    const c = encryptedCallback(msg("r-1"));
    expect((await post(c.query, c.body)).status).toBe(503);
    expect(ingested).toHaveLength(0);
    expect((await post(c.query, c.body)).status).toBe(200);
    expect(ingested.map((m) => m.messageId)).toEqual(["r-1"]);
  });

  it("unsupported message types are acknowledged without ingest", async () => {
    const c = encryptedCallback({ msgid: "img-1", chattype: "single", from: { userid: "a" }, msgtype: "image", image: { url: "https://x" } });
    expect((await post(c.query, c.body)).status).toBe(200);
    expect(ingested).toHaveLength(0);
  });

  it("never logs the ciphertext, the response_url or the token", async () => {
    const c = encryptedCallback(msg("l-1"));
    await post(c.query, c.body);
    const all = lines.join("");
    expect(all).not.toContain("SECRETCODE");
    expect(all).not.toContain(c.encrypt.slice(0, 20));
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(AES_KEY);
  });
});
