import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin, startTestApp, type TestApp } from "../helpers/test-app.ts";
import { SimGroup, numberIn } from "../helpers/sim-group.ts";
import { seedRoster } from "../helpers/roster.ts";

let t: TestApp;
let group: SimGroup;
// Monday 2026-11-23, 10:00 in Beijing.
const now = new Date("2026-11-23T02:00:00Z");

beforeAll(async () => {
  t = await startTestApp({}, { now: () => now });
  await seedRoster(t.baseUrl);
  group = new SimGroup(t.baseUrl, "settings-village");
  await group.say("staff-liu", "绑定本群 东风镇代表联络站");
});
afterAll(async () => t?.stop());

const due = async (n: number) => (await admin(t.baseUrl, "GET", `/api/opinions/${n}`)).body.dueDate;

describe("staff-maintained rules", () => {
  it("counts 13 working days by default and honours a holiday staff add", async () => {
    const a = numberIn(await group.say("villager-1", "意见 村里垃圾桶太少了，垃圾乱扔"));
    expect(await due(a)).toBe("2026-12-10");
    expect((await admin(t.baseUrl, "PUT", "/api/calendar-days/2026-11-24", { isWorkday: false, note: "临时停工" })).status).toBe(200);
    const b = numberIn(await group.say("villager-2", "意见 村卫生室没有常用药，老人看病要跑镇上"));
    expect(await due(b)).toBe("2026-12-11");
    expect((await admin(t.baseUrl, "DELETE", "/api/calendar-days/2026-11-24")).status).toBe(204);
    expect((await admin(t.baseUrl, "PUT", "/api/calendar-days/2026-13-01", { isWorkday: false })).status).toBe(400);
  });

  it("uses a category's own deadline and the keywords staff add", async () => {
    await admin(t.baseUrl, "PUT", `/api/categories/${encodeURIComponent("道路交通")}`, { deadlineDays: 3 });
    const c = numberIn(await group.say("villager-3", "意见 村口公交站的站牌倒了"));
    expect(await due(c)).toBe("2026-11-26");

    const before = await group.say("villager-4", "意见 光伏板反光晃眼睛");
    expect(before).toContain("分类：其他");
    const put = await admin(t.baseUrl, "PUT", `/api/categories/${encodeURIComponent("水电气暖")}`, { keywords: ["光伏"] });
    expect(put.body.keywords).toEqual(["光伏"]);
    expect(await group.say("villager-4", "意见 光伏板坏了没人修")).toContain("分类：水电气暖");
    expect((await admin(t.baseUrl, "PUT", `/api/categories/${encodeURIComponent("水电气暖")}`, { deadlineDays: 0 })).status).toBe(400);
  });
});
