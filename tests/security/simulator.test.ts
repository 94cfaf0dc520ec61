// F4: the simulator has no sign-in, so it is opt-in, refuses to start where others could reach it or
// next to a real platform, and answers requests from this machine only.
import http from "node:http";
import type { Request, Response } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { localOnly } from "../../src/channels/simulator/local-only.ts";
import { admin, startTestApp, type TestApp } from "../helpers/test-app.ts";
import { SimGroup, numberIn } from "../helpers/sim-group.ts";
import { seedRoster } from "../helpers/roster.ts";
import { DINGTALK_GROUP, startSecureApp, type SecureApp } from "./harness.ts";
import { numberIn as pageNumberIn, postForm } from "../code/helpers.ts";

const AES_KEY = "a".repeat(43);
const on = (env: Record<string, string>) => () => loadConfig({ SIMULATOR_ENABLED: "true", HOST: "127.0.0.1", ...env });

describe("simulator configuration", () => {
  it("is off unless SIMULATOR_ENABLED is set, on either database", () => {
    expect(loadConfig({}).SIMULATOR_ENABLED).toBe(false);
    expect(loadConfig({ DATABASE_URL: "postgresql://x@localhost/db" }).SIMULATOR_ENABLED).toBe(false);
    expect(on({})().SIMULATOR_ENABLED).toBe(true);
  });

  it.each(["0.0.0.0", "::", "192.168.1.20", "rd.example.gov.cn"])("refuses HOST=%s", (host) => {
    expect(on({ HOST: host })).toThrow(/SIMULATOR_ENABLED=true 时 HOST 只能是本机地址/);
  });

  it("refuses the default HOST (0.0.0.0) too", () => {
    expect(() => loadConfig({ SIMULATOR_ENABLED: "true" })).toThrow(/HOST 只能是本机地址.*"0\.0\.0\.0"/);
  });

  it.each(["127.0.0.1", "127.0.0.2", "::1", "localhost"])("accepts HOST=%s", (host) => {
    expect(on({ HOST: host })().HOST).toBe(host);
  });

  it.each([
    [{ WECOM_BOT_ID: "bot", WECOM_BOT_SECRET: "s" }, /已配置企业微信，WECOM_API_BASE="https:\/\/qyapi\.weixin\.qq\.com"/],
    [{ WECOM_BOT_ID: "bot", WECOM_BOT_SECRET: "s", WECOM_API_BASE: "http://127.0.0.1:9" }, /WECOM_WS_URL="wss:\/\/openws\.work\.weixin\.qq\.com"/],
    [{ WECOM_BOT_TOKEN: "t", WECOM_BOT_ENCODING_AES_KEY: AES_KEY }, /已配置企业微信，WECOM_API_BASE=/],
    [{ DINGTALK_CLIENT_ID: "id", DINGTALK_CLIENT_SECRET: "s" }, /已配置钉钉，DINGTALK_API_BASE="https:\/\/api\.dingtalk\.com"/],
    [{ DINGTALK_CLIENT_ID: "id", DINGTALK_CLIENT_SECRET: "s", DINGTALK_API_BASE: "https://dingtalk.example.net" }, /已配置钉钉/],
  ])("refuses real platform credentials and hosts: %o", (env, message) => {
    expect(on(env)).toThrow(message);
    expect(on(env)).toThrow(/不能与真实平台同时使用/);
  });

  it("allows platforms whose every address is on this machine (the local fakes)", () => {
    const c = on({
      WECOM_BOT_ID: "bot",
      WECOM_BOT_SECRET: "s",
      WECOM_API_BASE: "http://127.0.0.1:4150",
      WECOM_WS_URL: "ws://localhost:4151",
      DINGTALK_CLIENT_ID: "id",
      DINGTALK_CLIENT_SECRET: "s",
      DINGTALK_API_BASE: "http://[::1]:4152",
    })();
    expect(c.SIMULATOR_ENABLED).toBe(true);
  });

  it("does not care about platform hosts when the simulator is off", () => {
    expect(loadConfig({ HOST: "0.0.0.0", DINGTALK_CLIENT_ID: "id", DINGTALK_CLIENT_SECRET: "s" }).SIMULATOR_ENABLED).toBe(false);
  });
});

/** What the middleware answers for a request with this peer address and headers. */
function judge(remoteAddress: string, headers: Record<string, string>): { passed: boolean; status?: number; body?: { error: string } } {
  let status: number | undefined;
  let body: { error: string } | undefined;
  let passed = false;
  const res = { status: (s: number) => ((status = s), res), json: (b: { error: string }) => ((body = b), res) } as unknown as Response;
  const req = { socket: { remoteAddress }, headers: { host: "127.0.0.1:3000", ...headers } } as unknown as Request;
  localOnly(req, res, () => (passed = true));
  return { passed, status, body };
}

describe("simulator requests", () => {
  it.each(["203.0.113.7", "::ffff:192.168.1.9", "10.0.0.5", "fe80::1"])("refuses a peer at %s with 403 and a Chinese reason", (addr) => {
    const r = judge(addr, {});
    expect(r).toMatchObject({ passed: false, status: 403 });
    expect(r.body?.error).toMatch(/只接受本机访问/);
  });

  it.each(["127.0.0.1", "::1", "::ffff:127.0.0.1"])("lets a loopback peer at %s through", (addr) => {
    expect(judge(addr, {}).passed).toBe(true);
  });

  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SIMULATOR_ENABLED: "true" });
  });
  afterAll(async () => {
    await t?.stop();
  });

  /** A raw request, so that Host and forwarding headers are exactly what a client would send. */
  function raw(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
    const { port } = new URL(t.baseUrl);
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: "127.0.0.1", port, method, path, headers: { ...(body ? { "content-type": "application/json" } : {}), ...headers } },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (c) => (text += c));
          res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, text }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }
  const message = JSON.stringify({ chatId: "sim-local", senderId: "villager-1", text: "意见 村口路灯坏了", mentionsBot: true });

  it("serves this machine: the page with a strict CSP, and messages", async () => {
    const page = await raw("GET", "/simulator", { host: `127.0.0.1:${new URL(t.baseUrl).port}` });
    expect(page.status).toBe(200);
    expect(page.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(page.headers["content-security-policy"]).not.toContain("unsafe-inline");
    expect(page.text).not.toMatch(/<script>|<style>|\son\w+=/);
    expect((await raw("GET", "/simulator/page.js", { host: "localhost" })).headers["content-type"]).toMatch(/javascript/);
    expect((await raw("POST", "/api/simulator/messages", { host: "localhost" }, message)).status).toBe(200);
  });

  it.each([
    ["through a proxy on this machine (X-Forwarded-For)", { host: "127.0.0.1", "x-forwarded-for": "203.0.113.7" }],
    ["through a proxy (Forwarded)", { host: "127.0.0.1", forwarded: "for=203.0.113.7" }],
    ["by another host name (DNS rebinding)", { host: "evil.example:3000" }],
    ["from another site's page", { host: "127.0.0.1", origin: "http://evil.example" }],
  ])("refuses a request %s", async (_what, headers) => {
    // Inbound lines only: the bot's reply to the earlier message may still be on its way out.
    const inbound = () => t.app.db.simulatorLine.count({ where: { direction: "in" } });
    const before = await inbound();
    for (const [method, path, body] of [
      ["GET", "/simulator", undefined],
      ["GET", "/api/simulator/roster", undefined],
      ["GET", "/api/simulator/chats/sim-local/messages", undefined],
      ["POST", "/api/simulator/messages", message],
    ] as const) {
      const r = await raw(method, path, headers, body);
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(JSON.parse(r.text).error).toMatch(/只接受本机访问/);
    }
    expect(await inbound()).toBe(before);
  });

  it("is not there at all when off", async () => {
    const off = await startTestApp({ SIMULATOR_ENABLED: "false" });
    try {
      expect((await fetch(`${off.baseUrl}/simulator`)).status).toBe(404);
      expect(
        (await fetch(`${off.baseUrl}/api/simulator/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: message })).status,
      ).not.toBe(200);
    } finally {
      await off.stop();
    }
  });
});

// F4 reproduction 2: a simulator identity of staff rejected a real DingTalk citizen's matter, and the bot
// posted the rejection to the real group. Simulator speakers now reach only the simulator's own matters.
describe("the simulator is a sandbox", () => {
  let s: SecureApp;
  let realNumber: number;
  let simNumber: number;
  let codeNumber: number;
  let desk: SimGroup;
  beforeAll(async () => {
    s = await startSecureApp();
    const roster = await seedRoster(s.baseUrl);
    expect(
      (await s.dingtalkCallback(JSON.stringify(s.dingtalkText("ding-li", "意见 西山村水渠堵塞需要清理，我的电话13812345678", "sandbox-d-1")))).status,
    ).toBe(200);
    await s.settle();
    realNumber = (await s.app.db.opinion.findFirstOrThrow({ where: { platform: "dingtalk" } })).number;
    // The real group belongs to the station the simulator's staff serve (the demo station, in the report).
    const dingGroup = await s.app.db.group.findFirstOrThrow({ where: { platform: "dingtalk", chatId: DINGTALK_GROUP } });
    expect((await admin(s.baseUrl, "PATCH", `/api/roster/groups/${dingGroup.id}`, { stationId: roster.east.id })).status).toBe(200);
    const village = new SimGroup(s.baseUrl, "sandbox-east", "东风村村民群");
    expect(await village.say("staff-liu", "绑定本群 东风镇代表联络站")).toContain("已绑定");
    simNumber = numberIn(await village.say("villager-1", "意见 村口路灯坏了一个星期了"));
    // A 代表码 matter has no platform: the local demo lets simulator deputies handle it.
    codeNumber = pageNumberIn((await postForm(`${s.baseUrl}/d/${roster.wang.slug}`, { text: "村小学门口需要减速带", website: "" })).body);
    desk = new SimGroup(s.baseUrl, "direct-staff-liu", "", "direct");
    await s.settle();
  }, 60_000);
  afterAll(async () => {
    await s?.stop();
  });

  it("refuses to act on a real platform's matter, as if it did not exist, and nothing reaches the real group", async () => {
    const sendsBefore = s.dingtalk.api.groupSends.length + s.dingtalk.api.sessionPosts.length;
    for (const [who, command] of [
      ["staff-liu", `不予受理 ${realNumber} 属于重复反映，不再处理`],
      ["admin-chen", `不予受理 ${realNumber} 属于重复反映，不再处理`],
      ["admin-chen", `认领 ${realNumber}`],
      ["admin-chen", `办结 ${realNumber} A 已疏通`],
      ["admin-chen", `合并 ${simNumber} ${realNumber}`],
      ["villager-1", `附议 ${realNumber}`],
    ] as const) {
      // Word for word what the same command says of a number that was never given.
      const chat = new SimGroup(s.baseUrl, `direct-${who}`, "", "direct");
      const missing = (await chat.say(who, command.replace(String(realNumber), "99999"))).replaceAll("99999", String(realNumber));
      expect(await chat.say(who, command), command).toBe(missing);
      expect(missing, command).toMatch(/^没有找到编号 #\d+ 的事项/);
    }
    await s.settle();
    const real = await s.app.db.opinion.findFirstOrThrow({ where: { number: realNumber }, include: { events: true } });
    expect(real.status).toBe("RECEIVED");
    expect(real.events.map((e) => e.action)).toEqual(["receive"]);
    expect(s.dingtalk.api.groupSends.length + s.dingtalk.api.sessionPosts.length).toBe(sendsBefore);
  });

  it("does not show a real platform's matter in 查询 or 待办, and still serves the simulator's own and 代表码 ones", async () => {
    const missing = (await desk.say("staff-liu", "查询 99999")).replaceAll("99999", String(realNumber));
    expect(missing).toMatch(/^没有找到编号 #\d+ 的事项/);
    expect(await desk.say("staff-liu", `查询 ${realNumber}`)).toBe(missing);
    expect(await desk.say("staff-liu", `查询 ${simNumber}`)).toContain("村口路灯坏了");
    const todo = await new SimGroup(s.baseUrl, "direct-admin-chen", "", "direct").say("admin-chen", "待办");
    expect(todo).toContain(`#${simNumber}`);
    expect(todo).toContain(`#${codeNumber}`);
    expect(todo).not.toMatch(new RegExp(`#${realNumber}(?!\\d)`));
    expect(todo).not.toContain("水渠");
  });

  it("a simulator receipt does not point at similar real matters", async () => {
    const receipt = await new SimGroup(s.baseUrl, "sandbox-east", "东风村村民群").say("villager-2", "意见 西山村水渠堵塞需要清理，我的电话13812345678");
    expect(receipt).toContain("已受理");
    expect(receipt).not.toMatch(new RegExp(`#${realNumber}(?!\\d)`));
  });
});
