// Two instances firing the same schedule at the same moment: exactly one post per group per period.
// On PostgreSQL (TEST_DATABASE_URL) these are two whole apps on one database schema; on the embedded
// database, which one process owns, two job engines share it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PG_URL, dropTestSchema, startTestApp, type TestApp } from "../helpers/test-app.ts";
import { createJobs, type JobEngine } from "../../src/jobs/index.ts";
import { startScenario, type Scenario } from "./scenario.ts";

let s: Scenario;
let second: TestApp | undefined;
let engines: JobEngine[];

beforeAll(async () => {
  s = await startScenario({}, { start: "2026-11-20 08:00", keepSchema: true });
  for (const [i, at] of ["2026-11-23 10:00", "2026-11-24 10:00", "2026-11-25 10:00"].entries()) {
    await s.raise(at, s.g.dongfeng, `v-${i}`, `#道路交通 第${i + 1}处路面破损`);
    await s.raise(at, s.g.xishan, `w-${i}`, `#环境卫生 第${i + 1}处垃圾堆放`);
  }
  await s.sayAt("2026-11-25 11:00", s.g.dongfeng, "dep-wang", "转办 1 县交通运输局 1天"); // overdue by Nov 30
  if (PG_URL) {
    second = await startTestApp({}, { now: s.clock.now, schema: s.t.schema, keepSchema: true });
    engines = [s.t.app.jobs, second.app.jobs];
  } else {
    const { db, config, logger, core } = s.t.app;
    engines = [s.t.app.jobs, createJobs({ db, config, logger, core, now: s.clock.now, owner: "instance-2" })];
  }
}, 120_000);
afterAll(async () => {
  await second?.stop();
  await s?.t.stop();
  await dropTestSchema(s?.t.schema);
});

describe(`two instances on one ${PG_URL ? "PostgreSQL" : "embedded"} database`, () => {
  it("post each group's weekly summary, staff summary and 督办 exactly once", async () => {
    s.clock.set("2026-11-30 09:30");
    const fire = (name: string) => engines.flatMap((e) => [e.run(name, { trigger: "schedule" }), e.run(name, { trigger: "schedule" })]);
    const results = await Promise.all([...fire("weekly-summary"), ...fire("staff-summary"), ...fire("overdue")]);
    const total = (from: number) =>
      results.slice(from, from + 4).reduce((a, r) => ({ ran: a.ran + r.ran, skipped: a.skipped + r.skipped, failed: a.failed + r.failed }));
    expect(total(0)).toEqual({ ran: 3, skipped: 9, failed: 0 }); // three village groups
    expect(total(4)).toEqual({ ran: 2, skipped: 6, failed: 0 }); // east staff group, admins
    expect(total(8)).toEqual({ ran: 2, skipped: 6, failed: 0 }); // deputy 王建国, east staff group

    for (const [group, marker] of [
      [s.g.dongfeng, "【每周汇总】"],
      [s.g.xishan, "【每周汇总】"],
      [s.g.hongqi, "【每周汇总】"],
      [s.g.staff, "【站点周报】"],
      [s.g.admins, "【全县周报】"],
      [s.g.staff, "【督办】"],
    ] as const) {
      expect(await s.posts(group, marker)).toHaveLength(1);
    }
    expect(await s.posts(s.deputyChat("dep-wang"), "【督办提醒】")).toHaveLength(1);
    const claims = await s.t.app.db.jobRun.findMany({ where: { key: { contains: ":group-" } }, select: { owner: true } });
    expect(claims).toHaveLength(6);
    expect((await s.posts(s.g.dongfeng, "【每周汇总】"))[0]).toContain("新增意见 3 件：道路交通 3");
  });
});
