import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin, startTestApp, type TestApp } from "../helpers/test-app.ts";
import { SimGroup, numberIn } from "../helpers/sim-group.ts";
import { seedRoster } from "../helpers/roster.ts";

let t: TestApp;
let group: SimGroup;

beforeAll(async () => {
  t = await startTestApp();
  await seedRoster(t.baseUrl);
  group = new SimGroup(t.baseUrl, "east-village", "东风村村民群");
});
afterAll(async () => t?.stop());

describe("a whole village group, end to end", () => {
  it("records a new group unbound and lets staff bind it", async () => {
    const first = await group.say("villager-zhang", "帮助", { name: "张大爷" });
    expect(first).toContain("意见");
    const g = await t.app.db.group.findUniqueOrThrow({ where: { platform_chatId: { platform: "simulator", chatId: "east-village" } } });
    expect(g.stationId).toBeNull();
    await t.app.outbox.drain();
    const lines = await group.transcript();
    expect(lines.some((l) => l.text.includes("绑定本群"))).toBe(true);

    expect(await group.say("villager-zhang", "绑定本群 东风镇代表联络站")).toContain("仅限联络站工作人员");
    expect(await group.say("staff-liu", "绑定本群 东风镇")).toContain("已绑定到「东风镇代表联络站」");
  });

  it("runs 受理 → 认领 → 转办 → 答复 → 办结 → 评价 with events, feedback and masking", async () => {
    const receipt = await group.say("villager-zhang", "反映：村口路灯坏了一个多星期，晚上黑漆漆的，电话13812345678", { name: "张大爷" });
    expect(receipt).toMatch(/已受理您的意见，编号 #\d+/);
    expect(receipt).toContain("分类：市政设施");
    expect(receipt).toContain("138****5678");
    expect(receipt).not.toContain("13812345678");
    const n = numberIn(receipt);

    // Staff see the full text; the group never does.
    const detail = await admin(t.baseUrl, "GET", `/api/opinions/${n}`);
    expect(detail.body.text).toContain("13812345678");
    expect(detail.body.status).toBe("RECEIVED");

    expect(await group.say("villager-li", `认领 ${n}`)).toContain("仅限人大代表");
    expect(await group.say("dep-sun", `认领 #${n}`)).toContain("属于其他联络站");
    expect(await group.say("dep-wang", `认领 ＃${n}`)).toContain(`已认领 #${n}`);
    expect(await group.say("dep-zhao", `认领 ${n}`)).toContain("已被其他代表认领");

    expect(await group.say("dep-wang", `转办 ${n} 供电公司 5天`)).toContain("县供电公司");
    const reply = await group.say("dep-wang", `答复 ${n} 已联系县供电公司，周五前更换灯泡`);
    expect(reply).toContain("【办理反馈】");
    expect(reply).toContain("已联系县供电公司");

    expect(await group.say("villager-zhang", `评价 ${n} 满意`)).toContain("办结后才能评价");
    const closed = await group.say("dep-wang", `办结 ${n} A 路灯已更换，恢复照明`);
    expect(closed).toContain("结果类别：A类");
    expect(group.replies.at(-1)!.buttons.map((b) => b.label)).toEqual(["满意", "基本满意", "不满意"]);
    expect(group.replies.at(-1)!.mentions).toContain("villager-zhang");

    expect(await group.say("villager-li", `评价 ${n} 满意`)).toContain("只有");
    expect(await group.say("villager-zhang", `评价 ${n} 满意 修得很快`)).toContain("感谢评价");
    expect(await group.say("villager-zhang", `评价 ${n} 满意`)).toContain("已评价过");

    const final = await admin(t.baseUrl, "GET", `/api/opinions/${n}`);
    expect(final.body.status).toBe("RATED");
    expect(final.body.resultClass).toBe("A");
    expect(final.body.rating).toBe("SATISFIED");
    expect(final.body.unit.name).toBe("县供电公司");
    expect(final.body.deputy.name).toBe("王建国");
    expect(final.body.events.map((e: any) => e.action)).toEqual(["receive", "claim", "assign", "reply", "close", "rate"]);
    expect(final.body.events.find((e: any) => e.action === "close").actorName).toBe("王建国");

    const query = await group.say("villager-li", `查询 ${n}`);
    expect(query).toContain("已评价");
    expect(query).toContain("王建国");
    expect(query).toContain("138****5678");

    await t.app.outbox.drain();
    const transcript = await group.transcript();
    expect(transcript.filter((l) => l.direction === "out").every((l) => !l.text.includes("13812345678"))).toBe(true);
    const pending = await t.app.db.outboxMessage.count({ where: { status: "PENDING" } });
    expect(pending).toBe(0);
  });

  it("sends 不满意 back for re-handling, counted", async () => {
    const n = numberIn(await group.say("villager-wang", "意见 东风路上坑太多了，电动车经常摔", { name: "王师傅" }));
    await group.say("dep-zhao", `办结 ${n} B 已列入明年道路维修计划`);
    const r = await group.say("villager-wang", `评价 ${n} 不满意 等不到明年`);
    expect(r).toContain("重新办理");
    const o = await t.app.db.opinion.findUniqueOrThrow({ where: { number: n } });
    expect(o.status).toBe("IN_PROGRESS");
    expect(o.reopenCount).toBe(1);
    expect(o.rating).toBe("DISSATISFIED");
  });

  it("handles the side exits: 当场答复, 转信访, 不予受理, 合并 and co-signing", async () => {
    const a = numberIn(await group.say("villager-li", "求助：村卫生室几点开门？"));
    expect(await group.say("dep-wang", `当场答复 ${a} 每天8点到17点，周末上午开门`)).toContain("当场答复");
    expect((await t.app.db.opinion.findUniqueOrThrow({ where: { number: a } })).status).toBe("CLOSED");

    const b = numberIn(await group.say("villager-zhang", "投诉 邻居占了我家宅基地，想请代表帮忙"));
    const tr = await group.say("dep-wang", `转信访 ${b}`);
    expect(tr).toContain("信访部门");
    expect((await t.app.db.opinion.findUniqueOrThrow({ where: { number: b } })).status).toBe("TRANSFERRED");

    const c = numberIn(await group.say("villager-wang", "意见 希望村里建个广场舞场地"));
    expect(await group.say("dep-wang", `不予受理 ${c} 理由`)).toContain("仅限联络站工作人员");
    expect(await group.say("staff-liu", `不予受理 ${c} 已在建，明年完工`)).toContain("不予受理");

    const original = numberIn(await group.say("villager-zhang", "意见 村东头垃圾堆好几天没人清运，臭味很大"));
    const dupReceipt = await group.say("villager-li", "反映 村东头的垃圾好几天没人清运了，臭得很");
    expect(dupReceipt).toContain(`#${original}`);
    const dup = numberIn(dupReceipt);
    const hints = await admin(t.baseUrl, "GET", `/api/opinions/${dup}`);
    expect(hints.body.duplicateHints.map((h: any) => h.number)).toContain(original);
    expect(await group.say("dep-wang", `合并 ${dup} ${original}`)).toContain(`已合并办理`);
    expect(await group.say("villager-wang", `附议 ${original}`)).toContain("共 2 人附议");
    expect(await group.say("villager-wang", `附议 ${original}`)).toContain("已附议过");
    expect(await group.say("villager-li", `附议 ${dup}`)).toContain(`附议 ${original}`);
  });

  it("answers bad input with one clear Chinese line", async () => {
    expect(await group.say("villager-zhang", "查询 99999")).toContain("没有找到编号 #99999");
    expect(await group.say("villager-zhang", "你好")).toContain("意见");
    expect(await group.say("villager-zhang", "查询")).toContain("例如：查询 27");
    expect(await group.say("villager-zhang", "意见 " + "很长".repeat(1100))).toContain("内容太长");
    expect(await group.say("villager-zhang", "   ")).toContain("没有写内容");
    expect(await group.say("dep-wang", "办结 1 E 好了")).toContain("A/B/C/D");
    const ignored = await group.send("villager-zhang", "今天天气不错", { mention: false });
    expect(ignored.ignored).toBe(true);
    expect(await t.app.db.inboundMessage.count({ where: { payload: { path: ["text"], equals: "今天天气不错" } } })).toBe(0);
    const tagged = await group.send("villager-zhang", "#意见 村小学门口没有斑马线，孩子过马路危险", { mention: false });
    expect(tagged.replies[0].text).toMatch(/已受理.*#\d+/);
    expect(tagged.replies[0].text).toContain("道路交通");
  });

  it("shows deputies and lets a deputy show their identity without a private phone", async () => {
    const card = await group.say("dep-wang", "亮身份");
    expect(card).toContain("王建国");
    expect(card).toContain("东风镇代表联络站");
    expect(card).not.toContain("13912345678");
    expect(await group.say("villager-zhang", "亮身份")).toContain("仅限已登记的人大代表");
    const list = await group.say("villager-zhang", "代表");
    expect(list).toContain("王建国");
    expect(list).toContain("赵丽");
    expect(list).not.toContain("孙强");
  });

  it("dedupes a re-delivered message id: one opinion, one reply", async () => {
    const before = await t.app.db.opinion.count();
    const first = await group.send("villager-zhang", "意见 村里自来水发黄，希望检查水管", { messageId: "sim-msg-dup-1" });
    const again = await group.send("villager-zhang", "意见 村里自来水发黄，希望检查水管", { messageId: "sim-msg-dup-1" });
    expect(first.replies).toHaveLength(1);
    expect(again.duplicate).toBe(true);
    expect(again.replies).toHaveLength(0);
    expect(await t.app.db.opinion.count()).toBe(before + 1);
    expect(await t.app.db.outboxMessage.count({ where: { replyTo: { path: ["messageId"], equals: "sim-msg-dup-1" } } })).toBe(1);
  });
});
