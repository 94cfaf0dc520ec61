// Forged and replayed callbacks, and people trying what their role does not allow: each is
// refused, nothing changes, and a log line says what was refused (for whoever audits later).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeSign } from "../../src/channels/dingtalk/sign.ts";
import { seedRoster } from "../helpers/roster.ts";
import { SimGroup, numberIn } from "../helpers/sim-group.ts";
import { CLIENT_SECRET } from "../dingtalk/helpers.ts";
import { parsed, startSecureApp, type SecureApp } from "./harness.ts";
import { consoleUsers } from "../console/client.ts";

let s: SecureApp;
let east: SimGroup;
let roster: Awaited<ReturnType<typeof seedRoster>>;
beforeAll(async () => {
  s = await startSecureApp();
  roster = await seedRoster(s.baseUrl);
  east = new SimGroup(s.baseUrl, "sec-east", "东风村村民群");
  expect(await east.say("staff-liu", "绑定本群 东风镇代表联络站")).toContain("已绑定");
});
afterAll(async () => {
  await s?.stop();
});

/** Log lines written while `fn` ran. */
async function logsOf(fn: () => Promise<unknown>): Promise<Record<string, any>[]> {
  const from = s.lines.length;
  await fn();
  await s.settle();
  return parsed(s.lines.slice(from));
}

const opinions = () => s.app.db.opinion.count();

describe("forged and replayed callbacks", () => {
  it("WeCom: a wrong signature and an old timestamp are refused (401) and logged; nothing stored", async () => {
    const before = await s.app.db.inboundMessage.count();
    const logs = await logsOf(async () => {
      expect((await s.wecomCallback(s.wecomText("mallory", "意见 伪造的消息内容很长"), { token: "forged-token" })).status).toBe(401);
      expect((await s.wecomCallback(s.wecomText("mallory", "意见 过期的消息内容很长"), { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(401);
    });
    const refused = logs.filter((l) => l.msg === "企业微信回调被拒绝" && l.status === 401).map((l) => l.reason);
    expect(refused).toEqual(["签名校验失败", "时间戳超出允许范围（可能是重放）"]);
    expect(await s.app.db.inboundMessage.count()).toBe(before);
  });

  it("WeCom: the same request replayed, and the same msgid freshly signed, make one opinion", async () => {
    const before = await opinions();
    const body = s.wecomText("zhang", "意见 东风村桥面有裂缝需要检查", "replay-w-1");
    const first = await s.wecomCallback(body, { nonce: "n1", timestamp: Math.floor(Date.now() / 1000) });
    expect(first.status).toBe(200);
    const logs = await logsOf(async () => {
      // Byte-identical replay (same signature), then a re-send with a new nonce.
      expect((await s.wecomCallback(body, { nonce: "n1", timestamp: Math.floor(Date.now() / 1000) })).status).toBe(200);
      expect((await s.wecomCallback(body, { nonce: "n2" })).status).toBe(200);
    });
    expect(logs.some((l) => /重复的回调/.test(l.msg))).toBe(true);
    expect(await opinions()).toBe(before + 1);
  });

  it("DingTalk: missing, wrong and stale signatures are refused and logged; a repeated msgId makes one opinion", async () => {
    const body = JSON.stringify(s.dingtalkText("ding-li", "意见 西山村水渠堵塞需要清理", "replay-d-1"));
    const old = Date.now() - 2 * 3_600_000;
    const logs = await logsOf(async () => {
      expect((await s.dingtalkCallback(body, {})).status).toBe(403);
      expect((await s.dingtalkCallback(body, { timestamp: String(Date.now()), sign: computeSign(Date.now(), "not-the-secret") })).status).toBe(401);
      expect((await s.dingtalkCallback(body, { timestamp: String(old), sign: computeSign(old, CLIENT_SECRET) })).status).toBe(401);
    });
    expect(logs.filter((l) => l.msg === "dingtalk callback refused").map((l) => l.reason)).toEqual(["bad_sign", "stale_timestamp"]);
    expect(await s.app.db.inboundMessage.count({ where: { messageId: "replay-d-1" } })).toBe(0);

    const before = await opinions();
    for (let i = 0; i < 3; i++) expect((await s.dingtalkCallback(body)).status).toBe(200);
    await s.settle();
    expect(await opinions()).toBe(before + 1);
  });
});

describe("roles", () => {
  it("a citizen trying deputy and staff commands is refused each time, logged with who tried; nothing changes", async () => {
    const n = numberIn(await east.say("villager-zhang", "意见 村口路灯坏了一个星期了"));
    const attempts = [
      `认领 ${n}`,
      `办结 ${n} A 已修好`,
      `答复 ${n} 已处理`,
      `转办 ${n} 县供电公司`,
      `不予受理 ${n} 不归我们管`,
      `合并 ${n} 1`,
      "待办",
      "绑定本群 东风镇代表联络站",
      "设置推送地址 https://example.com/hook?key=abc",
      "亮身份",
    ];
    for (const [i, cmd] of attempts.entries()) {
      const logs = await logsOf(() => east.send("villager-li", cmd, { messageId: `citizen-try-${i}` }));
      const refused = logs.find((l) => l.msg === "command refused" && l.messageId === `citizen-try-${i}`);
      expect(refused, cmd).toMatchObject({ senderId: "villager-li", platform: "simulator" });
      expect(east.lastReply(), cmd).toMatch(/仅限|由人大代表使用|不能|不是/);
    }
    const o = await s.app.db.opinion.findUniqueOrThrow({ where: { number: n } });
    expect(o.status).toBe("RECEIVED");
    const g = await s.app.db.group.findFirstOrThrow({ where: { chatId: "sec-east" } });
    expect(g.webhookUrl).toBeNull();
  });

  it("a deputy of another station cannot act on this station's matter: refused and logged", async () => {
    const n = numberIn(await east.say("villager-wang", "意见 东风村小学门口缺少减速带"));
    for (const [i, cmd] of [`认领 ${n}`, `答复 ${n} 已经处理`, `办结 ${n} A 已处理`].entries()) {
      const logs = await logsOf(() => east.send("dep-sun", cmd, { messageId: `other-station-${i}` }));
      expect(
        logs.find((l) => l.msg === "command refused" && l.messageId === `other-station-${i}`),
        cmd,
      ).toMatchObject({ code: "forbidden", senderId: "dep-sun" });
      expect(east.lastReply()).toContain("属于其他联络站");
    }
    expect((await s.app.db.opinion.findUniqueOrThrow({ where: { number: n } })).status).toBe("RECEIVED");
    // The station's own deputy can.
    expect(await east.say("dep-wang", `认领 ${n}`)).toContain(`已认领 #${n}`);
  });

  it("the admin API without the token, or with a wrong one, is refused and logged", async () => {
    const logs = await logsOf(async () => {
      expect((await fetch(`${s.baseUrl}/api/opinions`)).status).toBe(401);
      expect((await fetch(`${s.baseUrl}/api/opinions`, { headers: { authorization: "Bearer wrong-token-0123456789" } })).status).toBe(401);
      expect((await fetch(`${s.baseUrl}/api/stations`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status).toBe(401);
    });
    const refused = logs.filter((l) => l.msg === "接口访问被拒绝").map((l) => `${l.status} ${l.method} ${l.path} ${l.who}`);
    expect(refused).toEqual(["401 GET /api/opinions anonymous", "401 GET /api/opinions bearer (invalid)", "401 POST /api/stations anonymous"]);
    expect(JSON.stringify(logs)).not.toContain("wrong-token-0123456789");
  });

  it("the console: no session, a forged cookie, a missing CSRF token and another station's matter are refused and logged", async () => {
    const { staffUser } = await consoleUsers(s.baseUrl, [roster.east.id]);
    const west = new SimGroup(s.baseUrl, "sec-west", "西山村村民群");
    expect(await west.say("admin-chen", "绑定本群 西山镇代表联络站")).toContain("已绑定");
    const westNumber = numberIn(await west.say("villager-w", "意见 西山村路口缺少减速带"));
    const logs = await logsOf(async () => {
      expect((await fetch(`${s.baseUrl}/api/ledger`)).status).toBe(401);
      expect((await fetch(`${s.baseUrl}/api/ledger`, { headers: { cookie: "renda_console=forged" } })).status).toBe(401);
      expect((await staffUser.call("POST", `/api/ledger/${westNumber}/actions`, { action: "reply", text: "已处理" }, { csrf: false })).status).toBe(403);
      expect((await staffUser.call("GET", `/api/ledger/${westNumber}`)).status).toBe(403);
      expect((await staffUser.call("GET", "/api/stations")).status).toBe(403);
    });
    const refused = logs.filter((l) => l.msg === "接口访问被拒绝").map((l) => `${l.status} ${l.method} ${l.path} ${l.who}`);
    expect(refused).toEqual([
      "401 GET /api/ledger anonymous",
      "401 GET /api/ledger session (invalid)",
      `403 POST /api/ledger/${westNumber}/actions console:liu`,
      `403 GET /api/ledger/${westNumber} console:liu`,
      "403 GET /api/stations console:liu",
    ]);
    const d = await s.app.db.opinion.findFirst({ where: { number: westNumber } });
    expect(d?.status).toBe("RECEIVED");
  });
});
