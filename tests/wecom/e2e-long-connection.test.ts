// Long-connection mode end to end: the real app connects to a fake WeCom WebSocket server on
// 127.0.0.1 that speaks subscribe / callback / respond / send / ping; posts with a webhook go
// to the fake qyapi server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeWecomHttpServer } from "../fakes/wecom-http-server.ts";
import { cardEvent, FakeWecomWsServer, textMessage, type RecordedFrame } from "../fakes/wecom-ws-server.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { opinionCount, seedWecomRoster, settle } from "./e2e-helpers.ts";
import { waitUntil } from "./helpers.ts";

let t: TestApp;
/** The app's clock runs ahead by this much (lets a test "wait" a minute). */
let offset = 0;
let ws: FakeWecomWsServer;
let http: FakeWecomHttpServer;
const GROUP = "wrWestVillage";

beforeAll(async () => {
  ws = new FakeWecomWsServer("bot-west", "secret-west");
  await ws.start();
  http = new FakeWecomHttpServer();
  await http.start();
  t = await startTestApp(
    { WECOM_BOT_ID: "bot-west", WECOM_BOT_SECRET: "secret-west", WECOM_WS_URL: ws.url, WECOM_API_BASE: http.base },
    { now: () => new Date(Date.now() + offset) },
  );
  await seedWecomRoster(t.baseUrl);
  await ws.waitFor(() => ws.subscriptions === 1, 10_000, "subscribe");
});
afterAll(async () => {
  await t?.stop();
  await ws?.stop();
  await http?.stop();
});

const health = async () => ((await (await fetch(`${t.baseUrl}/healthz`)).json()) as any).channels.wecom;

/** What the bot sent in answer to the callback with this req_id (respond) or, after it, to the chat (send). */
function answersTo(reqId: string, since: number): RecordedFrame[] {
  return ws.frames.slice(since).filter((f) => f.reqId === reqId || f.cmd === "aibot_send_msg");
}
const content = (f: RecordedFrame): string =>
  f.body.stream?.content ?? f.body.markdown?.content ?? f.body.text?.content ?? JSON.stringify(f.body.template_card ?? {});

async function say(userid: string, text: string, msgid?: string) {
  const body = textMessage({ userid, chatid: GROUP, content: `@人大代表联络助手\u2005${text}`, ...(msgid ? { msgid } : {}) });
  const since = ws.frames.length;
  const reqId = ws.pushMessage(body);
  await settle(t.app, [body.msgid as string]);
  const frames = answersTo(reqId, since);
  return { frames, text: frames.map(content).join("\n---\n"), msgid: body.msgid as string, reqId };
}

async function press(userid: string, command: string) {
  const body = cardEvent({ userid, chatid: GROUP, eventKey: `cmd:${command}`, taskId: "task" });
  const since = ws.frames.length;
  ws.pushEvent(body);
  await settle(t.app, [body.msgid as string]);
  return ws.frames.slice(since).map(content).join("\n");
}

describe("WeCom long connection, end to end", () => {
  let n = 0;

  it("is connected and says so in /healthz", async () => {
    expect(await health()).toMatchObject({ transport: "long_connection", state: "open" });
  });

  it("a whole opinion lifecycle across two users in one group", async () => {
    // First message from a new group: recorded, staff told how to bind (pushed), then the reply.
    const bind = await say("LiuZhan", "绑定本群 东风镇代表联络站");
    expect(bind.frames.find((f) => f.cmd === "aibot_send_msg")?.body).toMatchObject({ chatid: GROUP, msgtype: "markdown" });
    const reply = bind.frames.find((f) => f.cmd === "aibot_respond_msg")!;
    expect(reply.reqId).toBe(bind.reqId);
    expect(reply.body).toMatchObject({ msgtype: "stream", stream: { finish: true } });
    expect(content(reply)).toContain("已绑定到「东风镇代表联络站」");

    const receipt = await say("ZhangDaYe", "意见 西山村桥头护栏松动了，孩子上学经过很危险");
    expect(receipt.text).toMatch(/意见已受理 #\d+/);
    n = Number(/#(\d+)/.exec(receipt.text)![1]);
    expect(receipt.frames[0].reqId).toBe(receipt.reqId);
    expect(content(receipt.frames[0]).startsWith("<@ZhangDaYe>")).toBe(true);

    expect((await say("LiAYi", `附议 ${n}`)).text).toContain(`已附议 #${n}`);
    expect((await say("WangJianGuo", `认领 ${n}`)).text).toContain(`已认领 #${n}`);
    expect((await say("WangJianGuo", `转办 ${n} 县供电公司 5天`)).text).toContain("县供电公司");

    // Closing in the group: the feedback comes as one reply carrying markdown and the rating card.
    const closed = await say("WangJianGuo", `办结 ${n} A 护栏已加固`);
    const card = closed.frames.find((f) => f.body.msgtype === "stream_with_template_card")!;
    expect(card.reqId).toBe(closed.reqId);
    expect(card.body.stream.content).toContain(`【办理反馈】#${n}`);
    expect(card.body.stream.content.startsWith("<@ZhangDaYe>")).toBe(true);
    expect(card.body.template_card.card_type).toBe("button_interaction");
    expect(card.body.template_card.button_list.map((b: any) => [b.text, b.key])).toEqual([
      ["满意", `cmd:评价 ${n} 满意`],
      ["基本满意", `cmd:评价 ${n} 基本满意`],
      ["不满意", `cmd:评价 ${n} 不满意`],
    ]);

    // The other villager presses a button: it does not count. The submitter's press does.
    expect(await press("LiAYi", `评价 ${n} 满意`)).toContain("只有");
    expect(await press("ZhangDaYe", `评价 ${n} 基本满意`)).toContain("感谢评价");
    const o = await t.app.db.opinion.findUniqueOrThrow({ where: { number: n } });
    expect(o.status).toBe("RATED");
    expect(o.rating).toBe("BASICALLY");
    expect(o.submitterPlatformUserId).toBe("ZhangDaYe");
  });

  it("enter_chat in a direct chat gets the welcome (help) within 5 s via aibot_respond_welcome_msg", async () => {
    const since = ws.frames.length;
    const body = {
      msgid: "enter-1",
      aibotid: "AIBOTID",
      chattype: "single",
      from: { userid: "ZhaoSi" },
      create_time: Math.floor(Date.now() / 1000),
      msgtype: "event",
      event: { eventtype: "enter_chat" },
    };
    const reqId = ws.pushEvent(body);
    await settle(t.app, ["enter-1"]);
    const welcome = ws.frames.slice(since).find((f) => f.cmd === "aibot_respond_welcome_msg");
    expect(welcome?.reqId).toBe(reqId);
    expect(welcome?.body.msgtype).toBe("text");
    expect(welcome?.body.text.content).toContain("意见 内容");
    expect(welcome?.body.text.content).not.toContain("**");
  });

  it("a server disconnected_event: the connection is replaced and work goes on", async () => {
    const subs = ws.subscriptions;
    ws.disconnectEvent();
    await ws.waitFor(() => ws.subscriptions === subs + 1 && ws.openConnections === 1, 10_000, "resubscribe");
    await waitUntil(async () => (await health()).state === "open");
    expect((await health()).reconnects).toBeGreaterThanOrEqual(1);
    expect((await say("ZhangDaYe", `查询 ${n}`)).text).toContain("已评价");
  });

  it("a dropped socket: reconnection, and no message lost or doubled across it", async () => {
    const opinions = await opinionCount(t.app);
    const before = await say("ZhangDaYe", "意见 西山村小学门口没有减速带，车开得很快");
    const subs = ws.subscriptions;
    ws.dropSocket();
    await ws.waitFor(() => ws.subscriptions === subs + 1, 10_000, "reconnect");
    await waitUntil(async () => (await health()).state === "open");
    // WeCom re-delivers the last callback after the reconnect, and new messages arrive.
    const since = ws.frames.length;
    ws.pushMessage(
      textMessage({ msgid: before.msgid, userid: "ZhangDaYe", chatid: GROUP, content: "@人大代表联络助手 意见 西山村小学门口没有减速带，车开得很快" }),
    );
    const a = textMessage({ userid: "LiAYi", chatid: GROUP, content: "@人大代表联络助手 意见 村卫生室周末没人值班，看病不方便" });
    const b = textMessage({ userid: "ZhangDaYe", chatid: GROUP, content: "@人大代表联络助手 意见 垃圾清运不及时，夏天气味很大" });
    ws.pushMessage(a);
    ws.pushMessage(b);
    await settle(t.app, [before.msgid, a.msgid as string, b.msgid as string]);
    expect(await opinionCount(t.app)).toBe(opinions + 3);
    expect(await t.app.db.inboundMessage.count({ where: { platform: "wecom", messageId: before.msgid } })).toBe(1);
    // exactly two new receipts (for a and b), none for the re-delivery
    const receipts = ws.frames.slice(since).filter((f) => /意见已受理/.test(content(f)));
    expect(receipts).toHaveLength(2);
  });

  it("posts: through the long connection, or the group webhook when the connection is down", async () => {
    await t.app.db.group.update({ where: { platform_chatId: { platform: "wecom", chatId: GROUP } }, data: { webhookUrl: http.webhookUrl("WESTKEY") } });
    await t.app.db.outboxMessage.create({
      data: { platform: "wecom", chatId: GROUP, chatType: "group", kind: "post", payload: { body: "明天上午选民接待日" } },
    });
    await t.app.outbox.drain();
    expect(ws.sent("aibot_send_msg").at(-1)?.body.markdown.content).toBe("明天上午选民接待日");

    ws.answerPings = true;
    const subs = ws.subscriptions;
    await ws.stop(); // WeCom unreachable
    await waitUntil(async () => (await health()).state !== "open", 5_000, "notice the loss");
    await t.app.db.outboxMessage.create({ data: { platform: "wecom", chatId: GROUP, chatType: "group", kind: "post", payload: { body: "连接中断时的通知" } } });
    await t.app.outbox.drain();
    expect(http.delivered("webhook").at(-1)?.body.markdown.content).toBe("连接中断时的通知");
    expect(subs).toBeGreaterThan(0);
  });

  it("a weekly-summary-sized post is split correctly; a rate limit mid-way is retried later without resending", async () => {
    const lines = Array.from({ length: 240 }, (_, i) => `- #${i + 1} 西山村：道路破损已转县交通运输局，预计月底前修复。`);
    const row = await t.app.db.outboxMessage.create({
      data: {
        platform: "wecom",
        chatId: GROUP,
        chatType: "group",
        kind: "post",
        payload: { title: "本周意见建议汇总", body: lines.join("\n"), card: "summary" },
      },
    });
    http.failWebhookRequest(3, { status: 429 });
    const before = http.delivered("webhook").length;
    await t.app.outbox.drain();
    const after1 = await t.app.db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(after1.status).toBe("PENDING");
    expect(after1.lastError).toBe("rate_limited");
    expect(after1.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + offset + 50_000);
    expect(http.delivered("webhook").length - before).toBe(2);

    // a minute later the outbox retries: the post resumes at its third part
    offset += 61_000;
    await t.app.outbox.drain();
    expect((await t.app.db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("SENT");
    const parts = http
      .delivered("webhook")
      .slice(before)
      .map((r) => r.body.markdown.content as string);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(4096);
    expect(
      parts
        .join("\n")
        .split("\n")
        .filter((l) => l.startsWith("- #")),
    ).toEqual(lines);
    parts.slice(1).forEach((p, i) => expect(p.startsWith(`（续 ${i + 2}/${parts.length}）`)).toBe(true));
  });
});
