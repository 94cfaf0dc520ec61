import { describe, expect, it } from "vitest";
import { parseCommand } from "../../../src/bot/parse.ts";
import { loadConfig } from "../../../src/config.ts";

describe("job commands and settings", () => {
  it("parses 设置本群用途 and 周报", () => {
    expect(parseCommand("设置本群用途 站点工作群", true)).toEqual({ name: "setPurpose", purpose: "station-staff" });
    expect(parseCommand("设置本群用途：管理员群", true)).toEqual({ name: "setPurpose", purpose: "admin" });
    expect(parseCommand("设置本群用途 村民群", true)).toEqual({ name: "setPurpose", purpose: "village" });
    expect(parseCommand("设置本群用途 随便", true)).toMatchObject({ name: "usage", message: expect.stringContaining("站点工作群") });
    expect(parseCommand("@助手 周报", true)).toEqual({ name: "weekly" });
    expect(parseCommand("周报", false)).toBeUndefined();
  });

  it("has the documented defaults and rejects a bad cron expression in one Chinese line", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      JOBS_ENABLED: true,
      JOB_WEEKLY_CRON: "0 9 * * 1",
      JOB_STAFF_SUMMARY_CRON: "30 9 * * 1",
      JOB_ESCALATE_CRON: "0 9 * * *",
      JOB_MONTHLY_CRON: "0 9 1 * *",
      WEEKLY_EMPTY_POST: true,
      WEEKLY_COMMAND_TARGET: "group",
      RATING_REMINDER_DAYS: 3,
      ESCALATE_OVERDUE_DAYS: 5,
    });
    expect(() => loadConfig({ JOB_WEEKLY_CRON: "every monday" })).toThrow(/JOB_WEEKLY_CRON="every monday" 应为 cron 表达式/);
    expect(() => loadConfig({ WEEKLY_COMMAND_TARGET: "all" })).toThrow(/WEEKLY_COMMAND_TARGET/);
    expect(() => loadConfig({ ESCALATE_OVERDUE_DAYS: "0" })).toThrow(/ESCALATE_OVERDUE_DAYS/);
  });
});
