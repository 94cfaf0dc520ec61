// The platform's send APIs are down, then throttling, for minutes (the app's clock is moved on):
// every reply waits in the outbox and goes out after recovery, in order per chat, once.
import { afterAll, beforeAll, expect, it } from "vitest";
import { robotTextPayload } from "../fakes/dingtalk-payloads.ts";
import { postSigned, startDingtalkApp, type DingtalkEnv } from "../dingtalk/e2e-helpers.ts";

let env: DingtalkEnv;
beforeAll(async () => {
  env = await startDingtalkApp("http");
});
afterAll(async () => {
  await env?.stop();
});

it("DingTalk send APIs down for minutes: everything delivered after recovery, in order per chat, no duplicates", async () => {
  const { fake } = env;
  // Down (503), then throttled (429): far more failures than the first attempts need.
  fake.api.failNext("session", { status: 503, body: { code: "ServiceUnavailable" } }, 25);
  fake.api.failNext("session", { status: 429, body: { code: "Throttling", message: "请求过于频繁" }, headers: { "retry-after": "30" } }, 25);
  fake.api.failNext("groupMessages", { status: 503, body: { code: "ServiceUnavailable" } }, 30);

  const sent: Record<string, string[]> = {};
  for (let i = 0; i < 15; i++) {
    const group = `cidOutage${i % 3}==`;
    const msgId = `outage-${i}`;
    const payload = robotTextPayload({
      text: `意见 第${i}条：村里的排水沟堵了需要清理`,
      from: { staffId: `v${i}`, nick: "村民" },
      group: { id: group, title: "停机测试群" },
      msgId,
      sessionWebhook: fake.api.sessionWebhook(`s-${msgId}`),
    });
    expect((await postSigned(env.baseUrl, JSON.stringify(payload))).status).toBe(200);
    (sent[group] ??= []).push(`s-${msgId}`);
  }
  await env.app.inbox.idle();

  // Up to an hour of the app's clock in 30-second steps; retries back off up to 10 minutes apart.
  let minutes = 0;
  while (minutes < 60 && (await env.app.db.outboxMessage.count({ where: { status: "PENDING" } })) > 0) {
    await env.app.outbox.drain();
    env.advance(30_000);
    minutes += 0.5;
    await new Promise((r) => setTimeout(r, 100)); // the sender's own 20 QPS budget runs on real time
  }
  const failures = fake.api.hits.session - fake.api.sessionPosts.length + fake.api.hits.groupMessages - fake.api.groupSends.length;
  console.info(`outage: ${failures} failed sends; everything delivered after ${minutes} simulated minutes`);
  expect(failures).toBeGreaterThanOrEqual(45);
  expect(await env.app.db.outboxMessage.count({ where: { status: { not: "SENT" } } })).toBe(0);

  // Per chat: each message's receipt exactly once, in the order the messages came in.
  for (const group of Object.keys(sent)) {
    const receipts = fake.api
      .textsIn(group)
      .concat(fake.api.sessionPosts.filter((p) => sent[group]!.includes(p.id)).map((p) => JSON.stringify(p.body)))
      .filter((t) => t.includes("意见已受理"));
    const numbers = receipts.map((t) => Number(/#(\d+)/.exec(t)![1]));
    expect(numbers, group).toHaveLength(5);
    expect(numbers, group).toEqual([...numbers].sort((x, y) => x - y));
    expect(new Set(numbers).size, group).toBe(5);
  }
});
