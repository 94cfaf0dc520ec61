// F5 and the sessionWebhook half of F9, through the real app: staff cannot point a group's pushes at
// another server, an address stored earlier is never called, redirects are not followed, and a
// callback's sessionWebhook is used only when it is DingTalk's. A second loopback server plays the
// "internal service" and must never see a request.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { enqueue } from "../../src/outbox/enqueue.ts";
import { trusted } from "../../src/domain/rich-text.ts";
import { robotTextPayload } from "../fakes/dingtalk-payloads.ts";
import { DingtalkGroup, postSigned, replyText, seedDingtalkRoster, startDingtalkApp, type DingtalkEnv } from "./e2e-helpers.ts";

const li = { staffId: "u-li", nick: "李婶" };
const liu = { staffId: "u-liu", nick: "刘站长" };

let env: DingtalkEnv;
let group: DingtalkGroup;
let internal: Server;
let internalUrl: string;
let internalHits: string[];

beforeAll(async () => {
  internal = createServer((req, res) => {
    internalHits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ errcode: 0, errmsg: "ok" }));
  });
  await new Promise<void>((resolve) => internal.listen(0, "127.0.0.1", resolve));
  internalUrl = `http://127.0.0.1:${(internal.address() as AddressInfo).port}`;
  env = await startDingtalkApp("http");
  await seedDingtalkRoster(env.baseUrl, { deputy: "u-wang", staff: liu.staffId });
  group = new DingtalkGroup(env, "http", "cidAddrVillage==", "南岗村村民群");
  await group.say(liu, "绑定本群 东风镇");
});
afterAll(async () => {
  await env?.stop();
  internal?.closeAllConnections();
  await new Promise((resolve) => internal?.close(resolve));
});
beforeEach(() => {
  internalHits = [];
});

const stored = () => env.app.db.group.findFirstOrThrow({ where: { platform: "dingtalk", chatId: group.id } });

async function postToGroup(text: string) {
  await enqueue(env.app.db, [{ platform: "dingtalk", chatId: group.id, chatType: "group", kind: "post", message: { body: trusted(text) } }]);
  await group.settle();
  return env.app.db.outboxMessage.findFirstOrThrow({ where: { chatId: group.id }, orderBy: { id: "desc" } });
}

describe("设置推送地址 accepts DingTalk custom robots only", () => {
  it.each([
    `${"http://127.0.0.1:4151"}/hijacked`,
    "https://oapi.dingtalk.com.evil.example/robot/send?access_token=t",
    "http://169.254.169.254/robot/send?access_token=t",
  ])("refuses %s in Chinese, naming the accepted form, and stores nothing", async (url) => {
    const said = await group.say(liu, `设置推送地址 ${url}`);
    expect(replyText(said)).toContain("推送地址未设置");
    expect(replyText(said)).toContain(`${env.fake.baseUrl}/robot/send?access_token=…`);
    expect((await stored()).webhookUrl).toBeNull();
  });

  it("refuses the reproduction's address and posts go through the OpenAPI, not the internal service", async () => {
    const said = await group.say(liu, `设置推送地址 ${internalUrl}/hijacked`);
    expect(replyText(said)).not.toContain("已设置");
    const sends = env.fake.api.groupSends.length;
    const row = await postToGroup("每周汇总（测试）");
    expect(row.status).toBe("SENT");
    expect(env.fake.api.groupSends.length).toBe(sends + 1);
    expect(internalHits).toEqual([]);
  });

  it("never calls an address stored before the check: the post fails permanently", async () => {
    await env.app.db.group.update({ where: { id: (await stored()).id }, data: { webhookUrl: `${internalUrl}/stored-earlier` } });
    const row = await postToGroup("办理反馈（测试）");
    expect(row.status).toBe("FAILED");
    expect(row.lastError).toContain("不是钉钉自定义机器人地址");
    expect(internalHits).toEqual([]);
    await env.app.db.group.update({ where: { id: (await stored()).id }, data: { webhookUrl: null } });
  });

  it("does not follow a redirect from an accepted address", async () => {
    const url = env.fake.api.customRobot("redirecting-robot");
    expect(replyText(await group.say(liu, `设置推送地址 ${url}`))).toContain("已设置本群推送地址");
    env.fake.api.failNext("robot", { status: 302, body: {}, headers: { location: `${internalUrl}/redirected-target` } });
    const row = await postToGroup("通知（测试）");
    expect(row.status).toBe("PENDING");
    expect(row.lastError).toMatch(/network/);
    expect(internalHits).toEqual([]);
    await env.app.db.outboxMessage.update({ where: { id: row.id }, data: { status: "FAILED" } });
    await env.app.db.group.update({ where: { id: (await stored()).id }, data: { webhookUrl: null } });
  });
});

describe("a callback's sessionWebhook", () => {
  async function sayWithSession(text: string, sessionWebhook: string, sessionExpiresAt?: number) {
    const payload = robotTextPayload({ text, from: li, group: { id: group.id, title: group.title }, sessionWebhook, sessionExpiresAt });
    expect((await postSigned(env.baseUrl, JSON.stringify(payload))).status).toBe(200);
    await group.settle();
  }

  it("is not posted to when it is not DingTalk's; the reply goes through the OpenAPI", async () => {
    const sends = env.fake.api.groupSends.length;
    await sayWithSession("意见 村口路灯不亮", `${internalUrl}/robot/sendBySession?session=ssrf`);
    expect(internalHits).toEqual([]);
    expect(
      env.fake.api.groupSends
        .slice(sends)
        .map((s) => s.msgParam.text ?? "")
        .join("\n"),
    ).toMatch(/编号/);
  });

  it("is not trusted with an expiry DingTalk never gives (days ahead)", async () => {
    const sessionPosts = env.fake.api.sessionPosts.length;
    const sends = env.fake.api.groupSends.length;
    await sayWithSession("意见 水渠堵了", env.fake.api.sessionWebhook("far-future"), Date.now() + 3 * 86_400_000);
    expect(env.fake.api.sessionPosts.length).toBe(sessionPosts);
    expect(env.fake.api.groupSends.length).toBe(sends + 1);
  });

  it("is used when it is DingTalk's and current", async () => {
    const sessionPosts = env.fake.api.sessionPosts.length;
    await sayWithSession("意见 桥面有坑", env.fake.api.sessionWebhook("good"), Date.now() + 60 * 60_000);
    expect(env.fake.api.sessionPosts.slice(sessionPosts).map((p) => p.id)).toEqual(["good"]);
  });
});
