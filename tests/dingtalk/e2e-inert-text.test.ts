// Citizens' text through DingTalk (HTTP callback and Stream) reaches the fake DingTalk servers
// inert: the phishing receipt, the 评价 不满意 comment of security.md F3 reproduction A, and a
// group renamed to carry a link, in the 周报 heading.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { numberIn } from "../helpers/sim-group.ts";
import { DingtalkGroup, replyText, seedDingtalkRoster, startDingtalkApp, type DingtalkEnv } from "./e2e-helpers.ts";

const Z = "\u200B";
const PHISHING =
  '意见 补贴申领入口 [点这里领取高龄补贴](http://evil.example.com/pay) **紧急通知** <font color="warning">红</font> <@all> [确认](dtmd://dingtalkclient/sendMessage?content=办结,5,A,好)';
const CONTENT_LINE = `内容：补贴申领入口 ［点这里领取高龄补贴］(http:${Z}/${Z}/evil.${Z}example.${Z}com/pay) ＊＊紧急通知＊＊ ＜fo…`;

const COMMENT = [
  "没修好",
  "#### 【县人大常委会紧急通知】",
  "**即日起发放惠民补贴，请点击** [领取补贴](http://evil.example/claim)",
  "![](http://evil.example/banner.png)",
  "> 工作人员请点击 [确认收到](dtmd://dingtalkclient/sendMessage?content=设置推送地址)",
  '@所有人 <@all> <font color="warning">红色警告</font>',
].join("\n");
const COMMENT_LINE =
  `反映人说明：没修好 ＃＃＃＃ 【县人大常委会紧急通知】 ＊＊即日起发放惠民补贴，请点击＊＊ ［领取补贴］(http:${Z}/${Z}/evil.${Z}example/claim) ` +
  `!［］(http:${Z}/${Z}/evil.${Z}example/banner.${Z}png) ＞ 工作人员请点击 ［确认收到］(dtmd:${Z}/${Z}/dingtalkclient/sendMessage?content=设置推送地址) ` +
  "＠所有人 ＜＠all＞ ＜font color…"; // cut at 200 characters

function expectInert(markdown: string) {
  expect(markdown).not.toMatch(/\]\(|<font|<@|\*\*紧急|\*\*即日|dtmd:\/\/|https?:\/\/|^#{1,6} 【县|\n> /m);
}

const li = { staffId: "u-li", nick: "李婶" };
const wang = { staffId: "u-wang", nick: "王建国" };
const liu = { staffId: "u-liu", nick: "刘站长" };

for (const mode of ["http", "stream"] as const) {
  describe(`DingTalk ${mode}: citizens' text reaches DingTalk inert`, () => {
    let env: DingtalkEnv;
    let group: DingtalkGroup;
    beforeAll(async () => {
      env = await startDingtalkApp(mode);
      await seedDingtalkRoster(env.baseUrl, { deputy: wang.staffId, staff: liu.staffId });
      group = new DingtalkGroup(env, mode, `cidInert${mode}==`, "幸福村村民群");
      expect(replyText(await group.say(liu, "绑定本群 东风镇"))).toContain("已绑定");
    });
    afterAll(async () => env?.stop());

    let number = 0;
    it("the phishing opinion's receipt on the sessionWebhook", async () => {
      const said = await group.say(li, PHISHING);
      expect(said.replies).toHaveLength(1);
      const sent = said.replies[0]!;
      expect(sent.msgtype).toBe("markdown");
      const text = sent.markdown.text as string;
      number = numberIn(text);
      expect(text.split("\n\n")).toEqual([
        `#### 意见已受理 #${number}`,
        `已受理您的意见，编号 **#${number}**`,
        expect.stringMatching(/^分类：/),
        CONTENT_LINE,
        expect.stringMatching(/^接下来：/),
        `发送「查询 ${number}」随时查看进度。`,
        "@u-li", // the bot's own mention of the sender (at.atUserIds)
      ]);
      expect(sent.at).toMatchObject({ atUserIds: ["u-li"] });
      expect(sent.at.isAtAll ?? false).toBe(false);
      expect(sent.markdown.title).toBe(`意见已受理 #${number}`);
      expectInert(text);
    });

    it("a 不满意 comment full of markup (security.md F3 reproduction A) is posted to the group inert", async () => {
      expect(replyText(await group.say(wang, `办结 ${number} A 路灯已修好`))).toContain("办理反馈");
      const sends = env.fake.api.groupSends.length;
      const said = await group.say(li, `评价 ${number} 不满意 ${COMMENT}`);
      expect(replyText(said)).toContain("该事项将重新办理");
      const posted = env.fake.api.groupSends.slice(sends).filter((s) => s.openConversationId === group.id);
      expect(posted).toHaveLength(1);
      expect(posted[0]!.msgKey).toBe("sampleMarkdown");
      expect(posted[0]!.msgParam.text).toBe(`#${number} 反映人评价「不满意」，已转为重新办理，请跟进代表和承办单位再次办理。\n\n${COMMENT_LINE}`);
      expectInert(posted[0]!.msgParam.text!);
    });

    it("a group renamed to carry a link and an image: the 周报 heading shows it literally", async () => {
      const renamed = new DingtalkGroup(env, mode, group.id, "幸福村群 [点击领取补贴](http://evil.example/x) ![](http://evil.example/a.png)");
      const sends = env.fake.api.groupSends.length;
      const said = await renamed.say(liu, "周报");
      const texts = [...said.replies.map((r) => (r.markdown?.text ?? "") as string), ...env.fake.api.groupSends.slice(sends).map((s) => s.msgParam.text ?? "")];
      const weekly = texts.find((t) => t.includes("【每周汇总】"));
      expect(weekly).toBeDefined();
      expect(weekly).toContain(`**【每周汇总】幸福村群 ［点击领取补贴］(http:${Z}/${Z}/evil.${Z}example/x) !［］(http:${Z}/${Z}/evil.${Z}example/a.${Z}png) `);
      expectInert(weekly!);
    });
  });
}
