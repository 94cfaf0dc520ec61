// Stream mode against the fake gateway, with a recording ingest (the core's part is tested end to end elsewhere).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDingtalkChannel } from "../../src/channels/dingtalk/index.ts";
import type { SupervisorOptions } from "../../src/channels/dingtalk/supervisor.ts";
import type { Channel, InboundMessage } from "../../src/channels/types.ts";
import { startFakeDingtalk, type FakeDingtalk } from "../fakes/dingtalk-server.ts";
import { robotTextPayload } from "../fakes/dingtalk-payloads.ts";
import { ManualTimers } from "../helpers/manual-timers.ts";
import { waitUntil } from "../helpers/wait.ts";
import { capturingLogger, CLIENT_ID, CLIENT_SECRET, dingtalkConfig } from "./helpers.ts";

const FAST: Partial<SupervisorOptions> = { initialDelayMs: 100, maxDelayMs: 800, stableAfterMs: 400, pingIntervalMs: 100, idleTimeoutMs: 400, drainMs: 200 };
const group = { id: "cidGroup1==", title: "幸福村村民群" };
const citizen = { staffId: "u100", nick: "李大爷" };

let fake: FakeDingtalk;
let channel: Channel;
let stored: InboundMessage[];
let failIngest: number;
let logLines: string[];
let timers: ManualTimers;

async function makeChannel(opts: Partial<SupervisorOptions> = FAST) {
  const { logger, lines } = capturingLogger();
  logLines = lines;
  timers = new ManualTimers();
  const seen = new Set<string>();
  channel = createDingtalkChannel({
    config: dingtalkConfig(fake.baseUrl),
    logger,
    stream: opts,
    timers,
    ingest: async (m) => {
      if (failIngest > 0) {
        failIngest--;
        throw new Error("database unavailable");
      }
      await new Promise((r) => setTimeout(r, 5));
      if (seen.has(m.messageId)) return { duplicate: true };
      seen.add(m.messageId);
      stored.push(m);
      return { duplicate: false };
    },
  })!.channel;
}

beforeEach(async () => {
  stored = [];
  failIngest = 0;
  fake = await startFakeDingtalk({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  await makeChannel();
});
afterEach(async () => {
  await channel.stop?.();
  await fake.close();
});

const say = (text: string, msgId?: string) => fake.gateway.sendCallback(robotTextPayload({ text, from: citizen, group, msgId }));
// The supervisor waits on the clock only between connection attempts; a timer fires only then.
const notConnecting = () => channel.health!().connection !== "connecting";
const advance = (ms: number) => timers.advance(ms, notConnecting);
const untilConnections = (n: number, timeoutMs: number) =>
  timers.runUntil(() => fake.gateway.connections >= n && fake.gateway.isConnected, notConnecting, `${n} connections`, timeoutMs);

describe("dingtalk stream mode", () => {
  it("connects through DINGTALK_API_BASE, subscribes to robot messages and reports health", async () => {
    await channel.start!();
    expect(fake.gateway.connections).toBe(1);
    expect(fake.gateway.lastSubscriptions).toEqual([{ type: "CALLBACK", topic: "/v1.0/im/bot/messages/get" }]);
    expect(channel.health!()).toMatchObject({ mode: "stream", connection: "open", reconnects: 0 });
  });

  it("acks every CALLBACK with its messageId once stored, and stores a re-delivery once", async () => {
    await channel.start!();
    const ids = [say("意见 路灯坏了", "m-1"), say("查询 1", "m-2"), say("意见 垃圾清运", "m-3")];
    for (const id of ids) await fake.gateway.waitForAck(id);
    expect(fake.gateway.ackOrder.sort()).toEqual([...ids].sort());
    expect(fake.gateway.acks.get(ids[0]!)).toMatchObject({ code: 200, message: "OK", headers: { messageId: ids[0] } });
    expect(stored.map((m) => m.text)).toEqual(["意见 路灯坏了", "查询 1", "意见 垃圾清运"]);

    // The platform re-sends the same robot message under a new frame id: acked again, stored once.
    const again = fake.gateway.sendCallback(robotTextPayload({ text: "意见 路灯坏了", from: citizen, group, msgId: "m-1" }));
    await fake.gateway.waitForAck(again);
    expect(stored).toHaveLength(3);
  });

  it("does not ack when ingest fails, so the platform re-delivers and it is stored then", async () => {
    await channel.start!();
    failIngest = 1;
    const id = say("意见 桥栏杆松了", "m-fail");
    await waitUntil(() => logLines.some((l) => l.includes("callback handler failed")), 5_000, "the failed ingest");
    expect(fake.gateway.acks.has(id)).toBe(false);
    fake.gateway.redeliver(id);
    await fake.gateway.waitForAck(id);
    expect(stored.map((m) => m.messageId)).toEqual(["m-fail"]);
  });

  it("survives non-JSON and odd frames, and answers pings", async () => {
    await channel.start!();
    fake.gateway.sendRaw("not json {");
    fake.gateway.sendRaw("null");
    fake.gateway.sendRaw(JSON.stringify({ type: "CALLBACK", headers: { topic: "/v1.0/im/bot/messages/get" }, data: "{}" }));
    const bad = fake.gateway.sendCallback({ hello: "world" });
    const ping = fake.gateway.sendPing();
    await fake.gateway.waitForAck(bad); // an undecodable robot message is acked: re-delivery cannot fix it
    await fake.gateway.waitFor(() => fake.gateway.pingEchoes.some((e) => e.headers.messageId === ping), 2000, "ping echo");
    const ok = say("意见 还活着");
    await fake.gateway.waitForAck(ok);
    expect(fake.gateway.connections).toBe(1);
    expect(stored.map((m) => m.text)).toEqual(["意见 还活着"]);
  });

  it("reconnects promptly after a server disconnect, without losing a message", async () => {
    await channel.start!();
    fake.gateway.sendDisconnect(10_000);
    await untilConnections(2, 3000);
    const id = say("意见 断线后的消息");
    await fake.gateway.waitForAck(id);
    expect(stored.map((m) => m.text)).toEqual(["意见 断线后的消息"]);
    expect(channel.health!()).toMatchObject({ connection: "open", reconnects: 1 });
  });

  it("reconnects after a dropped socket; a frame not acked before the drop is re-delivered and stored once", async () => {
    await channel.start!();
    fake.gateway.freeze(); // the frame below is lost on the way
    const id = fake.gateway.sendCallback(robotTextPayload({ text: "意见 掉线前", from: citizen, group }));
    fake.gateway.drop();
    await untilConnections(2, 3000);
    await fake.gateway.waitForAck(id);
    expect(stored.map((m) => m.text)).toEqual(["意见 掉线前"]);
  });

  it("backs off when the gateway refuses: counted attempts, no storm, then recovers", async () => {
    fake.gateway.refuse = "http";
    await channel.start!();
    expect(channel.health!()).toMatchObject({ connection: "backoff" });
    await advance(1500);
    const refusedHttp = fake.gateway.openAttempts;
    // 100, 200, 400, 800, 800 ms (each 50–100 % jittered): at most 7 attempts in 1.5 s; a storm would be hundreds.
    expect(refusedHttp).toBeGreaterThanOrEqual(3);
    expect(refusedHttp).toBeLessThanOrEqual(8);

    fake.gateway.refuse = "ws"; // the gateway answers, the WebSocket upgrade is refused
    const before = fake.gateway.wsAttempts;
    await advance(1000);
    expect(fake.gateway.wsAttempts - before).toBeLessThanOrEqual(3);
    expect(fake.gateway.connections).toBe(0);

    fake.gateway.refuse = false;
    await untilConnections(1, 3000);
    const id = say("意见 恢复后");
    await fake.gateway.waitForAck(id);
    expect(stored).toHaveLength(1);
    expect(logLines.join("\n")).not.toContain(CLIENT_SECRET);
  });

  it("replaces a connection that goes silent", async () => {
    await channel.start!();
    fake.gateway.freeze();
    await untilConnections(2, 3000);
    expect(logLines.some((l) => l.includes("idle"))).toBe(true);
  });

  it("stops cleanly: no reconnect afterwards, nothing left running", async () => {
    await channel.start!();
    await channel.stop!();
    expect(channel.health!()).toMatchObject({ connection: "stopped" });
    const attempts = fake.gateway.openAttempts;
    fake.gateway.drop();
    await advance(600);
    expect(fake.gateway.openAttempts).toBe(attempts);
    expect(fake.gateway.isConnected).toBe(false);
  });

  it("stops cleanly while backing off", async () => {
    fake.gateway.refuse = "http";
    await makeChannel({ ...FAST, initialDelayMs: 5_000 });
    await channel.start!();
    const t0 = Date.now();
    await channel.stop!();
    expect(Date.now() - t0).toBeLessThan(500);
    const attempts = fake.gateway.openAttempts;
    await advance(300);
    expect(fake.gateway.openAttempts).toBe(attempts);
  });
});
