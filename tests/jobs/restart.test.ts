// Exactly once across restarts: a Monday missed while the service was down is caught up at start-up
// the same day, once; a stale one is skipped with a log line. A failing group does not stop the others.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createJobEngine } from "../../src/jobs/engine.ts";
import { dropTestSchema, startTestApp } from "../helpers/test-app.ts";
import { SimGroup } from "../helpers/sim-group.ts";
import { capturingLogger } from "../helpers/logs.ts";
import { waitUntil } from "../helpers/wait.ts";
import { Clock, startScenario } from "./scenario.ts";
import { trusted } from "../../src/domain/rich-text.ts";

const dataDir = mkdtempSync(path.join(tmpdir(), "renda-jobs-restart-"));
let schema: string | undefined;
afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await dropTestSchema(schema);
});

const captureLogs = () => capturingLogger({ level: "info", redacting: true });

async function restartAt(local: string) {
  const clock = new Clock("2026-01-01T00:00:00Z");
  clock.set(local);
  const logs = captureLogs();
  const t = await startTestApp({ DATA_DIR: dataDir, JOBS_ENABLED: "true" }, { now: clock.now, logger: logs.logger, schema, keepSchema: true });
  // start() begins the catch-up in the background; waiting on it again is a no-op re-run that claims nothing.
  await t.app.jobs.catchUp();
  await t.app.outbox.drain();
  return { t, logs };
}

const weeklyPosts = async (baseUrl: string, chatId: string) =>
  (await new SimGroup(baseUrl, chatId).transcript()).filter((l) => l.direction === "out" && l.text.includes("【每周汇总】"));

describe("catch-up after downtime", () => {
  it("posts a Monday summary missed between 08:00 and 11:00 once, and skips a stale one with a log line", async () => {
    const s = await startScenario({ DATA_DIR: dataDir }, { start: "2026-11-23 08:00", keepSchema: true });
    schema = s.t.schema;
    await s.raise("2026-11-24 10:00", s.g.dongfeng, "v-zhang", "#道路交通 路灯不亮");
    s.clock.set("2026-11-30 08:00");
    await s.t.stop(); // down over the 09:00 firing

    let run = await restartAt("2026-11-30 11:00");
    expect(await weeklyPosts(run.t.baseUrl, "dongfeng")).toHaveLength(1);
    expect((await weeklyPosts(run.t.baseUrl, "dongfeng"))[0].text).toContain("新增意见 1 件：道路交通 1");
    expect(await weeklyPosts(run.t.baseUrl, "hongqi")).toHaveLength(1);
    expect(run.logs.records().some((l) => l.job === "weekly-summary" && l.trigger === "catch-up" && l.ran === 3)).toBe(true);
    await run.t.stop();

    run = await restartAt("2026-11-30 14:00"); // a second restart the same day posts nothing more
    expect(await weeklyPosts(run.t.baseUrl, "dongfeng")).toHaveLength(1);
    await run.t.stop();

    run = await restartAt("2026-12-08 10:00"); // Monday Dec 7 was missed entirely: too late for a "weekly" post
    expect(await weeklyPosts(run.t.baseUrl, "dongfeng")).toHaveLength(1);
    const stale = run.logs.records().find((l) => l.job === "weekly-summary" && /已过时/.test(l.msg));
    expect(stale).toMatchObject({ level: 40, period: "2026-W49" });
    expect(await run.t.app.db.jobRun.findUnique({ where: { key: "weekly-summary:2026-W49" } })).toMatchObject({ status: "skipped" });
    const logged = run.logs.records().filter((l) => /已过时/.test(l.msg ?? "") && l.job === "weekly-summary").length;
    await run.t.stop();

    run = await restartAt("2026-12-08 11:00"); // logged once, not at every restart
    expect(run.logs.records().filter((l) => /已过时/.test(l.msg ?? "") && l.job === "weekly-summary")).toHaveLength(0);
    expect(logged).toBe(1);
    await run.t.stop();
  }, 120_000);
});

describe("first start", () => {
  it("does not warn about periods before the service existed", async () => {
    const logs = captureLogs();
    const clock = new Clock("2026-12-02T02:00:00Z"); // Wednesday: Monday's summary is long past
    const t = await startTestApp({}, { now: clock.now, logger: logs.logger });
    try {
      await t.app.jobs.catchUp();
      expect(logs.records().filter((l) => /已过时/.test(l.msg ?? ""))).toEqual([]);
      expect(logs.records().some((l) => l.job === "weekly-summary" && /首次启用/.test(l.msg))).toBe(true);
      expect(await t.app.db.jobRun.findUnique({ where: { key: "weekly-summary:2026-W48" } })).toMatchObject({ status: "skipped", detail: "首次启用，未补发" });
    } finally {
      await t.stop();
    }
  });
});

describe("a failing group", () => {
  it("is logged with the group and does not stop the others; the next run retries it", async () => {
    const logs = captureLogs();
    const clock = new Clock("2026-11-30T01:00:00Z");
    const t = await startTestApp({}, { now: clock.now });
    try {
      let broken = true;
      const job = {
        name: "probe",
        title: "测试",
        schedule: "0 9 * * 1",
        catchUpDays: 0,
        period: () => "2026-W48",
        plan: async () =>
          [1, 2, 3].map((id) => ({
            key: `probe:2026-W48:group-${id}`,
            label: `group ${id}`,
            build: () => {
              if (id === 2 && broken) throw new Error("渠道配置有误");
              return [
                { platform: "simulator", chatId: `g${id}`, chatType: "group" as const, kind: "post" as const, message: { body: trusted(`hello ${id}`) } },
              ];
            },
          })),
      };
      const engine = createJobEngine({
        db: t.app.db,
        config: t.app.config,
        logger: logs.logger,
        core: t.app.core,
        now: clock.now,
        tz: "Asia/Shanghai",
        jobs: [job],
      });
      expect(await engine.run("probe")).toEqual({ ran: 2, skipped: 0, failed: 1 });
      const error = logs.records().find((l) => l.level === 50);
      expect(error).toMatchObject({ job: "probe", target: "group 2", key: "probe:2026-W48:group-2" });
      expect(await t.app.db.jobRun.findUnique({ where: { key: "probe:2026-W48:group-2" } })).toMatchObject({ status: "failed", detail: "渠道配置有误" });
      expect(await t.app.db.outboxMessage.count({ where: { dedupeKey: { startsWith: "probe:" } } })).toBe(2);
      const [status] = await engine.status();
      expect(status.lastRuns.map((r) => [r.key, r.status]).sort()).toEqual([
        ["probe:2026-W48", "failed"],
        ["probe:2026-W48:group-2", "failed"],
      ]);
      broken = false;
      expect(await engine.run("probe")).toEqual({ ran: 1, skipped: 2, failed: 0 });
      expect(await t.app.db.outboxMessage.count({ where: { dedupeKey: { startsWith: "probe:" } } })).toBe(3);
    } finally {
      await t.stop();
    }
  });
});

describe("node-cron", () => {
  it("fires a job on its schedule in the background once JOBS_ENABLED", async () => {
    const logs = captureLogs();
    const t = await startTestApp({ JOBS_ENABLED: "true", JOB_RATING_REMINDER_CRON: "* * * * * *" }, { logger: logs.logger });
    try {
      const fired = () => logs.records().some((l) => l.job === "rating-reminder" && l.trigger === "schedule" && l.msg === "job run finished");
      await waitUntil(fired, 5_000, "a scheduled run");
      expect(fired()).toBe(true);
      // Message handling goes on meanwhile.
      expect(await new SimGroup(t.baseUrl, "g").say("u1", "帮助")).toContain("意见");
    } finally {
      await t.stop();
    }
  });
});
