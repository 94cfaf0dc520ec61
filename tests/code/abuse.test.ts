import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawText } from "../../src/domain/rich-text.ts";
import { storedMessage } from "../../src/outbox/stored-message.ts";
import { admin, startTestApp, type TestApp } from "../helpers/test-app.ts";
import { seedRoster } from "../helpers/roster.ts";
import { getPage, numberIn, postForm } from "./helpers.ts";

let t: TestApp;
let roster: Awaited<ReturnType<typeof seedRoster>>;
let page: string;
let clock = Date.parse("2026-12-02T02:00:00Z");
let device = 0;

/** A fresh phone: its own cookie (as set by the deputy page) and, unless given, its own IP. */
const phone = (ip = `10.0.0.${++device}`) => ({ cookie: `rd_dev=device-${String(++device).padStart(16, "0")}`, ip });

beforeAll(async () => {
  t = await startTestApp(
    {
      CODE_RATE_PER_DEVICE: "3",
      CODE_RATE_PER_IP: "6",
      CODE_RATE_WINDOW_MIN: "60",
      CODE_NOTIFY_THROTTLE_MIN: "30",
      CODE_DUPLICATE_WINDOW_MIN: "30",
      CODE_MAX_TEXT_CHARS: "200",
    },
    { now: () => new Date(clock) },
  );
  roster = await seedRoster(t.baseUrl);
  page = `${t.baseUrl}/d/${roster.wang.slug}`;
});
afterAll(async () => t?.stop());

const notices = (chatId: string) => t.app.db.outboxMessage.findMany({ where: { chatType: "direct", chatId }, orderBy: { id: "asc" } });

describe("代表码 abuse limits", () => {
  it("treats the same text from the same phone as one matter (spacing and punctuation aside)", async () => {
    const p = phone();
    const first = await postForm(page, { text: "西头水渠堵了，庄稼浇不上水", website: "" }, p);
    expect(first.status).toBe(201);
    const again = await postForm(page, { text: "西头水渠堵了 庄稼浇不上水！", website: "" }, p);
    expect(again.status).toBe(200);
    expect(again.body).toContain("您已提交过相同的内容");
    expect(again.body).toContain(`#${numberIn(first.body)}`);
    expect(await t.app.db.opinion.count()).toBe(1);
    // A neighbour behind the same village IP with the same words is a different person.
    const neighbour = await postForm(page, { text: "西头水渠堵了，庄稼浇不上水", website: "" }, { ...phone(), ip: p.ip });
    expect(neighbour.status).toBe(201);
    const rows = await t.app.db.codeSubmission.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => r.outcome)).toEqual(["accepted", "duplicate", "accepted"]);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.ipHash) && !r.ipHash.includes("10.0.0"))).toBe(true);
  });

  it("sends the deputy one notice per 30 minutes however many arrive, then a catch-up count", async () => {
    expect(await notices("dep-wang")).toHaveLength(1);
    for (let i = 0; i < 3; i++) expect((await postForm(page, { text: `第${i}条：村里垃圾没人清运`, website: "" }, phone())).status).toBe(201);
    expect(await notices("dep-wang")).toHaveLength(1);
    clock += 31 * 60_000;
    expect((await postForm(page, { text: "村小学门口需要减速带", website: "" }, phone())).status).toBe(201);
    const list = await notices("dep-wang");
    expect(list).toHaveLength(2);
    expect(rawText(storedMessage(list[1]!.payload).body)).toContain("此前另有 4 条代表码意见");
  });

  it("falls back to the station's staff when the deputy has no platform account", async () => {
    const qian = (await admin(t.baseUrl, "POST", "/api/deputies", { name: "钱敏", level: "TOWNSHIP", stationIds: [roster.east.id] })).body;
    expect((await postForm(`${t.baseUrl}/d/${qian.slug}`, { text: "希望增加公交班次", website: "" }, phone())).status).toBe(201);
    const toStaff = await notices("staff-liu");
    expect(toStaff).toHaveLength(1);
    expect(rawText(storedMessage(toStaff[0]!.payload).body)).toContain("钱敏代表的代表码收到新意见");
  });

  it("limits each phone, answering 429 with a Chinese page", async () => {
    const p = phone();
    for (let i = 0; i < 3; i++) expect((await postForm(page, { text: `路口红绿灯时间太短 ${i}号`, website: "" }, p)).status).toBe(201);
    const blocked = await postForm(page, { text: "路口红绿灯时间太短 再说一次", website: "" }, p);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(blocked.body).toContain("您提交得太频繁了");
    expect(blocked.body).toContain('lang="zh-CN"');
  });

  it("limits each IP across devices, and frees the slots when the window passes", async () => {
    const ip = "10.9.9.9";
    for (let i = 0; i < 6; i++) expect((await postForm(page, { text: `小区电梯经常坏 第${i}次`, website: "" }, { ...phone(), ip })).status).toBe(201);
    expect((await postForm(page, { text: "小区电梯经常坏 又一次", website: "" }, { ...phone(), ip })).status).toBe(429);
    // A script without cookies is limited by IP all the same.
    expect((await postForm(page, { text: "小区电梯经常坏 脚本", website: "" }, { ip })).status).toBe(429);
    clock += 61 * 60_000;
    expect((await postForm(page, { text: "小区电梯经常坏 一小时后", website: "" }, { ...phone(), ip })).status).toBe(201);
  });

  it("drops honeypot submissions behind a normal-looking thank-you", async () => {
    const before = await t.app.db.opinion.count();
    const res = await postForm(page, { text: "优惠贷款，点击链接 http://spam.example", website: "http://spam.example" }, phone());
    expect(res.status).toBe(200);
    expect(res.body).toContain("已收到");
    expect(res.body).not.toContain("编号");
    expect(res.body).not.toContain("/f/");
    expect(await t.app.db.opinion.count()).toBe(before);
    expect(await t.app.db.codeSubmission.count({ where: { outcome: "honeypot" } })).toBe(1);
  });

  it("refuses oversized bodies and over-long text in Chinese", async () => {
    const huge = await postForm(page, { text: "长".repeat(20_000), website: "" }, phone());
    expect(huge.status).toBe(413);
    expect(huge.body).toContain("内容太长");
    const long = await postForm(page, { text: "长".repeat(201), website: "" }, phone());
    expect(long.status).toBe(400);
    expect(long.body).toContain("超过 200 字");
  });

  it("stores text with NUL and control characters cleaned, instead of failing on them", async () => {
    const res = await postForm(page, { text: "村口\u0000路灯\u0007不亮了，晚上看不见", place: "村口\u0000", website: "" }, phone());
    expect(res.status).toBe(201);
    const o = await t.app.db.opinion.findFirst({ where: { number: numberIn(res.body) } });
    expect(o?.text).toContain("村口路灯不亮了，晚上看不见");
  });
});

describe("公示 /s/<stationId>", () => {
  it("lists handled matters of the station, masked, until staff switch it off", async () => {
    const res = await postForm(page, { text: "村口积水严重，联系人电话13987654321", website: "" }, phone());
    const n = numberIn(res.body);
    // A 代表码 matter is off the public pages unless staff show it (tests/code/public-display.test.ts).
    await t.app.db.opinion.update({
      where: { number: n },
      data: { status: "CLOSED", resultClass: "A", resultText: "已疏通", closedAt: new Date(clock), publicHidden: false },
    });

    const open = await getPage(`${t.baseUrl}/s/${roster.east.id}`);
    expect(open.status).toBe(200);
    expect(open.body).toContain("东风镇代表联络站 意见建议办理公示");
    expect(open.body).toContain(`#${n}`);
    expect(open.body).toContain("139****4321");
    expect(open.body).not.toContain("13987654321");
    expect(open.body).toContain("A类（已解决或基本解决）");
    expect(open.body).not.toContain("小区电梯经常坏 第0次"); // not handled yet
    expect((await getPage(page)).body).toContain("本站近期办结的事项");

    expect((await admin(t.baseUrl, "PUT", `/api/stations/${roster.east.id}/public-disclosure`, { enabled: false })).body).toEqual({
      id: roster.east.id,
      publicDisclosure: false,
    });
    const off = await getPage(`${t.baseUrl}/s/${roster.east.id}`);
    expect(off.status).toBe(404);
    expect(off.body).not.toContain("东风镇");
    expect((await getPage(page)).body).not.toContain("本站近期办结的事项");

    expect((await admin(t.baseUrl, "PUT", `/api/stations/${roster.east.id}/public-disclosure`, { enabled: "yes" })).status).toBe(400);
    expect((await admin(t.baseUrl, "PUT", "/api/stations/9999/public-disclosure", { enabled: true })).status).toBe(404);
    expect((await getPage(`${t.baseUrl}/s/abc`)).status).toBe(404);
  });
});
