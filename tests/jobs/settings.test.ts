// WEEKLY_EMPTY_POST=false: a quiet group gets nothing. WEEKLY_COMMAND_TARGET=staff: 周报 goes privately to the asker.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScenario, type Scenario } from "./scenario.ts";

let s: Scenario;
beforeAll(async () => {
  s = await startScenario({ WEEKLY_EMPTY_POST: "false", WEEKLY_COMMAND_TARGET: "staff" }, { start: "2026-11-20 08:00" });
  await s.raise("2026-11-24 10:00", s.g.dongfeng, "v-zhang", "#道路交通 路灯不亮");
}, 60_000);
afterAll(async () => s?.t.stop());

describe("weekly summary settings", () => {
  it("posts nothing to a group with nothing to report", async () => {
    s.clock.set("2026-11-30 09:00");
    await s.t.app.jobs.run("weekly-summary");
    expect(await s.posts(s.g.dongfeng, "【每周汇总】")).toHaveLength(1);
    expect(await s.posts(s.g.hongqi, "【每周汇总】")).toHaveLength(0);
    expect(await s.posts(s.g.xishan, "【每周汇总】")).toHaveLength(0);
  });

  it("sends 周报 privately to the staff member who asked", async () => {
    expect(await s.sayAt("2026-12-01 15:00", s.g.dongfeng, "staff-liu", "周报")).toContain("已私信发给您");
    const [mine] = await s.posts(s.deputyChat("staff-liu"), "【每周汇总】");
    expect(mine).toContain("东风村村民群 11月23日—11月29日");
    expect(mine).toContain("新增意见 1 件：道路交通 1");
    expect(await s.posts(s.g.dongfeng, "【每周汇总】")).toHaveLength(1);
  });
});
