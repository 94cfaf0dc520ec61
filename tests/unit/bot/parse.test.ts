import { describe, expect, it } from "vitest";
import { parseCommand } from "../../../src/bot/parse.ts";

const p = (text: string, addressed = true) => parseCommand(text, addressed);

describe("parseCommand", () => {
  it("takes the intake verbs with or without separators, full-width or not", () => {
    expect(p("意见 村口路灯坏了")).toEqual({ name: "opinion", text: "村口路灯坏了", tagged: false });
    expect(p("反映：村口路灯坏了")).toEqual({ name: "opinion", text: "村口路灯坏了", tagged: false });
    expect(p("投诉，小卖部卖过期牛奶")).toMatchObject({ name: "opinion", text: "小卖部卖过期牛奶" });
    expect(p("建议村里装几个健身器材")).toMatchObject({ name: "opinion", text: "村里装几个健身器材" });
    expect(p("求助:老人走丢了")).toMatchObject({ name: "opinion", text: "老人走丢了" });
    expect(p("意见")).toMatchObject({ name: "usage" });
  });

  it("strips a leading @-mention and tolerates extra spaces", () => {
    expect(p("@人大代表助手   查询   27")).toEqual({ name: "query", number: 27 });
    expect(p("@助手 @王代表 意见 水管爆了")).toMatchObject({ name: "opinion", text: "水管爆了" });
  });

  it("accepts 27, #27 and ＃27", () => {
    for (const n of ["27", "#27", "＃27", "# 27", "２７", "27号"]) expect(p(`查询 ${n}`)).toEqual({ name: "query", number: 27 });
    expect(p("查询27")).toEqual({ name: "query", number: 27 });
  });

  it("takes an intake tag anywhere, addressed or not", () => {
    expect(p("村口路灯坏了 #意见", false)).toEqual({ name: "opinion", text: "村口路灯坏了", tagged: true });
    expect(p("＃建议＃ 增加公交班次", false)).toMatchObject({ name: "opinion", text: "增加公交班次", tagged: true });
    expect(p("今天天气真好", false)).toBeUndefined();
    expect(p("查询 27", false)).toBeUndefined();
  });

  it("treats an addressed message with substance as an opinion and greetings as small talk", () => {
    expect(p("村里的自来水这几天一直发黄")).toMatchObject({ name: "opinion" });
    expect(p("你好")).toEqual({ name: "smallTalk" });
    expect(p("在吗？？")).toEqual({ name: "smallTalk" });
    expect(p("谢谢！")).toEqual({ name: "smallTalk" });
    expect(p("嗯嗯")).toEqual({ name: "smallTalk" });
    expect(p("我的家门口下水道堵了好几天")).toMatchObject({ name: "opinion" });
    expect(p("代表什么时候来村里接待")).toMatchObject({ name: "opinion" });
    expect(p("同意楼上说的，路灯确实坏了")).toMatchObject({ name: "opinion" });
  });

  it("parses citizens' commands and their synonyms", () => {
    expect(p("我的")).toEqual({ name: "mine" });
    expect(p("我的意见")).toEqual({ name: "mine" });
    expect(p("附议 12")).toEqual({ name: "cosign", number: 12 });
    expect(p("+1 12")).toEqual({ name: "cosign", number: 12 });
    expect(p("支持#12")).toEqual({ name: "cosign", number: 12 });
    expect(p("评价 12 满意")).toEqual({ name: "rate", number: 12, rating: "SATISFIED" });
    expect(p("评价 12 基本满意")).toEqual({ name: "rate", number: 12, rating: "BASICALLY" });
    expect(p("评价 #12 不满意 拖了太久")).toEqual({ name: "rate", number: 12, rating: "DISSATISFIED", comment: "拖了太久" });
    expect(p("评价 12 很好")).toMatchObject({ name: "usage" });
    expect(p("代表")).toEqual({ name: "deputies" });
    expect(p("帮助")).toEqual({ name: "help" });
    expect(p("？")).toEqual({ name: "help" });
    expect(p("HELP")).toEqual({ name: "help" });
  });

  it("parses deputies' and staff's commands", () => {
    expect(p("亮身份")).toEqual({ name: "showIdentity" });
    expect(p("待办")).toEqual({ name: "todo" });
    expect(p("认领 5")).toEqual({ name: "claim", number: 5 });
    expect(p("答复 5 已联系供电所")).toEqual({ name: "reply", number: 5, text: "已联系供电所" });
    expect(p("当场答复 5 卫生室8点开门")).toEqual({ name: "answerOnSpot", number: 5, text: "卫生室8点开门" });
    expect(p("转办 5 县交通运输局 10天")).toEqual({ name: "assign", number: 5, unit: "县交通运输局", days: 10 });
    expect(p("转办 5 县交通运输局 10个工作日")).toEqual({ name: "assign", number: 5, unit: "县交通运输局", days: 10 });
    expect(p("交办 5 县交通运输局")).toEqual({ name: "assign", number: 5, unit: "县交通运输局" });
    expect(p("办结 5 a 已修好")).toEqual({ name: "close", number: 5, resultClass: "A", text: "已修好" });
    expect(p("办结 5 C类 资金不足，明年安排")).toEqual({ name: "close", number: 5, resultClass: "C", text: "资金不足，明年安排" });
    expect(p("办结 5 A")).toMatchObject({ name: "usage" });
    expect(p("办结 5 修好了")).toMatchObject({ name: "usage" });
    expect(p("转信访 5")).toEqual({ name: "transfer", number: 5 });
    expect(p("合并 31 27")).toEqual({ name: "merge", number: 31, into: 27 });
    expect(p("合并 #31 到 #27")).toEqual({ name: "merge", number: 31, into: 27 });
    expect(p("不予受理 5 属于民事纠纷")).toEqual({ name: "reject", number: 5, reason: "属于民事纠纷" });
    expect(p("不予受理 5")).toMatchObject({ name: "usage" });
    expect(p("绑定本群 东风镇代表联络站")).toEqual({ name: "bindGroup", station: "东风镇代表联络站" });
    expect(p("设置推送地址 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc")).toEqual({
      name: "setWebhook",
      url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc",
    });
    expect(p("设置推送地址 not-a-url")).toMatchObject({ name: "usage" });
  });
});
