import { describe, expect, it } from "vitest";
import { buildPlan, type Unit } from "../../src/channels/wecom/plan.ts";
import { buttonKey, parseButtonKey, renderCard, renderMarkdown, toPlainText } from "../../src/channels/wecom/render.ts";
import { byteLength } from "../../src/channels/wecom/split.ts";
import type { Delivery, OutboundMessage } from "../../src/channels/types.ts";
import { trusted } from "../../src/domain/rich-text.ts";

const rating: OutboundMessage = {
  title: trusted("请评价 #27 的办理结果"),
  body: trusted("您反映的「村口路灯不亮」已办结。"),
  card: "rating",
  buttons: [
    { label: "满意", command: "评价 27 满意" },
    { label: "基本满意", command: "评价 27 基本满意" },
    { label: "不满意", command: "评价 27 不满意" },
  ],
  mentions: ["zhangsan"],
};

describe("renderMarkdown", () => {
  it("puts mentions first, then the bold title, body, link and button hints", () => {
    const md = renderMarkdown({ ...rating, url: "https://example.org/o/27" }, { buttonHints: true });
    expect(md.split("\n")[0]).toBe("<@zhangsan>");
    expect(md).toContain("**请评价 #27 的办理结果**");
    expect(md).toContain("[查看详情](https://example.org/o/27)");
    expect(md).toContain("`评价 27 基本满意`");
    expect(renderMarkdown(rating, { buttonHints: false })).not.toContain("`评价");
  });
  it("drops mention ids that could inject markup", () => {
    expect(renderMarkdown({ body: trusted("x"), mentions: ["ok_1", "<bad>"] }, { buttonHints: false })).toBe("<@ok_1>\nx");
  });
  it("skips hints when the body already names the commands", () => {
    const md = renderMarkdown(
      {
        body: trusted("回复 评价 1 满意 / 评价 1 不满意"),
        buttons: [
          { label: "满意", command: "评价 1 满意" },
          { label: "不满意", command: "评价 1 不满意" },
        ],
      },
      { buttonHints: true },
    );
    expect(md).not.toContain("@我并回复");
  });
});

describe("renderCard", () => {
  it("rating: a button_interaction card whose keys carry the commands", () => {
    // Cards cannot @-mention: with a mention the body travels as markdown before the card.
    expect(renderCard(rating, "d1_ab")?.carriesBody).toBe(false);
    const r = renderCard({ ...rating, mentions: undefined }, "d1_ab");
    expect(r?.hasButtons).toBe(true);
    expect(r?.carriesBody).toBe(true);
    const card = r!.card as any;
    expect(card.card_type).toBe("button_interaction");
    expect(card.task_id).toBe("d1_ab");
    expect(card.button_list.map((b: any) => b.text)).toEqual(["满意", "基本满意", "不满意"]);
    expect(card.button_list.map((b: any) => parseButtonKey(b.key))).toEqual(["评价 27 满意", "评价 27 基本满意", "评价 27 不满意"]);
    expect(card.sub_title_text).toBe("您反映的「村口路灯不亮」已办结。");
  });
  it("identity / receipt: text_notice only with a link (card_action is required), else markdown", () => {
    const identity: OutboundMessage = {
      title: trusted("代表亮身份"),
      body: trusted("王五，县人大代表，城关镇联络站。"),
      card: "identity",
      fields: [
        { label: "姓名", value: trusted("王五") },
        { label: "联络站", value: trusted("城关镇联络站") },
      ],
    };
    expect(renderCard(identity, "t")).toBeUndefined();
    const withUrl = renderCard({ ...identity, url: "https://example.org/d/1" }, "t")!;
    expect((withUrl.card as any).card_type).toBe("text_notice");
    expect((withUrl.card as any).card_action).toEqual({ type: 1, url: "https://example.org/d/1" });
    expect((withUrl.card as any).horizontal_content_list).toEqual([
      { keyname: "姓名", value: "王五" },
      { keyname: "联络站", value: "城关镇联络站" },
    ]);
    const receipt = renderCard(
      {
        title: trusted("意见已受理"),
        body: trusted("已登记。"),
        card: "receipt",
        url: "https://example.org/o/27",
        fields: [{ label: "编号", value: trusted("#27") }],
      },
      "t",
    )!;
    expect((receipt.card as any).emphasis_content).toEqual({ title: "#27", desc: "编号" });
  });
  it("a long body does not fit a card: carriesBody is false", () => {
    const r = renderCard({ ...rating, body: trusted("很长的办理结果。".repeat(40)) }, "t");
    expect(r?.carriesBody).toBe(false);
    expect((r!.card as any).sub_title_text).toBeUndefined();
  });
  it("toPlainText strips markdown", () => {
    expect(toPlainText('**粗** `码` [链接](https://x) <@u1> <font color="info">绿</font>\n# 标题')).toBe("粗 码 链接 https://x  绿\n标题");
    expect(buttonKey("查询 1")).toBe("cmd:查询 1");
  });
});

function delivery(over: Partial<Delivery>): Delivery {
  return { id: 1, platform: "wecom", chatId: "g1", chatType: "group", kind: "post", message: { body: trusted("hi") }, attempts: 0, ...over };
}
const env = (over: Partial<Parameters<typeof buildPlan>[1]> = {}) => ({
  now: 1_000_000,
  wsConfigured: true,
  responseUrlUsable: () => true,
  taskId: "t1",
  ...over,
});

describe("buildPlan", () => {
  it("a weekly-summary-sized post becomes numbered markdown parts under 4,096 bytes", () => {
    const body = Array.from({ length: 250 }, (_, i) => `- #${i + 1} 张家村：道路破损，已转县交通运输局办理，预计月底前完成。`).join("\n");
    const units = buildPlan(delivery({ message: { title: trusted("本周意见汇总"), body: trusted(body), card: "summary" } }), env());
    expect(units.length).toBeGreaterThan(2);
    for (const u of units) {
      expect(u.kind).toBe("push");
      expect(byteLength((u as Extract<Unit, { kind: "push" }>).markdown)).toBeLessThanOrEqual(4096);
    }
  });

  it("a reply on the long connection is one stream message (≤ 20,480 bytes)", () => {
    const units = buildPlan(
      delivery({
        kind: "reply",
        replyTo: { messageId: "m", context: { transport: "ws", reqId: "r1", receivedAt: 999_000 } },
        message: { body: trusted("收到".repeat(2000)) },
      }),
      env(),
    );
    expect(units).toHaveLength(1);
    expect(units[0]).toMatchObject({ kind: "reply", route: "ws-reply", reqId: "r1" });
  });

  it("a reply longer than 20,480 bytes: the first piece replies, the rest is pushed", () => {
    const body = Array.from({ length: 800 }, (_, i) => `第 ${i} 行：办理情况说明。`).join("\n");
    const units = buildPlan(
      delivery({
        kind: "reply",
        replyTo: { messageId: "m", context: { transport: "callback", responseUrl: "https://x/cgi-bin/aibot/response?response_code=1", receivedAt: 999_000 } },
        message: { body: trusted(body) },
      }),
      env(),
    );
    expect(units[0]).toMatchObject({ kind: "reply", route: "response-url" });
    expect(byteLength((units[0] as any).markdown)).toBeLessThanOrEqual(20480);
    expect(units.slice(1).every((u) => u.kind === "push")).toBe(true);
  });

  it("response_url older than an hour, or already used, is not planned", () => {
    const ctx = { transport: "callback", responseUrl: "https://x/cgi-bin/aibot/response?response_code=1", receivedAt: 0 };
    expect(buildPlan(delivery({ kind: "reply", replyTo: { messageId: "m", context: ctx } }), env({ now: 3_600_000 }))[0].kind).toBe("push");
    expect(
      buildPlan(delivery({ kind: "reply", replyTo: { messageId: "m", context: { ...ctx, receivedAt: 999_000 } } }), env({ responseUrlUsable: () => false }))[0]
        .kind,
    ).toBe("push");
  });

  it("enter_chat within 5 s is a plain-text welcome; later it is pushed", () => {
    const ctx = { transport: "ws", reqId: "r", receivedAt: 998_000, event: "enter_chat" };
    const welcome = buildPlan(
      delivery({
        kind: "reply",
        chatType: "direct",
        replyTo: { messageId: "m", context: ctx },
        message: { title: trusted("欢迎"), body: trusted("**发送** 意见 …") },
      }),
      env(),
    );
    expect(welcome).toEqual([{ kind: "reply", route: "ws-welcome", reqId: "r", markdown: "欢迎\n发送 意见 …" }]);
    expect(buildPlan(delivery({ kind: "reply", replyTo: { messageId: "m", context: { ...ctx, receivedAt: 990_000 } } }), env())[0].kind).toBe("push");
  });

  it("a button press is answered on the push path (not by replying to the event)", () => {
    const units = buildPlan(
      delivery({ kind: "reply", replyTo: { messageId: "e", context: { transport: "ws", reqId: "r", receivedAt: 999_000, event: "template_card_event" } } }),
      env(),
    );
    expect(units[0].kind).toBe("push");
  });

  it("rating card: on the long connection one reply; pushed it is a card", () => {
    const reply = buildPlan(
      delivery({ kind: "reply", message: rating, replyTo: { messageId: "m", context: { transport: "ws", reqId: "r", receivedAt: 999_000 } } }),
      env(),
    );
    expect(reply).toHaveLength(1);
    expect((reply[0] as any).card.card_type).toBe("button_interaction");
    const push = buildPlan(delivery({ message: { ...rating, mentions: undefined } }), env());
    expect(push).toHaveLength(1);
    expect(push[0].kind).toBe("push-card");
    expect((push[0] as any).hint).toContain("`评价 27 满意`");
    // with a mention: the markdown (mention first) is pushed, then the card
    const withMention = buildPlan(delivery({ message: rating }), env());
    expect(withMention.map((u) => u.kind)).toEqual(["push", "push-card"]);
    expect((withMention[0] as any).markdown.startsWith("<@zhangsan>")).toBe(true);
  });
});

// The core's own messages, rendered the WeCom way.
import { identityCard } from "../../src/bot/render.ts";
import { receipt } from "../../src/core/opinions/intake.ts";
import { feedback } from "../../src/domain/feedback.ts";

describe("core messages on WeCom", () => {
  it("the receipt becomes a text_notice card when a link is available, keeping number, category and due date", () => {
    const m = receipt({ number: 27, category: "道路交通", text: "村口路灯坏了一个多月，晚上出行不便" }, "2026-12-07", 10, []);
    expect(renderCard(m, "t")).toBeUndefined(); // no link → markdown
    const card = renderCard(m, "t", "https://rd.example.gov.cn")!.card as any;
    expect(card.card_type).toBe("text_notice");
    expect(card.emphasis_content).toEqual({ title: "#27", desc: "编号" });
    expect(card.horizontal_content_list.map((r: any) => r.keyname)).toEqual(["分类", "预计答复"]);
    expect(card.sub_title_text).toContain("村口路灯坏了");
    expect(card.sub_title_text).toContain("查询 27");
    expect(Array.from(card.sub_title_text as string).length).toBeLessThanOrEqual(112);
  });

  it("the identity card of 亮身份 becomes a text_notice card linking to the deputy page", () => {
    const m = identityCard({
      name: "王建国",
      level: "COUNTY",
      duties: "东风村党支部书记",
      stations: ["东风镇代表联络站"],
      reception: "每月10日上午",
      phone: null,
      bio: null,
      pageUrl: "https://rd.example.gov.cn/d/wang",
    });
    const card = renderCard(m, "t")!.card as any;
    expect(card.card_type).toBe("text_notice");
    expect(card.card_action.url).toBe("https://rd.example.gov.cn/d/wang");
    expect(card.horizontal_content_list).toContainEqual({ keyname: "姓名", value: "王建国" });
    expect(card.sub_title_text).toContain("每月10日上午");
  });

  it("the closing feedback: markdown keeps the mention and is not doubled with hints; the card has the three buttons", () => {
    const m = feedback({ number: 27, text: "村口路灯坏了", resultClass: "A" }, "close", "路灯已修复", "zhangsan");
    const md = renderMarkdown(m, { buttonHints: true });
    expect(md.startsWith("<@zhangsan>")).toBe(true);
    expect(md).not.toContain("@我并回复"); // the body already says how to rate
    const rc = renderCard(m, "t")!;
    expect(rc.hasButtons).toBe(true);
    expect((rc.card as any).button_list.map((b: any) => b.text)).toEqual(["满意", "基本满意", "不满意"]);
  });
});
