// A 代表码 matter in the scheduled lists: its supervising deputy reads it in full in their direct chat;
// the station staff group and the administrators' group get its number only, in 督办 and in 周报.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScenario, type Scenario } from "./scenario.ts";
import { postForm } from "../code/helpers.ts";

let s: Scenario;
let road: number;
let code: number;
const PRIVATE = "我家孩子的低保材料被村里压着不给报";

beforeAll(async () => {
  s = await startScenario({}, { start: "2026-11-02 08:00" });
  road = await s.raise("2026-11-02 10:00", s.g.dongfeng, "v-zhang", "#道路交通 村口的路塌了一个坑");
  s.clock.set("2026-11-02 10:10");
  const page = await postForm(`${s.t.baseUrl}/d/${s.roster.wang.slug}`, {
    text: `${PRIVATE}，电话13912340000`,
    category: "农业农村",
    place: "五组",
    phone: "13912340000",
    website: "",
  });
  code = Number(/编号 #(\d+)/.exec(page.body)![1]);
}, 120_000);
afterAll(async () => s?.t.stop());

describe("private matters in scheduled lists", () => {
  it("督办: full text to the deputy, number only in the staff and administrators' groups", async () => {
    s.clock.set("2026-11-30 09:00"); // both are overdue by far more than ESCALATE_OVERDUE_DAYS
    await s.t.app.jobs.run("overdue", { trigger: "test" });
    const [reminder] = await s.posts(s.deputyChat("dep-wang"), "【督办提醒】");
    expect(reminder).toContain(`#${code} 农业农村「${PRIVATE}`);

    const [staff] = await s.posts(s.g.staff, "【督办】");
    expect(staff).toContain(`#${road} 道路交通「村口的路塌了一个坑」`);
    expect(staff).toContain(`#${code} 农业农村（内容见管理端）承办：未转办，督办代表：王建国`);
    expect(staff).not.toContain("低保");
    const [escalated] = await s.posts(s.g.admins, "【督办升级】");
    expect(escalated).toContain(`#${code} 农业农村（内容见管理端）`);
    expect(escalated).not.toContain("低保");
  });

  it("周报: the station and county summaries show it by number only", async () => {
    s.clock.set("2026-11-30 09:30");
    await s.t.app.jobs.run("staff-summary", { trigger: "test" });
    const [station] = await s.posts(s.g.staff, "【站点周报】");
    expect(station).toContain(`#${code} 农业农村（内容见管理端）`);
    expect(station).toContain(`#${road} 道路交通「村口的路塌了一个坑」`);
    const [county] = await s.posts(s.g.admins, "【全县周报】");
    expect(county).toContain(`#${code} 农业农村（内容见管理端）`);
    for (const post of [station, county]) expect(post).not.toContain("低保");
    // Village groups never hear of it.
    await s.t.app.jobs.run("weekly-summary", { trigger: "test" });
    for (const g of [s.g.dongfeng, s.g.hongqi]) expect((await s.posts(g, "")).some((l) => l.includes("低保"))).toBe(false);
  });
});
