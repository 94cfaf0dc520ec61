// HTTP callback mode end to end, and the send paths through the real outbox: sessionWebhook,
// fallback to the OpenAPI when the session expired, throttling retried later, custom robots.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeSign } from "../../src/channels/dingtalk/sign.ts";
import { robotTextPayload } from "../fakes/dingtalk-payloads.ts";
import { CLIENT_SECRET } from "./helpers.ts";
import { liu, postSigned, replyText, startDingtalkVillage, wang, type DingtalkEnv, type DingtalkGroup } from "./e2e-helpers.ts";

const li = { staffId: "u-li", nick: "李婶" };

let env: DingtalkEnv;
let group: DingtalkGroup;

beforeAll(async () => {
  ({ env, group } = await startDingtalkVillage("http", { id: "cidHttpVillage==", title: "西河村村民群" }));
});
afterAll(async () => env?.stop());

const outboxPending = () => env.app.db.outboxMessage.findMany({ where: { status: "PENDING" } });

describe("dingtalk HTTP callbacks, end to end", () => {
  it("stores a signed message, replies on its sessionWebhook", async () => {
    const said = await group.say(li, "意见 西河桥栏杆松动，孩子上学危险");
    expect(said.status).toBe(200);
    expect(replyText(said)).toMatch(/编号 \*\*#\d+/);
    expect(said.replies[0]).toMatchObject({ msgtype: "markdown", at: { atUserIds: ["u-li"] } });
    expect(replyText(await group.say(liu, "绑定本群 东风镇"))).toContain("已绑定");
  });

  it("refuses forged, stale, unsigned and malformed requests; none is stored", async () => {
    const before = await env.app.db.inboundMessage.count();
    const body = JSON.stringify(robotTextPayload({ text: "意见 伪造的消息", from: li, group: { id: group.id, title: group.title } }));
    const now = Date.now();
    const cases: [Record<string, string>, number][] = [
      [{}, 403],
      [{ sign: computeSign(now, CLIENT_SECRET) }, 403],
      [{ timestamp: String(now), sign: computeSign(now, "guessed-secret") }, 401],
      [{ timestamp: String(now - 2 * 3_600_000), sign: computeSign(now - 2 * 3_600_000, CLIENT_SECRET) }, 401],
      [{ timestamp: String(now + 1), sign: computeSign(now, CLIENT_SECRET) }, 401],
    ];
    for (const [headers, status] of cases) {
      const res = await postSigned(env.baseUrl, body, headers);
      expect(res.status).toBe(status);
      expect(((await res.json()) as any).error).toBeTruthy();
    }
    expect((await postSigned(env.baseUrl, "{oops")).status).toBe(400);
    expect((await postSigned(env.baseUrl, JSON.stringify({ msgtype: "text" }))).status).toBe(400);
    await group.settle();
    expect(await env.app.db.inboundMessage.count()).toBe(before);
  });

  it("answers through the OpenAPI group send when the session has expired", async () => {
    const sends = env.fake.api.groupSends.length;
    const expired = await group.say(li, "查询 1", { sessionExpiresAt: Date.now() - 1_000 });
    expect(expired.replies).toHaveLength(0);
    const fallback = env.fake.api.groupSends.slice(sends);
    expect(fallback).toHaveLength(1);
    expect(fallback[0]).toMatchObject({ openConversationId: group.id, msgKey: "sampleMarkdown" });
    expect(fallback[0]!.msgParam.text).toContain("#1");

    // The platform says 300001 although the expiry time looked fine: same fallback.
    const msgId = "expired-by-platform";
    env.fake.api.expireSession(`s-${msgId}`);
    const said = await group.say(li, "查询 1", { msgId });
    expect(said.replies).toHaveLength(0);
    expect(env.fake.api.groupSends.slice(sends)).toHaveLength(2);
    expect(env.fake.api.tokenCalls).toBe(1);
  });

  it("leaves throttled messages in the outbox and delivers them later", async () => {
    env.fake.api.failNext("session", { status: 200, body: { errcode: 410100, errmsg: "too fast" } });
    env.fake.api.failNext("groupMessages", { status: 403, body: { code: "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi", message: "qps" } });
    const said = await group.say(li, "查询 1");
    expect(said.replies).toHaveLength(0);
    const pending = await outboxPending();
    expect(pending).toHaveLength(1);
    expect(pending[0]!.lastError).toMatch(/rate_limited/);

    env.advance(15 * 60_000); // past the outbox backoff; the session (90 min) is still valid
    await group.settle();
    expect(await outboxPending()).toHaveLength(0);
    expect(env.fake.api.sessionPosts.filter((p) => p.id === said.session)).toHaveLength(1);
  });

  it("posts through a group's custom robot with its SEC secret, never echoing it", async () => {
    const url = env.fake.api.customRobot("village-robot-token-123", "SECvillagesecret456");
    const set = await group.say(liu, `设置推送地址 ${url} SECvillagesecret456`);
    const confirmation = replyText(set);
    expect(confirmation).not.toContain("village-robot-token-123");
    expect(confirmation).not.toContain("SECvillagesecret456");

    // A post to the group (feedback on #1 from the deputy) now goes through the custom robot.
    await group.say(wang, "认领 1");
    await group.say(wang, "答复 1 已安排施工队周三加固栏杆", { sessionExpiresAt: Date.now() - 1 });
    const posted = env.fake.api.robotPosts.filter((p) => p.id === "village-robot-token-123");
    expect(posted.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(posted.at(-1)!.body)).toContain("已安排施工队周三加固栏杆");
  });
});
