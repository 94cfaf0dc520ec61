import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";

describe("loadConfig", () => {
  it("has working defaults", () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.BOT_TIMEZONE).toBe("Asia/Shanghai");
    expect(c.SIMULATOR_ENABLED).toBe(false);
    expect(c.TRUST_PROXY).toEqual(["loopback"]);
    expect(c.SEED_DEMO).toBe(true);
    expect(c.DEFAULT_DEADLINE_DAYS).toBe(13);
    expect([c.CODE_RATE_PER_IP, c.CODE_RATE_PER_DEVICE, c.CODE_RATE_WINDOW_MIN, c.CODE_NOTIFY_THROTTLE_MIN]).toEqual([30, 5, 60, 30]);
  });

  it("keeps the simulator off on either database unless asked", () => {
    expect(loadConfig({ DATABASE_URL: "postgresql://x@localhost/db" }).SIMULATOR_ENABLED).toBe(false);
    expect(loadConfig({ DATABASE_URL: "postgresql://x@localhost/db", SIMULATOR_ENABLED: "true", HOST: "127.0.0.1" }).SIMULATOR_ENABLED).toBe(true);
  });

  it.each([
    ["off", false],
    ["loopback", ["loopback"]],
    ["2", 2],
    ["10.0.0.0/8, 192.168.1.5,::1", ["10.0.0.0/8", "192.168.1.5", "::1"]],
  ])("reads TRUST_PROXY=%s", (v, expected) => {
    expect(loadConfig({ TRUST_PROXY: v }).TRUST_PROXY).toEqual(expected);
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
    [{ TRUST_PROXY: "everyone" }, /TRUST_PROXY="everyone" 应为 off、loopback/],
    [{ TRUST_PROXY: "10.0.0.0/33" }, /TRUST_PROXY=.*网段/],
  ])("rejects %o with one line naming the variable", (env, message) => {
    expect(() => loadConfig(env as Record<string, string>)).toThrow(message);
    try {
      loadConfig(env as Record<string, string>);
    } catch (e) {
      expect((e as Error).message.split("\n")).toHaveLength(1);
    }
  });
});
