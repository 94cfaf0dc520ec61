import { describe, expect, it } from "vitest";
import { createWecomChannel } from "../../src/channels/wecom/index.ts";
import { AES_KEY, quietLogger, testConfig, TOKEN } from "./helpers.ts";

const deps = (env: Record<string, string>) => ({ config: testConfig(env), ingest: async () => ({ duplicate: false }), logger: quietLogger() });

describe("createWecomChannel", () => {
  it("is undefined when neither transport is configured", () => {
    expect(createWecomChannel(deps({}))).toBeUndefined();
  });
  it("callback mode only: a router, health says callback", () => {
    const made = createWecomChannel(deps({ WECOM_BOT_TOKEN: TOKEN, WECOM_BOT_ENCODING_AES_KEY: AES_KEY }))!;
    expect(made.router).toBeDefined();
    expect(made.channel.platform).toBe("wecom");
    expect(made.channel.health!()).toMatchObject({ transport: "callback", callback: true });
  });
  it("long connection only: no router; idle until started", () => {
    const made = createWecomChannel(deps({ WECOM_BOT_ID: "b", WECOM_BOT_SECRET: "s", WECOM_WS_URL: "ws://127.0.0.1:9" }))!;
    expect(made.router).toBeUndefined();
    expect(made.channel.health!()).toMatchObject({ transport: "long_connection", state: "idle", callback: false });
  });
  it("both: router and long connection", () => {
    const made = createWecomChannel(deps({ WECOM_BOT_ID: "b", WECOM_BOT_SECRET: "s", WECOM_BOT_TOKEN: TOKEN, WECOM_BOT_ENCODING_AES_KEY: AES_KEY }))!;
    expect(made.router).toBeDefined();
    expect(made.channel.health!()).toMatchObject({ transport: "long_connection", callback: true });
  });
});
