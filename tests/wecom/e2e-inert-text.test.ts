// A citizen's phishing text through WeCom, callback mode and long connection: the receipt the
// fake WeCom server records shows it literally — no live link, bold, <font> or <@all>.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeWecomHttpServer } from "../fakes/wecom-http-server.ts";
import { FakeWecomWsServer, textMessage } from "../fakes/wecom-ws-server.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { seedWecomRoster, settle } from "./e2e-helpers.ts";
import { AES_KEY, encryptedCallback, TOKEN, waitUntil } from "./helpers.ts";

export const PHISHING =
  '意见 补贴申领入口 [点这里领取高龄补贴](http://evil.example.com/pay) **紧急通知** <font color="warning">红</font> <@all> [确认](dtmd://dingtalkclient/sendMessage?content=办结,5,A,好)';
/** The receipt's 内容 line: the first 60 characters, markup turned full-width, the URL broken by U+200B. */
const CONTENT_LINE = "内容：补贴申领入口 ［点这里领取高龄补贴］(http:\u200B/\u200B/evil.\u200Bexample.\u200Bcom/pay) ＊＊紧急通知＊＊ ＜fo…";

function expectInert(markdown: string) {
  expect(markdown).not.toMatch(/\]\(http|<font|<@all>|\*\*紧急|dtmd:\/\/|https?:\/\//);
}

describe("WeCom callback mode: phishing text in a receipt", () => {
  let t: TestApp;
  let wecom: FakeWecomHttpServer;
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

  it("reaches the response_url inert", async () => {
    const responseUrl = wecom.responseUrl();
    const code = new URL(responseUrl).searchParams.get("response_code")!;
    const body = textMessage({ userid: "ZhangDaYe", chatid: "wrInertVillage", content: `@人大代表联络助手\u2005${PHISHING}`, responseUrl });
    const c = encryptedCallback(body);
    const res = await fetch(`${t.baseUrl}/callbacks/wecom?${c.query}`, { method: "POST", headers: { "content-type": "application/json" }, body: c.body });
    expect(res.status).toBe(200);
    await settle(t.app, [body.msgid as string]);
    const sent = wecom.delivered("response_url").filter((r) => r.id === code);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body.msgtype).toBe("markdown");
    const content = sent[0]!.body.markdown.content as string;
    expect(content.split("\n")).toEqual([
      "<@ZhangDaYe>",
      expect.stringMatching(/^\*\*意见已受理 #\d+\*\*$/),
      expect.stringMatching(/^已受理您的意见，编号 \*\*#\d+\*\*$/),
      expect.stringMatching(/^分类：/),
      CONTENT_LINE,
      expect.stringMatching(/^接下来：/),
      expect.stringMatching(/^发送「查询 \d+」随时查看进度。$/),
      "（本群尚未绑定联络站，工作人员绑定后将尽快分派。）",
    ]);
    expectInert(content);
    // The one real mention is the bot's own, of the sender.
    expect(content.match(/<@/g)).toHaveLength(1);
  });
});

describe("WeCom long connection: phishing text in a receipt", () => {
  let t: TestApp;
  let ws: FakeWecomWsServer;
  beforeAll(async () => {
    ws = new FakeWecomWsServer("bot-inert", "secret-inert");
    await ws.start();
    // The webhook API stays at its real default here, so the simulator (no sign-in) may not run alongside.
    t = await startTestApp({ WECOM_BOT_ID: "bot-inert", WECOM_BOT_SECRET: "secret-inert", WECOM_WS_URL: ws.url, SIMULATOR_ENABLED: "false" });
    await seedWecomRoster(t.baseUrl);
    await ws.waitFor(() => ws.subscriptions === 1, 10_000, "subscribe");
  });
  afterAll(async () => {
    await t?.stop();
    await ws?.stop();
  });

  it("reaches the WebSocket reply inert", async () => {
    const body = textMessage({ userid: "ZhangDaYe", chatid: "wrInertWest", content: `@人大代表联络助手\u2005${PHISHING}` });
    const since = ws.frames.length;
    const reqId = ws.pushMessage(body);
    await settle(t.app, [body.msgid as string]);
    await waitUntil(async () => ws.frames.slice(since).some((f) => f.reqId === reqId), 5_000, "reply frame");
    const frames = ws.frames.slice(since).filter((f) => f.reqId === reqId);
    const content = frames.map((f) => (f.body.stream?.content ?? f.body.markdown?.content ?? "") as string).join("\n");
    expect(content).toContain(`\n${CONTENT_LINE}\n`);
    expectInert(content);
    expect(content.match(/<@/g) ?? []).toHaveLength(content.startsWith("<@ZhangDaYe>") ? 1 : 0);
  });
});
