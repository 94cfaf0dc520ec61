// G-4 on WeCom's long connection: a deputy's 待办 in a village group answers in the group without the
// 代表码 matter, and pushes that matter to the deputy's single chat (aibot_send_msg, chatid = userid).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeWecomWsServer, textMessage } from "../fakes/wecom-ws-server.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { postForm } from "../code/helpers.ts";
import { seedWecomRoster, settle } from "./e2e-helpers.ts";

let t: TestApp;
let ws: FakeWecomWsServer;
let code: number;
const GROUP = "wrEastVillage";

async function say(userid: string, text: string) {
  const body = textMessage({ userid, chatid: GROUP, content: `@人大代表联络助手\u2005${text}` });
  const since = ws.frames.length;
  const reqId = ws.pushMessage(body);
  await settle(t.app, [body.msgid as string]);
  const frames = ws.frames.slice(since);
  return {
    reply: frames
      .filter((f) => f.reqId === reqId)
      .map((f) => String(f.body.stream?.content ?? ""))
      .join("\n"),
    pushes: frames.filter((f) => f.cmd === "aibot_send_msg"),
  };
}

beforeAll(async () => {
  ws = new FakeWecomWsServer("bot-east", "secret-east");
  await ws.start();
  // The webhook API stays at its real default here, so the simulator (no sign-in) may not run alongside.
  t = await startTestApp({ WECOM_BOT_ID: "bot-east", WECOM_BOT_SECRET: "secret-east", WECOM_WS_URL: ws.url, SIMULATOR_ENABLED: "false" });
  const { wang } = await seedWecomRoster(t.baseUrl);
  await ws.waitFor(() => ws.subscriptions === 1, 10_000, "subscribe");
  await say("LiuZhan", "绑定本群 东风镇");
  await say("ZhangDaYe", "意见 村口的路灯坏了一个星期");
  const page = await postForm(`${t.baseUrl}/d/${wang.slug}`, {
    text: "王书记你好 我们组的灌溉水渠被人堵了",
    category: "农业农村",
    place: "五组",
    phone: "",
    website: "",
  });
  code = Number(/编号 #(\d+)/.exec(page.body)![1]);
  await t.app.outbox.drain();
});
afterAll(async () => {
  await t?.stop();
  await ws?.stop();
});

describe("待办 in a WeCom group", () => {
  it("keeps the 代表码 matter out of the group and pushes it to the deputy's single chat", async () => {
    const { reply, pushes } = await say("WangJianGuo", "待办");
    expect(reply).toContain("村口的路灯坏了");
    expect(reply).not.toContain("灌溉");
    expect(reply).not.toContain(`#${code}`);
    expect(reply).toContain("已私信发给您");
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.body.chatid).toBe("WangJianGuo");
    expect(pushes[0]!.body.markdown.content).toContain(`#${code}`);
    expect(pushes[0]!.body.markdown.content).toContain("灌溉");
  });
});
