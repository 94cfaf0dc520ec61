// Callback mode end to end: real encrypted callbacks (receiveid "") posted to /callbacks/wecom
// of the real app; replies land on a fake WeCom server that plays the response_url and webhook.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encryptMessage, sign } from "../../src/channels/wecom/crypto.ts";
import { FakeWecomHttpServer } from "../fakes/wecom-http-server.ts";
import { cardEvent, textMessage } from "../fakes/wecom-ws-server.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { opinionCount, seedWecomRoster, settle } from "./e2e-helpers.ts";
import { AES_KEY, encryptedCallback, TOKEN } from "./helpers.ts";

let t: TestApp;
let wecom: FakeWecomHttpServer;
const GROUP = "wrEastVillage";

beforeAll(async () => {
  wecom = new FakeWecomHttpServer();
  await wecom.start();
  t = await startTestApp({ WECOM_BOT_TOKEN: TOKEN, WECOM_BOT_ENCODING_AES_KEY: AES_KEY, WECOM_API_BASE: wecom.base });
  await seedWecomRoster(t.baseUrl);
});
afterAll(async () => {
  await t?.stop();
  await wecom?.stop();
});

const url = () => `${t.baseUrl}/callbacks/wecom`;

/** Sends a message as WeCom would; returns the HTTP status and the response_url it carried. */
async function callback(body: Record<string, unknown>, opts: Parameters<typeof encryptedCallback>[1] = {}) {
  const c = encryptedCallback(body, opts);
  const res = await fetch(`${url()}?${c.query}`, { method: "POST", headers: { "content-type": "application/json" }, body: c.body });
  return { status: res.status, c };
}

/** A group message from `userid` with a fresh response_url; waits for the bot's answer. */
async function say(userid: string, content: string, msgid?: string) {
  const responseUrl = wecom.responseUrl();
  const code = new URL(responseUrl).searchParams.get("response_code")!;
  const body = textMessage({ userid, chatid: GROUP, content: `@人大代表联络助手\u2005${content}`, responseUrl, ...(msgid ? { msgid } : {}) });
  const { status, c } = await callback(body);
  expect(status).toBe(200);
  await settle(t.app, [body.msgid as string]);
  const answer = wecom
    .delivered("response_url")
    .filter((r) => r.id === code)
    .map((r) => r.body.markdown?.content ?? JSON.stringify(r.body.template_card));
  return { answer: answer.join("\n"), body, c };
}

describe("WeCom callback mode, end to end", () => {
  it("verifies the callback URL (GET echostr)", async () => {
    const ts = String(Math.floor(Date.now() / 1000));
    const echostr = encryptMessage(AES_KEY, "8937126541237890123", "");
    const res = await fetch(`${url()}?${new URLSearchParams({ msg_signature: sign(TOKEN, ts, "42", echostr), timestamp: ts, nonce: "42", echostr })}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("8937126541237890123");
  });

  it("a new group is recorded; staff bind it and set its webhook; replies go to each callback's response_url", async () => {
    const bound = await say("LiuZhan", "绑定本群 东风镇代表联络站");
    expect(bound.answer).toContain("已绑定到「东风镇代表联络站」");
    const g = await t.app.db.group.findUniqueOrThrow({ where: { platform_chatId: { platform: "wecom", chatId: GROUP } } });
    expect(g.stationId).not.toBeNull();
    // The "new group" post had no push path yet (callback mode, no webhook): recorded as failed for staff.
    const failed = await t.app.db.outboxMessage.findFirst({ where: { platform: "wecom", chatId: GROUP, kind: "post", status: "FAILED" } });
    expect(failed?.lastError).toBe("no_push_path");

    // F5: anything but a WeCom group robot on the API origin is refused and not stored.
    const refused = await say("LiuZhan", "设置推送地址 http://127.0.0.1:4151/cgi-bin/webhook/send?key=HIJACK");
    expect(refused.answer).toContain(`推送地址未设置：只接受企业微信群机器人的 Webhook 地址（形如 ${wecom.base}/cgi-bin/webhook/send?key=…）`);
    expect((await t.app.db.group.findUniqueOrThrow({ where: { platform_chatId: { platform: "wecom", chatId: GROUP } } })).webhookUrl).toBeNull();

    const set = await say("LiuZhan", `设置推送地址 ${wecom.webhookUrl("EASTKEY")}`);
    expect(set.answer).toContain("已设置本群推送地址");
    expect(set.answer).not.toContain("EASTKEY");
  });

  it("a citizen's opinion: one receipt, mentioning them; a duplicate callback adds nothing", async () => {
    const before = await opinionCount(t.app);
    const r = await say("ZhangDaYe", "意见 村口路灯坏了一个多月，晚上出行很不方便");
    expect(r.answer).toMatch(/^<@ZhangDaYe>\n\*\*意见已受理 #\d+\*\*/);
    expect(await opinionCount(t.app)).toBe(before + 1);
    const repliesBefore = wecom.requests.length;

    // WeCom re-sends: the very same request, then the same msgid freshly signed.
    const again = await fetch(`${url()}?${r.c.query}`, { method: "POST", body: r.c.body });
    expect(again.status).toBe(200);
    expect((await callback(r.body)).status).toBe(200);
    await t.app.inbox.idle();
    await t.app.outbox.drain();
    expect(await opinionCount(t.app)).toBe(before + 1);
    expect(wecom.requests.length).toBe(repliesBefore);
    expect(await t.app.db.inboundMessage.count({ where: { platform: "wecom", messageId: r.body.msgid as string } })).toBe(1);
  });

  it("a deputy claims and closes; the submitter rates with the card button (its own response_url)", async () => {
    const opinion = await t.app.db.opinion.findFirstOrThrow({ where: { platform: "wecom" }, orderBy: { id: "desc" } });
    const n = opinion.number;
    expect((await say("WangJianGuo", `认领 ${n}`)).answer).toContain(`已认领 #${n}`);
    const closed = await say("WangJianGuo", `办结 ${n} A 路灯已更换，恢复照明`);
    expect(closed.answer).toContain(`【办理反馈】#${n}`);
    expect(closed.answer).toContain(`评价 ${n} 满意`);

    // Someone else presses 满意: refused. The submitter presses it: rated.
    const other = cardEvent({ userid: "LiAYi", chatid: GROUP, eventKey: `cmd:评价 ${n} 满意`, taskId: "d1_x", responseUrl: wecom.responseUrl("EVT1") });
    expect((await callback(other)).status).toBe(200);
    await settle(t.app, [other.msgid as string]);
    expect(wecom.delivered("response_url").find((r) => r.id === "EVT1")?.body.markdown.content).toContain("只有");

    const mine = cardEvent({ userid: "ZhangDaYe", chatid: GROUP, eventKey: `cmd:评价 ${n} 满意`, taskId: "d1_x", responseUrl: wecom.responseUrl("EVT2") });
    expect((await callback(mine)).status).toBe(200);
    await settle(t.app, [mine.msgid as string]);
    expect(wecom.delivered("response_url").find((r) => r.id === "EVT2")?.body.markdown.content).toContain("感谢评价");
    const rated = await t.app.db.opinion.findUniqueOrThrow({ where: { number: n } });
    expect(rated.status).toBe("RATED");
    expect(rated.rating).toBe("SATISFIED");
  });

  it("posts to the group go to its webhook", async () => {
    // A post the core makes without a message to answer (as a scheduled summary would).
    await t.app.db.outboxMessage.create({
      data: {
        platform: "wecom",
        chatId: GROUP,
        chatType: "group",
        kind: "post",
        payload: { title: "选民接待日提醒", body: "本月10日上午，王建国代表在联络站接待群众。" },
      },
    });
    await t.app.outbox.drain();
    const hook = wecom.delivered("webhook").filter((r) => r.id === "EASTKEY");
    expect(hook.at(-1)?.body).toEqual({ msgtype: "markdown", markdown: { content: "**选民接待日提醒**\n本月10日上午，王建国代表在联络站接待群众。" } });
  });

  it("forged, stale, garbled and oversize callbacks are refused and nothing reaches the database", async () => {
    const inbound = await t.app.db.inboundMessage.count();
    const msg = () => textMessage({ userid: "Mallory", chatid: GROUP, content: "@助手 意见 伪造的消息内容很长很长" });
    expect((await callback(msg(), { token: "not-the-token" })).status).toBe(401);
    expect((await callback(msg(), { timestamp: Math.floor(Date.now() / 1000) - 900 })).status).toBe(401);
    expect((await callback(msg(), { aesKey: "Q".repeat(43) })).status).toBe(400);
    expect((await callback(msg(), { receiveId: "ww1436e0e65a779aee" })).status).toBe(400);
    const ts = String(Math.floor(Date.now() / 1000));
    const garbage = Buffer.alloc(64, 3).toString("base64");
    const g = await fetch(`${url()}?${new URLSearchParams({ msg_signature: sign(TOKEN, ts, "1", garbage), timestamp: ts, nonce: "1" })}`, {
      method: "POST",
      body: JSON.stringify({ encrypt: garbage }),
    });
    expect(g.status).toBe(400);
    expect((await fetch(`${url()}?timestamp=${ts}&nonce=1&msg_signature=${"a".repeat(40)}`, { method: "POST", body: "<xml/>" })).status).toBe(400);
    expect((await callback({ ...msg(), text: { content: "意见 " + "长".repeat(200_000) } })).status).toBe(413);
    await t.app.inbox.idle();
    expect(await t.app.db.inboundMessage.count()).toBe(inbound);
  });

  it("/healthz shows the WeCom channel", async () => {
    const h = (await (await fetch(`${t.baseUrl}/healthz`)).json()) as any;
    expect(h.channels.wecom).toMatchObject({ transport: "callback", callback: true });
  });
});
