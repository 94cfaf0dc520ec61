import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";

describe("loadConfig", () => {
  it("has working defaults", () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.BOT_TIMEZONE).toBe("Asia/Shanghai");
    expect(c.SIMULATOR_ENABLED).toBe(true);
    expect(c.SEED_DEMO).toBe(true);
    expect(c.DEFAULT_DEADLINE_DAYS).toBe(13);
    expect([c.CODE_RATE_PER_IP, c.CODE_RATE_PER_DEVICE, c.CODE_RATE_WINDOW_MIN, c.CODE_NOTIFY_THROTTLE_MIN]).toEqual([30, 5, 60, 30]);
  });

  it("turns the simulator off on PostgreSQL unless asked", () => {
    expect(loadConfig({ DATABASE_URL: "postgresql://x@localhost/db" }).SIMULATOR_ENABLED).toBe(false);
    expect(loadConfig({ DATABASE_URL: "postgresql://x@localhost/db", SIMULATOR_ENABLED: "true" }).SIMULATOR_ENABLED).toBe(true);
  });

  it.each([
    [{ PORT: "abc" }, /PORT="abc" .*整数/],
    [{ BOT_TIMEZONE: "Mars/Olympus" }, /BOT_TIMEZONE=.*IANA/],
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL=.*postgresql/],
    [{ ADMIN_TOKEN: "short" }, /ADMIN_TOKEN=.*16/],
    [{ SEED_DEMO: "maybe" }, /SEED_DEMO=.*true 或 false/],
    [{ WECOM_BOT_ID: "x" }, /WECOM_BOT_SECRET/],
    [{ DINGTALK_MODE: "webhook" }, /DINGTALK_MODE=.*stream 或 http/],
    [{ CODE_RATE_PER_DEVICE: "0" }, /CODE_RATE_PER_DEVICE="0" 应不小于 1/],
    [{ CODE_MAX_TEXT_CHARS: "lots" }, /CODE_MAX_TEXT_CHARS=.*整数/],
  ])("rejects %o with one line naming the variable", (env, message) => {
    expect(() => loadConfig(env as Record<string, string>)).toThrow(message);
    try {
      loadConfig(env as Record<string, string>);
    } catch (e) {
      expect((e as Error).message.split("\n")).toHaveLength(1);
    }
  });
});
