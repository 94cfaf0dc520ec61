// HTTP mode: the router on a real express server, real signed requests.
import express from "express";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDingtalkChannel } from "../../src/channels/dingtalk/index.ts";
import { computeSign } from "../../src/channels/dingtalk/sign.ts";
import type { InboundMessage } from "../../src/channels/types.ts";
import { robotTextPayload } from "../fakes/dingtalk-payloads.ts";
import { CLIENT_SECRET, dingtalkConfig, memorySeen, silentLogger } from "./helpers.ts";

let server: Server;
let url: string;
let stored: InboundMessage[];
let failIngest = false;

beforeEach(async () => {
  stored = [];
  failIngest = false;
  const seen = new Set<string>();
  const made = createDingtalkChannel({
    config: dingtalkConfig("http://127.0.0.1:9", { DINGTALK_MODE: "http" }),
    logger: silentLogger,
    seen: memorySeen(),
    ingest: async (m) => {
      if (failIngest) throw new Error("db down");
      if (seen.has(m.messageId)) return { duplicate: true };
      seen.add(m.messageId);
      stored.push(m);
      return { duplicate: false };
    },
  })!;
  expect(made.router).toBeDefined();
  expect(made.channel.health!()).toEqual({ mode: "http" });
  const app = express();
  app.use("/callbacks/dingtalk", made.router!);
  server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callbacks/dingtalk`;
});
afterEach(() => new Promise<void>((r) => server.close(() => r())));

function post(body: string, headers: Record<string, string>) {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
}
let lastTs = 0;
/** Each call a new timestamp, as DingTalk's own: a timestamp is accepted for one message only. */
function signed(ts = (lastTs = Math.max(Date.now(), lastTs + 1)), secret = CLIENT_SECRET) {
  return { timestamp: String(ts), sign: computeSign(ts, secret) };
}
const payload = (msgId = "hm-1") =>
  JSON.stringify(robotTextPayload({ text: "意见 村道积水", from: { staffId: "u1", nick: "张" }, group: { id: "cidG", title: "和平村" }, msgId }));

describe("dingtalk HTTP callback", () => {
  it("stores a signed message once and answers 200", async () => {
    const r1 = await post(payload(), signed());
    expect(r1.status).toBe(200);
    const r2 = await post(payload(), signed()); // a replay inside the window is a duplicate, not a second row
    expect(r2.status).toBe(200);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ text: "意见 村道积水", chatId: "cidG", chatName: "和平村", senderId: "u1" });
  });

  it("refuses unsigned (403), forged or stale (401), malformed (400) — none reaches ingest", async () => {
    expect((await post(payload("a"), {})).status).toBe(403);
    expect((await post(payload("b"), { timestamp: String(Date.now()) })).status).toBe(403);
    expect((await post(payload("c"), signed(Date.now(), "not-the-secret"))).status).toBe(401);
    expect((await post(payload("d"), { ...signed(), sign: "AAAA" })).status).toBe(401);
    expect((await post(payload("e"), signed(Date.now() - 2 * 3_600_000))).status).toBe(401);
    const forgedTs = signed(Date.now() - 2 * 3_600_000);
    expect((await post(payload("f"), { timestamp: String(Date.now()), sign: forgedTs.sign })).status).toBe(401);
    const malformed = await post("{not json", signed());
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: "malformed_body" });
    expect((await post(JSON.stringify({ msgId: "x" }), signed())).status).toBe(400);
    expect((await post("[]", signed())).status).toBe(400);
    expect(stored).toHaveLength(0);
  });

  it("answers 503 when the message could not be stored, so DingTalk retries", async () => {
    failIngest = true;
    expect((await post(payload("z"), signed())).status).toBe(503);
    failIngest = false;
    expect((await post(payload("z"), signed())).status).toBe(200);
    expect(stored).toHaveLength(1);
  });

  it("takes a signed timestamp for one message only; a failed store frees it for DingTalk's retry", async () => {
    const headers = signed();
    failIngest = true;
    expect((await post(payload("r1"), headers)).status).toBe(503);
    failIngest = false;
    expect((await post(payload("r1"), headers)).status).toBe(200); // the retry, same headers
    expect((await post(payload("r1"), headers)).status).toBe(200); // again: a duplicate
    const replay = await post(payload("r2"), headers); // same headers, another message
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ error: "replayed" });
    expect(stored.map((m) => m.messageId)).toEqual(["r1"]);
  });
});

describe("createDingtalkChannel", () => {
  it("is off without credentials", () => {
    const config = dingtalkConfig("http://127.0.0.1:9");
    expect(
      createDingtalkChannel({
        config: { ...config, DINGTALK_CLIENT_ID: undefined, DINGTALK_CLIENT_SECRET: undefined },
        ingest: async () => ({ duplicate: false }),
        logger: silentLogger,
      }),
    ).toBeUndefined();
  });

  it("has no router in Stream mode", () => {
    const made = createDingtalkChannel({ config: dingtalkConfig("http://127.0.0.1:9"), ingest: async () => ({ duplicate: false }), logger: silentLogger });
    expect(made?.router).toBeUndefined();
    expect(made?.channel.health!()).toMatchObject({ mode: "stream", connection: "idle" });
  });
});
