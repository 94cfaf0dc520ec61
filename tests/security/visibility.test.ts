// Who sees a matter in chat (F1, G-4): 查询 by number, 我的, 待办 and 认领, as villagers, deputies and
// outsiders type them, through the simulator; direct chats are read from their transcripts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { SimGroup, numberIn } from "../helpers/sim-group.ts";
import { seedRoster } from "../helpers/roster.ts";
import { postForm } from "../code/helpers.ts";

let t: TestApp;
let east: SimGroup;
let east2: SimGroup;
let west: SimGroup;
let chatMatter: number;
let codeMatter: number;

const dm = (userId: string) => new SimGroup(t.baseUrl, userId, userId, "direct");
const sentTo = async (userId: string) => {
  await t.app.outbox.drain();
  return (await dm(userId).transcript()).filter((l) => l.direction === "out").map((l) => l.text);
};
const refusalFor = (n: number) => `没有找到编号 #${n} 的事项，或您无权查看。通过代表码提交的事项，请使用提交时页面上的查询链接查看进度。`;

beforeAll(async () => {
  t = await startTestApp();
  const roster = await seedRoster(t.baseUrl);
  east = new SimGroup(t.baseUrl, "east-village", "东风村村民群");
  east2 = new SimGroup(t.baseUrl, "east-village-2", "东风二村村民群");
  west = new SimGroup(t.baseUrl, "west-village", "西山村村民群");
  await east.say("staff-liu", "绑定本群 东风镇");
  await east2.say("staff-liu", "绑定本群 东风镇");
  await west.say("admin-chen", "绑定本群 西山镇");
  chatMatter = numberIn(await east.say("villager-zhang", "意见 我家门口水管爆了，联系电话13812345678，身份证110101199003074514", { name: "张大爷" }));
  const page = await postForm(`${t.baseUrl}/d/${roster.wang.slug}`, {
    text: "王书记你好 我是五组的 我们组那个灌溉的水渠被人堵了，电话13912340000",
    category: "农业农村",
    place: "五组",
    phone: "13912340000",
    website: "",
  });
  codeMatter = Number(/编号 #(\d+)/.exec(page.body)![1]);
});
afterAll(async () => t?.stop());

describe("查询 N (F1)", () => {
  it("gives an outsider's direct chat exactly the answer for a number that does not exist", async () => {
    const outsider = dm("wc-outsider");
    const missing = await outsider.say("wc-outsider", "查询 99999");
    expect(missing).toBe(refusalFor(99999));
    for (const n of [chatMatter, codeMatter]) {
      const answer = await outsider.say("wc-outsider", `查询 ${n}`);
      expect(answer).toBe(refusalFor(n));
      expect(answer).not.toContain("1381234");
    }
  });

  it("shows the submitter and the station's officials everything in their direct chat", async () => {
    for (const who of ["villager-zhang", "dep-wang", "staff-liu", "admin-chen"]) {
      const answer = await dm(who).say(who, `查询 ${chatMatter}`);
      expect(answer, who).toContain("13812345678");
      expect(answer, who).toContain("110101199003074514");
    }
  });

  it("refuses a deputy of another station in the same words as a missing number", async () => {
    expect(await dm("dep-sun").say("dep-sun", `查询 ${chatMatter}`)).toBe(refusalFor(chatMatter));
  });

  it("lets nobody co-sign a matter they may not read, so 附议 cannot open a matter to an outsider", async () => {
    expect(await dm("wc-outsider").say("wc-outsider", `附议 ${chatMatter}`)).toBe(refusalFor(chatMatter));
    expect(await west.say("villager-wu", `附议 ${chatMatter}`)).toBe(refusalFor(chatMatter));
    expect(await east2.say("villager-wu", `附议 ${codeMatter}`)).toBe(refusalFor(codeMatter));
    expect(await dm("wc-outsider").say("wc-outsider", `查询 ${chatMatter}`)).toBe(refusalFor(chatMatter));
  });

  it("shows a co-signer the masked text only", async () => {
    expect(await east.say("villager-li", `附议 ${chatMatter}`)).toContain("已附议");
    const answer = await dm("villager-li").say("villager-li", `查询 ${chatMatter}`);
    expect(answer).toContain("138****5678");
    expect(answer).not.toContain("13812345678");
  });

  it("follows the group: masked where raised and in the station's villages, nothing in another station", async () => {
    expect(await east.say("villager-wu", `查询 ${chatMatter}`)).toContain("138****5678");
    expect(await east2.say("villager-wu", `查询 ${chatMatter}`)).toContain("138****5678");
    expect(await west.say("villager-wu", `查询 ${chatMatter}`)).toBe(refusalFor(chatMatter));
  });
});

describe("待办, 认领 and 我的 in a group (G-4)", () => {
  it("lists a deputy's 代表码 matter only in their direct chat, and says so in the group", async () => {
    const reply = await east.say("dep-wang", "待办");
    expect(reply).toContain(`#${chatMatter}`);
    expect(reply).toContain("水管爆了");
    expect(reply).not.toContain(`#${codeMatter}`);
    expect(reply).not.toContain("灌溉");
    expect(reply).toContain("另有 1 件不宜在群里显示");
    expect(reply).toContain("已私信发给您");
    const direct = await sentTo("dep-wang");
    expect(direct.at(-1)).toContain(`#${codeMatter}`);
    expect(direct.at(-1)).toContain("灌溉");
    expect(direct.at(-1)).not.toContain(`#${chatMatter}`);
    // Nothing the group received since names the private matter.
    await t.app.outbox.drain();
    expect((await east.transcript()).filter((l) => l.direction === "out").some((l) => l.text.includes("灌溉"))).toBe(false);
  });

  it("lists everything in the deputy's own direct chat", async () => {
    const reply = await dm("dep-wang").say("dep-wang", "待办");
    expect(reply).toContain(`#${chatMatter}`);
    expect(reply).toContain(`#${codeMatter}`);
    expect(reply).toContain("灌溉");
  });

  it("confirms 认领 without the text in a group that may not read it", async () => {
    const reply = await west.say("dep-wang", `认领 ${chatMatter}`);
    expect(reply).toMatch(new RegExp(`^已认领 #${chatMatter}（水电气暖）\n请跟进办理`));
    expect(reply).not.toContain("水管");
  });

  it("keeps a citizen's 我的 to what the group may read", async () => {
    const other = numberIn(await west.say("villager-zhang", "意见 西山村的桥栏杆断了，小孩上学很危险"));
    const inEast = await east.say("villager-zhang", "我的");
    expect(inEast).toContain(`#${chatMatter}`);
    expect(inEast).not.toContain(`#${other}`);
    expect(inEast).toContain("另有 1 件不在本群显示");
    const own = await dm("villager-zhang").say("villager-zhang", "我的");
    expect(own).toContain(`#${other}`);
    expect(own).toContain("13812345678");
  });
});
