// 督办 across 国庆节 2026: Oct 1–7 are holidays, Saturday Oct 10 is a 调休 working day.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScenario, type Scenario } from "./scenario.ts";

let s: Scenario;
const n: Record<string, number> = {};

beforeAll(async () => {
  s = await startScenario({}, { start: "2026-09-20 08:00" });
  const { g, raise, sayAt } = s;
  n.rail = await raise("2026-09-24 10:00", g.dongfeng, "v-zhang", "#道路交通 桥面护栏松动，电话13912340000");
  await sayAt("2026-09-24 10:05", g.dongfeng, "dep-wang", `认领 ${n.rail}`);
  await sayAt("2026-09-24 10:06", g.dongfeng, "dep-wang", `转办 ${n.rail} 县交通运输局 3天`); // 9/25–27 中秋 → due 9/30
  n.wire = await raise("2026-09-28 10:00", g.dongfeng, "v-li", "#水电气暖 电线乱拉存在隐患");
  await sayAt("2026-09-28 10:05", g.dongfeng, "staff-liu", `转办 ${n.wire} 县供电公司 2天`); // no deputy → due 9/30
  n.ditch = await raise("2026-09-24 11:00", g.xishan, "v-wu", "#农业农村 排水沟堵了");
  await sayAt("2026-09-24 11:05", g.xishan, "dep-sun", `转办 ${n.ditch} 县交通运输局 2天`); // due 9/29
  n.pole = await raise("2026-10-09 08:00", g.dongfeng, "v-zhao", "#水电气暖 电线杆倾斜");
  await sayAt("2026-10-09 08:05", g.dongfeng, "dep-wang", `转办 ${n.pole} 县供电公司 1天`); // due Saturday 10/10 (调休)
}, 120_000);
afterAll(async () => s?.t.stop());

const run = async (at: string) => {
  s.clock.set(at);
  return s.t.app.jobs.run("overdue", { trigger: "test" });
};
const wang = () => s.posts(s.deputyChat("dep-wang"), "【督办提醒】");
const sun = () => s.posts(s.deputyChat("dep-sun"), "【督办提醒】");

describe("督办 (every working day 09:00)", () => {
  it("lists overdue matters in working days across the holiday, and the last-day reminder", async () => {
    expect(await run("2026-10-09 09:00")).toEqual({ ran: 3, skipped: 0, failed: 0 });
    const [w] = await wang();
    expect(w).toContain("王建国代表");
    expect(w).toContain(`#${n.rail} 道路交通「桥面护栏松动，电话13912340000」承办：县交通运输局，已超期 2 个工作日（时限 9月30日）`);
    expect(w).toContain("还剩 1 个工作日到期");
    expect(w).toContain(`#${n.pole} 水电气暖「电线杆倾斜」承办：县供电公司，明天到期（时限 10月10日）`);
    expect(w).not.toContain(`#${n.wire} `);
    const [x] = await sun();
    expect(x).toContain(`#${n.ditch} 农业农村「排水沟堵了」承办：县交通运输局，已超期 3 个工作日（时限 9月29日）`);

    const [staff] = await s.posts(s.g.staff, "【督办】");
    expect(staff).toContain("东风镇代表联络站 超期事项 2 件");
    expect(staff).toContain(`#${n.rail} 道路交通「桥面护栏松动，电话139****0000」承办：县交通运输局，督办代表：王建国，已超期 2 个工作日`);
    expect(staff).toContain(`#${n.wire} 水电气暖「电线乱拉存在隐患」承办：县供电公司，已超期 2 个工作日`);
    expect(staff).not.toContain(`#${n.pole} `);
    expect(await s.posts(s.g.admins, "【督办升级】")).toHaveLength(0);
    // Village groups never get 督办 lists.
    expect(await s.posts(s.g.dongfeng, "督办")).toHaveLength(0);
  });

  it("does not repeat a matter the same day", async () => {
    expect(await run("2026-10-09 15:00")).toEqual({ ran: 0, skipped: 3, failed: 0 });
    expect(await wang()).toHaveLength(1);
    expect(await s.posts(s.g.staff, "【督办】")).toHaveLength(1);
  });

  it("runs on the 调休 Saturday and not on Sunday", async () => {
    expect((await run("2026-10-10 09:00")).ran).toBe(3);
    const w = await wang();
    expect(w).toHaveLength(2);
    expect(w[1]).toContain(`#${n.rail} 道路交通「桥面护栏松动，电话13912340000」承办：县交通运输局，已超期 3 个工作日`);
    expect(w[1]).not.toContain(`#${n.pole} `); // due today: not overdue yet, and no longer "1 day left"
    expect(await run("2026-10-11 09:00")).toEqual({ ran: 0, skipped: 0, failed: 0 });
    expect(await wang()).toHaveLength(2);
  });

  it("escalates matters overdue by more than 5 working days to the administrators", async () => {
    await run("2026-10-13 09:00");
    let admins = await s.posts(s.g.admins, "【督办升级】");
    expect(admins).toHaveLength(1);
    expect(admins[0]).toContain("超期超过 5 个工作日的事项 1 件");
    expect(admins[0]).toContain(`#${n.ditch} 农业农村「排水沟堵了」承办：县交通运输局，督办代表：孙强，已超期 6 个工作日（时限 9月29日）（西山镇代表联络站）`);
    expect(admins[0]).not.toContain(`#${n.rail} `); // exactly 5: not yet

    await run("2026-10-14 09:00");
    admins = await s.posts(s.g.admins, "【督办升级】");
    expect(admins).toHaveLength(2);
    expect(admins[1]).toContain("事项 3 件");
    expect(admins[1]).toContain(`#${n.rail} 道路交通「桥面护栏松动，电话139****0000」`);
    expect(admins[1]).toContain("已超期 6 个工作日");
    const w = await wang();
    expect(w.at(-1)).toContain(`#${n.pole} 水电气暖「电线杆倾斜」承办：县供电公司，已超期 3 个工作日（时限 10月10日）`);
  });

  it("stops chasing a matter once it is answered", async () => {
    await s.sayAt("2026-10-14 10:00", s.g.dongfeng, "dep-wang", `答复 ${n.rail} 护栏已加固`);
    await run("2026-10-15 09:00");
    expect((await wang()).at(-1)).not.toContain(`#${n.rail} `);
  });
});
