import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTokenSource } from "../../src/channels/dingtalk/token.ts";
import { startFakeDingtalk, type FakeDingtalk } from "../fakes/dingtalk-server.ts";

let fake: FakeDingtalk;
beforeEach(async () => {
  fake = await startFakeDingtalk({ clientId: "dingkey", clientSecret: "dingsecret" });
});
afterEach(() => fake.close());

describe("access token", () => {
  it("fetches once for many concurrent callers and reuses it", async () => {
    let clock = Date.now();
    const tokens = createTokenSource({ apiBase: fake.baseUrl, appKey: "dingkey", appSecret: "dingsecret", fetch, now: () => new Date(clock) });
    const got = await Promise.all(Array.from({ length: 50 }, () => tokens.get()));
    expect(new Set(got).size).toBe(1);
    expect(fake.api.tokenCalls).toBe(1);
    clock += 60 * 60_000;
    await tokens.get();
    expect(fake.api.tokenCalls).toBe(1);
  });

  it("refreshes before expiry, once, under concurrency", async () => {
    let clock = Date.now();
    const tokens = createTokenSource({ apiBase: fake.baseUrl, appKey: "dingkey", appSecret: "dingsecret", fetch, now: () => new Date(clock) });
    const first = await tokens.get();
    clock += 7200_000 - 4 * 60_000; // inside the 5-minute refresh margin
    const again = await Promise.all(Array.from({ length: 20 }, () => tokens.get()));
    expect(fake.api.tokenCalls).toBe(2);
    expect(new Set(again).size).toBe(1);
    expect(again[0]).not.toBe(first);
  });

  it("drops a rejected token and does not cache failures", async () => {
    const tokens = createTokenSource({ apiBase: fake.baseUrl, appKey: "dingkey", appSecret: "dingsecret", fetch, now: () => new Date() });
    const first = await tokens.get();
    tokens.invalidate("someone-else");
    expect(await tokens.get()).toBe(first);
    tokens.invalidate(first);
    fake.api.failNext("token", { status: 500, body: { code: "SystemBusy" } });
    await expect(tokens.get()).rejects.toThrow(/HTTP 500/);
    expect(await tokens.get()).not.toBe(first);
    expect(fake.api.tokenCalls).toBe(2); // the scripted failure is not counted as an issued token
  });

  it("refuses wrong credentials with a message that carries no secret", async () => {
    const tokens = createTokenSource({ apiBase: fake.baseUrl, appKey: "dingkey", appSecret: "wrong-secret-123", fetch, now: () => new Date() });
    const err = await tokens.get().catch((e: Error) => e);
    expect(String(err)).toMatch(/HTTP 400/);
    expect(String(err)).not.toContain("wrong-secret-123");
  });
});
