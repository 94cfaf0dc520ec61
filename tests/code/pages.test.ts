import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawText } from "../../src/domain/rich-text.ts";
import { storedMessage } from "../../src/outbox/stored-message.ts";
import { admin, startTestApp, type TestApp } from "../helpers/test-app.ts";
import { SimGroup } from "../helpers/sim-group.ts";
import { seedRoster } from "../helpers/roster.ts";
import { followLinkIn, getPage, numberIn, postForm } from "./helpers.ts";

let t: TestApp;
let roster: Awaited<ReturnType<typeof seedRoster>>;
let group: SimGroup;
let page: string;

beforeAll(async () => {
  t = await startTestApp({ CODE_NOTIFY_THROTTLE_MIN: "30" });
  roster = await seedRoster(t.baseUrl);
  await t.app.db.station.update({
    where: { id: roster.east.id },
    data: {
      address: "东风镇人民路8号",
      receptionSchedule: { kind: "monthly", day: 10, time: "09:00-11:30", place: "东风镇代表联络站", deputyIds: [], holidayRule: "next-workday" },
    },
  });
  group = new SimGroup(t.baseUrl, "east-village", "东风村村民群");
  await group.say("staff-liu", "绑定本群 东风镇");
  page = `${t.baseUrl}/d/${roster.wang.slug}`;
});
afterAll(async () => t?.stop());

describe("deputy page /d/<slug>", () => {
  it("shows the identity card, reception schedule and an accessible form, without a private phone", async () => {
    const res = await getPage(page);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("set-cookie")).toMatch(/rd_dev=[\w-]+;.*HttpOnly/);
    expect(res.body).toContain('<html lang="zh-CN">');
    expect(res.headers.get("content-security-policy")).toMatch(/default-src 'none'.*script-src 'sha256-[^']+' 'sha256-[^']+'/);
    expect(res.body).toContain("王建国");
    expect(res.body).toContain("县（区）人大代表");
    expect(res.body).toContain("东风镇代表联络站");
    expect(res.body).toContain("每月10日 09:00-11:30");
    expect(res.body).not.toContain("13912345678"); // phonePublic: false
    for (const id of ["text", "category", "place", "phone"]) expect(res.body).toContain(`<label for="${id}">`);
    expect(res.body).toMatch(/<div class="hp" aria-hidden="true">.*name="website"/);
  });

  it("answers an unknown deputy with a plain 404 page", async () => {
    const res = await getPage(`${t.baseUrl}/d/nobody-here`);
    expect(res.status).toBe(404);
    expect(res.body).toContain("页面不存在");
  });

  it("re-renders the form with Chinese reasons and the typed values on bad input", async () => {
    const res = await postForm(page, { text: "短", place: "村口", phone: "abc", category: "不存在的分类", website: "" });
    expect(res.status).toBe(400);
    expect(res.body).toContain("至少 5 个字");
    expect(res.body).toContain("电话号码格式不正确");
    expect(res.body).toContain("请从列表中选择分类");
    expect(res.body).toContain('value="村口"');
    expect(await t.app.db.opinion.count()).toBe(0);
  });
});

describe("submit → chain → follow link", () => {
  let followUrl: string;
  let number: number;

  it("creates the opinion through the normal chain, attributed to the deputy and station, channel 代表码", async () => {
    const res = await postForm(page, {
      text: "东风村村口的路灯坏了一个多星期，晚上很黑，请尽快修理。联系13812345678",
      category: "市政设施",
      place: "东风村村口",
      phone: "13812345678",
      website: "",
    });
    expect(res.status).toBe(201);
    number = numberIn(res.body);
    followUrl = followLinkIn(res.body);
    expect(followUrl).toMatch(new RegExp(`^${t.baseUrl}/f/[A-Za-z0-9_-]{43}$`));

    const o = await t.app.db.opinion.findUniqueOrThrow({ where: { number }, include: { events: true, citizen: true } });
    expect(o.channel).toBe("代表码");
    expect(o.deputyId).toBe(roster.wang.id);
    expect(o.stationId).toBe(roster.east.id);
    expect(o.category).toBe("市政设施");
    expect(o.place).toBe("东风村村口");
    expect(o.contactPhone).toBe("13812345678");
    expect(o.citizen?.phone).toBe("13812345678");
    expect(o.status).toBe("RECEIVED");
    expect(o.dueDate).not.toBeNull();
    expect(o.events.map((e) => e.action)).toEqual(["receive"]);
    // Only a hash of the token is stored.
    const token = followUrl.split("/f/")[1]!;
    expect(o.followToken).not.toBe(token);
    expect(o.followToken).toMatch(/^[0-9a-f]{64}$/);

    // Staff see the full text in the admin API.
    const detail = await admin(t.baseUrl, "GET", `/api/opinions/${number}`);
    expect(detail.body.text).toContain("13812345678");
  });

  it("tells the deputy in a direct chat, masked", async () => {
    const notice = await t.app.db.outboxMessage.findFirstOrThrow({ where: { chatType: "direct", chatId: "dep-wang" } });
    const body = rawText(storedMessage(notice.payload).body);
    expect(body).toContain(`#${number}`);
    expect(body).toContain("138****5678");
    expect(body).not.toContain("13812345678");
  });

  it("lets the deputy handle it in the group and shows the reply on the follow page", async () => {
    const before = await getPage(followUrl);
    expect(before.status).toBe(200);
    expect(before.body).toContain(`#${number}`);
    expect(before.body).toContain("已受理");
    expect(before.body).toContain("138****5678");
    expect(before.body).not.toContain("13812345678");
    expect(before.headers.get("cache-control")).toBe("no-store");
    expect(before.headers.get("referrer-policy")).toBe("no-referrer");

    expect(await group.say("dep-wang", `答复 ${number} 已联系县供电公司，本周五前更换路灯`)).toBe(`已答复 #${number}。反映人可在代表码查询页面看到。`);
    const after = await getPage(followUrl);
    expect(after.body).toContain("已答复");
    expect(after.body).toContain("已联系县供电公司，本周五前更换路灯");
    expect(after.body).toContain("代表王建国答复");
    expect(after.body).not.toContain("请评价办理结果");
  });

  it("offers rating after closing and records it through the same rule as chat", async () => {
    expect(await group.say("dep-wang", `办结 ${number} A 路灯已更换`)).toBe(`已办结 #${number}（A类 已解决或基本解决）。反映人可在代表码查询页面看到。`);
    const closed = await getPage(followUrl);
    expect(closed.body).toContain("A类（已解决或基本解决）");
    expect(closed.body).toContain("请评价办理结果");

    const bad = await postForm(followUrl, { rating: "GREAT" });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("请选择满意");

    const rated = await postForm(followUrl, { rating: "SATISFIED", comment: "修得很快" });
    expect(rated.status).toBe(200);
    expect(rated.body).toContain("感谢您的评价");
    expect(rated.body).toContain("满意：修得很快");
    const o = await t.app.db.opinion.findUniqueOrThrow({ where: { number } });
    expect(o.status).toBe("RATED");
    expect(o.rating).toBe("SATISFIED");

    const again = await postForm(followUrl, { rating: "DISSATISFIED" });
    expect(again.status).toBe(409);
    expect((await t.app.db.opinion.findUniqueOrThrow({ where: { number } })).rating).toBe("SATISFIED");
  });

  it("a matter merged into another follows the original, read-only", async () => {
    const res = await postForm(page, { text: "村口那盏路灯还是不亮，晚上看不见路", website: "" }, { cookie: "rd_dev=second-phone-000000001" });
    const second = numberIn(res.body);
    const secondUrl = followLinkIn(res.body);
    expect(await group.say("dep-wang", `合并 ${second} ${number}`)).toContain(`已将 #${second} 合并到 #${number}`);
    const merged = await getPage(secondUrl);
    expect(merged.status).toBe(200);
    expect(merged.body).toContain(`您反映的 #${second} 与 #${number} 是同一问题，已合并办理`);
    expect(merged.body).toContain("路灯已更换");
    expect(merged.body).not.toContain("请评价办理结果");
    expect((await postForm(secondUrl, { rating: "SATISFIED" })).status).toBe(409);
  });

  it("gives a wrong token nothing, and numbers alone never open a matter", async () => {
    const notFound = await getPage(`${t.baseUrl}/d/nobody-here`);
    for (const path of ["/f/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", `/f/${number}`, "/f/", "/f/x'--"]) {
      const res = await getPage(`${t.baseUrl}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain("路灯");
      if (path !== "/f/") expect(res.body).toBe(notFound.body);
    }
    // In chat, a citizen cannot read a 代表码 matter by its number either (the same answer as a number
    // that does not exist); officials can, in their direct chat, never in the group.
    expect(await group.say("villager-li", `查询 ${number}`)).toBe((await group.say("villager-li", "查询 99999")).replace("99999", String(number)));
    expect(await group.say("villager-li", `查询 ${number}`)).toContain("请使用提交时页面上的查询链接");
    const asked = await group.say("dep-zhao", `查询 ${number}`);
    expect(asked).toBe(`#${number} 的详情已私信发给您（如未收到，请先私聊我一次再发「查询 ${number}」）。`);
    await t.app.outbox.drain();
    const dm = (await new SimGroup(t.baseUrl, "dep-zhao", "dep-zhao", "direct").transcript()).filter((l) => l.direction === "out");
    expect(dm.at(-1)!.text).toContain("路灯");
    const forged = await postForm(`${t.baseUrl}/f/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`, { rating: "SATISFIED" });
    expect(forged.status).toBe(404);
  });
});

describe("不满意 on the follow page", () => {
  it("reopens the matter and tells the deputy directly, as the chat rating tells a group", async () => {
    const res = await postForm(page, { text: "西头水渠堵了，下雨就漫到路上，请派人清理。", website: "" }, { cookie: "rd_dev=third-phone-0000000001" });
    const number = numberIn(res.body);
    const followUrl = followLinkIn(res.body);
    await group.say("dep-wang", `办结 ${number} A 已清理`);
    const rated = await postForm(followUrl, { rating: "DISSATISFIED", comment: "还是堵" });
    expect(rated.status).toBe(200);
    expect(rated.body).toContain("该事项将重新办理");
    expect((await t.app.db.opinion.findUniqueOrThrow({ where: { number } })).status).toBe("IN_PROGRESS");
    const posts = await t.app.db.outboxMessage.findMany({ where: { chatType: "direct", chatId: "dep-wang", kind: "post" }, orderBy: { id: "asc" } });
    expect(rawText(storedMessage(posts.at(-1)!.payload).body)).toBe(
      `#${number} 反映人评价「不满意」，已转为重新办理，请跟进代表和承办单位再次办理。\n反映人说明：还是堵`,
    );
  });
});
