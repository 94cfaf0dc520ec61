import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScenario, type Scenario } from "./scenario.ts";
import { createJobs } from "../../src/jobs/index.ts";
import { admin } from "../helpers/test-app.ts";

let s: Scenario;
const n: Record<string, number> = {};

beforeAll(async () => {
  s = await startScenario();
  const { g, raise, sayAt } = s;
  // Week 47 (Nov 16–22): older matters.
  n.road = await raise("2026-11-17 10:00", g.dongfeng, "v-zhang", "#道路交通 村口道路坑洼不平，雨天积水");
  await sayAt("2026-11-17 10:05", g.dongfeng, "dep-wang", `认领 ${n.road}`);
  await sayAt("2026-11-17 10:06", g.dongfeng, "dep-wang", `转办 ${n.road} 县交通运输局 5天`); // due Nov 24 → overdue by Nov 30
  n.bins = await raise("2026-11-18 10:00", g.dongfeng, "v-li", "#环境卫生 垃圾桶满了没人清理，联系电话13812345678");
  n.canal = await raise("2026-11-20 10:00", g.xishan, "v-wu", "#农业农村 灌溉水渠堵塞，影响浇地");
  await sayAt("2026-11-20 11:00", g.xishan, "dep-sun", `当场答复 ${n.canal} 已组织村民清淤`);
  // Week 48 (Nov 23–29): reported on Monday Nov 30.
  n.lamp = await raise("2026-11-23 10:00", g.dongfeng, "v-zhang", "#道路交通 路灯不亮，晚上出行不便");
  await sayAt("2026-11-24 09:00", g.dongfeng, "dep-wang", `答复 ${n.lamp} 已联系供电所查看线路`);
  n.river = await raise("2026-11-24 10:00", g.dongfeng, "v-zhao", "#环境卫生 河道里有很多垃圾，气味难闻");
  await sayAt("2026-11-25 10:00", g.dongfeng, "dep-wang", `办结 ${n.bins} A 已安排每天清运，有事打13812345678`);
  n.school = await raise("2026-11-25 11:00", g.dongfeng, "v-li", "#教育 学校门口没有斑马线，孩子过马路危险");
  await sayAt("2026-11-26 09:00", g.dongfeng, "v-li", `评价 ${n.bins} 满意`);
  await sayAt("2026-11-26 10:00", g.dongfeng, "dep-zhao", `办结 ${n.river} C 因资金限制暂不能整治，明年安排`);
  n.clinic = await raise("2026-11-26 10:00", g.xishan, "v-wu", "#医疗卫生 村卫生室经常缺常用药");
  await sayAt("2026-11-27 09:00", g.dongfeng, "dep-wang", `办结 ${n.lamp} B 已列入明年路灯改造计划`);
  await sayAt("2026-11-27 10:00", g.dongfeng, "v-zhao", `评价 ${n.river} 不满意 还是很脏`); // reopened
  await sayAt("2026-11-27 11:00", g.xishan, "dep-sun", `答复 ${n.clinic} 已协调镇卫生院每周补药`);
  await sayAt("2026-11-28 10:00", g.dongfeng, "v-zhang", `评价 ${n.lamp} 基本满意`);
  n.bus = await raise("2026-11-29 20:00", g.dongfeng, "v-zhang", "#道路交通 公交站牌被车撞坏了");
  // Monday morning, before the post: not last week's, but in hand now.
  n.newer = await raise("2026-11-30 08:00", g.dongfeng, "v-li", "#环境卫生 新建小区门口垃圾堆放");
}, 120_000);
afterAll(async () => s?.t.stop());

describe("weekly group summary (Monday 09:00)", () => {
  it("posts each village group's exact figures for last week, once", async () => {
    s.clock.set("2026-11-30 09:00");
    const result = await s.t.app.jobs.run("weekly-summary", { trigger: "test" });
    expect(result).toEqual({ ran: 3, skipped: 0, failed: 0 });

    const [east] = await s.posts(s.g.dongfeng, "【每周汇总】");
    expect(east).toContain("东风村村民群 11月23日—11月29日");
    expect(east).toContain("新增意见 4 件：道路交通 2、");
    expect(east).toMatch(/教育 1/);
    expect(east).toMatch(/环境卫生 1/);
    expect(east).toContain("办理中 5 件（超期 1 件）");
    expect(east).toContain("上周答复 1 件，办结 2 件（A类 1、B类 1）");
    expect(east).toContain("群众评价 3 件：满意 1、基本满意 1、不满意 1，满意率 67%");
    expect(east).toContain(`- #${n.bins} 环境卫生 A类：已安排每天清运，有事打138****5678`);
    expect(east).toContain(`- #${n.lamp} 道路交通 B类：已列入明年路灯改造计划`);
    expect(east).not.toContain("13812345678");
    expect(east).not.toMatch(/张|v-zhang|v-li/);
    expect(east).toContain("本群代表：王建国、赵丽");
    expect(east).toContain("下次接待日：12月10日（周四） 09:00-11:30，东风村委会二楼");
    expect(east).toContain("「意见 + 具体内容」");
    expect(east.split("\n").length).toBeLessThanOrEqual(16);

    const [west] = await s.posts(s.g.xishan, "【每周汇总】");
    expect(west).toContain("新增意见 1 件：医疗卫生 1");
    expect(west).toContain("办理中 0 件（超期 0 件）");
    expect(west).toContain("上周答复 1 件，办结 0 件");
    expect(west).not.toContain("群众评价");
    expect(west).toContain("本群代表：孙强");
    expect(west).not.toContain("下次接待日");

    const quiet = await s.posts(s.g.hongqi, "【每周汇总】");
    expect(quiet).toHaveLength(1);
    expect(quiet[0]).toContain("本周无新增意见建议");
    // Staff and admin groups get their own summaries, not the village one.
    expect(await s.posts(s.g.staff, "【每周汇总】")).toHaveLength(0);
    expect(await s.posts(s.g.admins, "【每周汇总】")).toHaveLength(0);

    const runs = await s.t.app.db.jobRun.findMany({ where: { job: "weekly-summary" }, orderBy: { key: "asc" } });
    expect(runs.map((r) => r.key)).toContain("weekly-summary:2026-W48:group-1");
  });

  it("does not post again for the same week: re-run and a second engine on the same database", async () => {
    s.clock.set("2026-11-30 10:30");
    expect(await s.t.app.jobs.run("weekly-summary")).toEqual({ ran: 0, skipped: 3, failed: 0 });
    const other = createJobs({ db: s.t.app.db, config: s.t.app.config, logger: s.t.app.logger, core: s.t.app.core, now: s.clock.now, owner: "other" });
    const [a, b] = await Promise.all([other.run("weekly-summary"), s.t.app.jobs.run("weekly-summary")]);
    expect(a.ran + b.ran).toBe(0);
    for (const group of [s.g.dongfeng, s.g.xishan, s.g.hongqi]) expect(await s.posts(group, "【每周汇总】")).toHaveLength(1);
  });

  it("posts the next week under a new key, and 周报 posts the latest summary now", async () => {
    s.clock.set("2026-12-07 09:00");
    const other = createJobs({ db: s.t.app.db, config: s.t.app.config, logger: s.t.app.logger, core: s.t.app.core, now: s.clock.now, owner: "other" });
    const [a, b] = await Promise.all([other.run("weekly-summary"), s.t.app.jobs.run("weekly-summary")]);
    expect(a.ran + b.ran).toBe(3);
    expect(a.skipped + b.skipped).toBe(3);
    const east = await s.posts(s.g.dongfeng, "【每周汇总】");
    expect(east).toHaveLength(2);
    expect(east[1]).toContain("11月30日—12月6日");
    expect(east[1]).toContain("新增意见 1 件：环境卫生 1");

    expect(await s.sayAt("2026-12-08 15:00", s.g.dongfeng, "v-zhang", "周报")).toContain("仅限联络站工作人员");
    await s.sayAt("2026-12-08 15:00", s.g.dongfeng, "staff-liu", "周报");
    const now = await s.posts(s.g.dongfeng, "【每周汇总】");
    expect(now).toHaveLength(3);
    expect(now[2]).toContain("11月30日—12月6日");
    // In the station staff group it is the station's summary; in the administrators' group, the county's.
    await s.sayAt("2026-12-08 15:01", s.g.staff, "staff-liu", "周报");
    const [station] = await s.posts(s.g.staff, "【站点周报】");
    expect(station).toContain("东风镇代表联络站 11月30日—12月6日");
    expect(station).toContain("新增 1 件 · 办理中 5 件（超期 1 件）");
    await s.sayAt("2026-12-08 15:02", s.g.admins, "admin-chen", "周报");
    expect((await s.posts(s.g.admins, "【全县周报】")).at(-1)).toContain("【全县周报】11月30日—12月6日");
  });
});

describe("station and county summaries for staff (Monday 09:30)", () => {
  it("posts each station's figures to its staff group and the county's to the administrators", async () => {
    s.clock.set("2026-11-30 09:30");
    expect(await s.t.app.jobs.run("staff-summary")).toEqual({ ran: 2, skipped: 0, failed: 0 });
    // (The staff group also holds the 周报 the station head asked for above, for a later week.)
    const east = (await s.posts(s.g.staff, "【站点周报】")).find((p) => p.includes("11月23日—11月29日"))!;
    expect(east.split("\n")).toEqual([
      "【站点周报】东风镇代表联络站 11月23日—11月29日",
      "新增 4 件 · 办理中 5 件（超期 1 件）",
      "答复 1 件 · 办结 2 件（A类 1、B类 1） · 按时办结率 100%",
      "评价 3 件（满意 1、基本满意 1、不满意 1） · 满意率 67%",
      "超期最久：",
      `- #${n.road} 道路交通「村口道路坑洼不平，雨天积水」县交通运输局，王建国，超期 4 个工作日`,
      "代表办理：王建国 答复 1、办结 2；赵丽 答复 0、办结 0",
    ]);
    const county = (await s.posts(s.g.admins, "【全县周报】")).find((p) => p.includes("11月23日—11月29日"))!;
    expect(county).toContain("新增 5 件 · 办理中 5 件（超期 1 件）");
    expect(county).toContain("答复 2 件 · 办结 2 件（A类 1、B类 1） · 按时办结率 100%");
    expect(county).toContain("- 东风镇代表联络站：新增 4，办理中 5（超期 1），办结 2，按时 100%，满意率 67%");
    expect(county).toContain("- 西山镇代表联络站：新增 1，办理中 0（超期 0），办结 0，按时 —，满意率 —");
    expect(await s.posts(s.g.dongfeng, "【站点周报】")).toHaveLength(0);
  });
});

describe("monthly report (the 1st, 09:00)", () => {
  it("gives the administrators last month per station with each deputy's activity", async () => {
    s.clock.set("2026-12-01 09:00");
    expect(await s.t.app.jobs.run("monthly-report")).toEqual({ ran: 1, skipped: 0, failed: 0 });
    const [report] = await s.posts(s.g.admins, "【月报】");
    expect(report).toContain("【月报】2026年11月");
    expect(report).toContain("东风镇代表联络站\n新增 7 件 · 办理中 5 件（超期 1 件）");
    expect(report).toContain("- 王建国：认领 1，答复 1，办结 2，接待日 1 次");
    expect(report).toContain("- 赵丽：认领 0，答复 0，办结 0，接待日 0 次");
    expect(report).toContain("- 孙强：认领 0，答复 2，办结 1，接待日 0 次");
    expect(await s.t.app.jobs.run("monthly-report")).toEqual({ ran: 0, skipped: 1, failed: 0 });
  });
});

describe("rating reminder", () => {
  it("reminds the submitter of a closed, unrated matter once, after 3 days", async () => {
    s.clock.set("2026-11-30 10:00");
    expect(await s.t.app.jobs.run("rating-reminder")).toEqual({ ran: 1, skipped: 0, failed: 0 });
    s.clock.set("2026-12-01 10:00");
    expect(await s.t.app.jobs.run("rating-reminder")).toEqual({ ran: 0, skipped: 1, failed: 0 });
    await s.t.app.outbox.drain();
    const lines = (await s.g.xishan.transcript()).filter((l) => l.text.includes("【请您评价】"));
    expect(lines).toHaveLength(1);
    expect(lines[0].text).toContain(`#${n.canal}`);
    expect(lines[0].text).toContain(`评价 ${n.canal} 满意/基本满意/不满意`);
    const row = await s.t.app.db.outboxMessage.findFirstOrThrow({ where: { chatId: "xishan", dedupeKey: { startsWith: "rating-reminder:" } } });
    expect((row.payload as any).mentions).toEqual(["v-wu"]);
    expect((row.payload as any).buttons.map((b: any) => b.label)).toEqual(["满意", "基本满意", "不满意"]);
    // Matters rated already, or closed under 3 days ago, get nothing.
    expect(await s.posts(s.g.dongfeng, "【请您评价】")).toHaveLength(0);
  });
});

describe("reception-day reminder (the day before)", () => {
  it("reminds the station's village groups the day before, with place, time and deputies on duty", async () => {
    s.clock.set("2026-12-08 09:00");
    expect((await s.t.app.jobs.run("reception-reminder")).ran).toBe(0);
    s.clock.set("2026-12-09 09:00");
    expect(await s.t.app.jobs.run("reception-reminder")).toEqual({ ran: 2, skipped: 0, failed: 0 });
    const [r] = await s.posts(s.g.dongfeng, "【选民接待日】");
    expect(r).toContain("明天 12月10日（周四） 09:00-11:30");
    expect(r).toContain("地点：东风村委会二楼（东风镇代表联络站）");
    expect(r).toContain("接待代表：王建国");
    expect(r).not.toContain("赵丽");
    expect(await s.posts(s.g.hongqi, "【选民接待日】")).toHaveLength(1);
    expect(await s.posts(s.g.staff, "【选民接待日】")).toHaveLength(0);
  });

  it("moves a reception day off a public holiday unless the station keeps it", async () => {
    const put = (body: object) =>
      admin(s.t.baseUrl, "PUT", `/api/stations/${s.roster.west.id}/reception-schedule`, {
        kind: "monthly",
        day: 1,
        time: "14:00-16:00",
        place: "西山村党群服务中心",
        deputyIds: [],
        ...body,
      });
    expect((await put({ holidayRule: "next-workday" })).status).toBe(200);
    s.clock.set("2026-09-30 09:00");
    expect((await s.t.app.jobs.run("reception-reminder")).ran).toBe(0);
    s.clock.set("2026-10-07 09:00");
    expect((await s.t.app.jobs.run("reception-reminder")).ran).toBe(1);
    const [r] = await s.posts(s.g.xishan, "【选民接待日】");
    expect(r).toContain("明天 10月8日（周四） 14:00-16:00");
    expect(r).toContain("接待代表：孙强");

    expect((await put({ holidayRule: "keep" })).status).toBe(200);
    s.clock.set("2026-08-31 09:00");
    expect((await s.t.app.jobs.run("reception-reminder")).ran).toBe(1);
    s.clock.set("2026-09-30 09:00");
    expect((await s.t.app.jobs.run("reception-reminder")).ran).toBe(1);
    expect((await s.posts(s.g.xishan, "【选民接待日】")).at(-1)).toContain("明天 10月1日（周四）");
  });
});
