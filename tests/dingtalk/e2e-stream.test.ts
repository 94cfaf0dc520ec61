// Stream mode end to end: real frames from the fake gateway into the real app, replies at the fakes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin } from "../helpers/test-app.ts";
import { ManualTimers } from "../helpers/manual-timers.ts";
import { robotTextPayload } from "../fakes/dingtalk-payloads.ts";
import { liu, replyText, startDingtalkVillage, wang, type DingtalkEnv, type DingtalkGroup } from "./e2e-helpers.ts";

const zhang = { staffId: "u-zhang", nick: "张大爷" };

let env: DingtalkEnv;
let group: DingtalkGroup;
const timers = new ManualTimers();

beforeAll(async () => {
  ({ env, group } = await startDingtalkVillage("stream", undefined, timers));
});
afterAll(async () => env?.stop());

describe("dingtalk Stream mode, end to end", () => {
  let n = 0;
  let intakeMsgId = "";

  it("takes an opinion in a new group, tells staff how to bind it, and binds it", async () => {
    const said = await group.say(zhang, "意见 村口路灯坏了一个多星期，晚上黑漆漆的");
    intakeMsgId = said.msgId;
    const receipt = replyText(said);
    expect(receipt).toMatch(/编号 \*\*#\d+/);
    n = Number(/#(\d+)/.exec(receipt)![1]);
    expect(said.replies[0]).toMatchObject({ at: { atUserIds: ["u-zhang"] } });
    expect(receipt).toContain("@u-zhang");
    // The first-seen group notice is a post: OpenAPI group send with the robot code.
    expect(env.fake.api.groupSends.some((s) => s.openConversationId === group.id && s.msgParam.text.includes("绑定本群"))).toBe(true);
    expect(env.fake.api.tokenCalls).toBe(1);

    expect(replyText(await group.say(liu, "绑定本群 东风镇"))).toContain("已绑定到「东风镇代表联络站」");
    const g = await env.app.db.group.findUniqueOrThrow({ where: { platform_chatId: { platform: "dingtalk", chatId: group.id } } });
    expect(g.name).toBe("东风村村民群");
    expect(g.stationId).not.toBeNull();
  });

  it("runs the deputy's side: claim, reply, close with a rating card", async () => {
    expect(replyText(await group.say(wang, `认领 ${n}`))).toContain(`已认领 #${n}`);
    const answered = await group.say(wang, `答复 ${n} 已联系县供电公司，周五前更换灯泡`);
    expect(replyText(answered)).toContain("【办理反馈】");
    const closed = await group.say(wang, `办结 ${n} A 路灯已更换，恢复照明`);
    const card = closed.replies[0]!;
    expect(card.msgtype).toBe("actionCard");
    expect(card.at.atUserIds).toEqual(["u-zhang"]);
    expect(card.actionCard.btns.map((b: any) => b.title)).toEqual(["满意", "基本满意", "不满意"]);
    expect(card.actionCard.btns[0].actionURL).toBe(`dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent(`评价 ${n} 满意`)}`);
  });

  it("takes the citizen's button press (the command the link sends) as the rating", async () => {
    const closedCard = env.fake.api.sessionPosts.filter((p) => p.body.msgtype === "actionCard").at(-1)!.body;
    const pressed = new URL(closedCard.actionCard.btns[0].actionURL).searchParams.get("content")!;
    expect(replyText(await group.say(wang, pressed))).toContain("只有");
    expect(replyText(await group.say(zhang, pressed))).toContain("感谢评价");
    const o = (await admin(env.baseUrl, "GET", `/api/opinions/${n}`)).body;
    expect(o.status).toBe("RATED");
    expect(o.rating).toBe("SATISFIED");
    expect(o.events.map((e: any) => e.action)).toEqual(["receive", "claim", "reply", "close", "rate"]);
  });

  it("acknowledged every CALLBACK frame with its messageId", () => {
    expect(group.frames.length).toBeGreaterThanOrEqual(7);
    for (const id of group.frames) expect(env.fake.gateway.acks.get(id)).toMatchObject({ code: 200, headers: { messageId: id } });
  });

  it("creates nothing twice when the platform re-delivers a frame", async () => {
    const opinions = await env.app.db.opinion.count();
    const inbound = await env.app.db.inboundMessage.count();
    const posts = env.fake.api.sessionPosts.length + env.fake.api.groupSends.length;
    const again = env.fake.gateway.sendCallback(
      robotTextPayload({ text: "意见 村口路灯坏了一个多星期，晚上黑漆漆的", from: zhang, group: { id: group.id, title: group.title }, msgId: intakeMsgId }),
    );
    await env.fake.gateway.waitForAck(again);
    await group.settle();
    expect(await env.app.db.opinion.count()).toBe(opinions);
    expect(await env.app.db.inboundMessage.count()).toBe(inbound);
    expect(env.fake.api.sessionPosts.length + env.fake.api.groupSends.length).toBe(posts);
  });

  it("reports the connection in /healthz", async () => {
    const health = (await (await fetch(`${env.baseUrl}/healthz`)).json()) as any;
    expect(health.channels.dingtalk).toMatchObject({ mode: "stream", connection: "open" });
  });

  it("survives a server disconnect, a dropped socket and a refused reconnect without losing a message", async () => {
    const gw = env.fake.gateway;
    // Reconnect delays run in virtual time; a timer fires only while no connection attempt is under way.
    const notConnecting = async () => ((await (await fetch(`${env.baseUrl}/healthz`)).json()) as any).channels.dingtalk.connection !== "connecting";
    const untilConnections = (n: number) => timers.runUntil(() => gw.connections >= n && gw.isConnected, notConnecting, `${n} connections`, 5_000);
    const before = await env.app.db.inboundMessage.count();

    gw.sendDisconnect(10_000);
    await untilConnections(2);
    expect(replyText(await group.say(zhang, "意见 断线后：河堤护栏松动"))).toMatch(/编号 \*\*#\d+/);

    gw.freeze(); // this frame is lost with the socket…
    const lost = gw.sendCallback(
      robotTextPayload({ text: "意见 掉线时：村道积水", from: zhang, group: { id: group.id, title: group.title }, msgId: "dropped-1" }),
    );
    gw.drop();
    await untilConnections(3);
    await gw.waitForAck(lost); // …and re-delivered on the new connection
    await group.settle();

    gw.refuse = "http";
    const attemptsBefore = gw.openAttempts;
    gw.drop();
    await timers.advance(1_500, notConnecting);
    const refused = gw.openAttempts - attemptsBefore;
    expect(refused).toBeGreaterThanOrEqual(2);
    expect(refused).toBeLessThanOrEqual(8); // backoff 100→800 ms with jitter: no storm
    const health = (await (await fetch(`${env.baseUrl}/healthz`)).json()) as any;
    expect(health.channels.dingtalk.connection).not.toBe("open");
    gw.refuse = false;
    await untilConnections(4);
    expect(replyText(await group.say(zhang, "意见 恢复后：垃圾桶满了"))).toMatch(/编号 \*\*#\d+/);

    const texts = (await env.app.db.inboundMessage.findMany({ where: { id: { gt: 0 } }, orderBy: { id: "asc" }, skip: before })).map(
      (r) => (r.payload as any).text,
    );
    expect(texts).toEqual(["意见 断线后：河堤护栏松动", "意见 掉线时：村道积水", "意见 恢复后：垃圾桶满了"]);
    expect(await env.app.db.opinion.count()).toBe(4);
  });
});
