// The console API over real HTTP: sign-in, sessions and CSRF, station scoping, the ledger and every action.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, admin, type TestApp } from "../helpers/test-app.ts";
import { numberIn, type SimGroup } from "../helpers/sim-group.ts";
import { boundGroup, startConsoleFixture, type Roster } from "../helpers/console-fixture.ts";
import { ADMIN_PASSWORD, ConsoleClient, STAFF_PASSWORD } from "./client.ts";

let t: TestApp;
let roster: Roster;
let adminUser: ConsoleClient;
let staffUser: ConsoleClient;
let eastGroup: SimGroup;
const east: number[] = [];
let westNumber: number;

beforeAll(async () => {
  ({ t, roster, adminUser, staffUser } = await startConsoleFixture(async ({ baseUrl }) => {
    ({ group: eastGroup } = await boundGroup(baseUrl, "east-village", "东风村民声群", "staff-liu", "东风镇代表联络站"));
    const { group: westGroup } = await boundGroup(baseUrl, "west-village", "西山村民声群", "admin-chen", "西山镇代表联络站");
    for (const text of [
      "意见 村口路灯坏了一个星期了，晚上很黑",
      "意见 东风路有个大坑，电动车摔了好几次",
      "意见 垃圾站三天没人清运，气味很大",
      "意见 我家邻居的狗天天叫 电话13812345678",
      "意见 小学门口早上堵车严重",
    ]) {
      east.push(numberIn(await eastGroup.say("villager-1", text, { name: "张大爷" })));
    }
    westNumber = numberIn(await westGroup.say("villager-2", "意见 西山村自来水水压太低"));
  }));
});
afterAll(async () => t?.stop());

describe("console sign-in", () => {
  it("sets an HttpOnly SameSite=Strict cookie and returns a CSRF token", async () => {
    const c = new ConsoleClient(t.baseUrl);
    const r = await c.login("liu", STAFF_PASSWORD);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ username: "liu", role: "staff", stationIds: [roster.east.id] });
    expect(r.body.csrfToken).toMatch(/^[\w-]{20,}$/);
    expect(c.setCookie).toMatch(/^renda_console=/);
    expect(c.setCookie).toContain("HttpOnly");
    expect(c.setCookie).toContain("SameSite=Strict");
    expect(c.setCookie).not.toContain("Secure"); // plain http on loopback
    const me = await c.call("GET", "/api/auth/me");
    expect(me.body).toMatchObject({ username: "liu", csrfToken: r.body.csrfToken });
    expect((await c.call("POST", "/api/auth/logout")).status).toBe(204);
    expect((await c.call("GET", "/api/ledger")).status).toBe(401);
    expect((await c.call("GET", "/api/auth/me")).status).toBe(401);
  });

  it("refuses wrong passwords, unknown users and bad input", async () => {
    const c = new ConsoleClient(t.baseUrl);
    expect((await c.login("chen", "wrong-password-1")).status).toBe(401);
    expect((await c.login("nobody", "whatever-123")).body.error).toBe("用户名或密码错误。");
    const bad = await fetch(`${t.baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "" }),
    });
    expect(bad.status).toBe(400);
    expect((await fetch(`${t.baseUrl}/api/ledger`)).status).toBe(401);
  });

  it("rate-limits failed sign-ins per username and address with a Chinese message", async () => {
    const c = new ConsoleClient(t.baseUrl);
    await admin(t.baseUrl, "GET", "/api/stations"); // the token keeps working alongside sessions
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await c.login("victim", `guess-${i}-abcdef`)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const last = await c.login("victim", "guess-x-abcdef");
    expect(last.status).toBe(429);
    expect(last.body.error).toContain("登录失败次数过多");
  });

  it("requires the CSRF header on unsafe requests made with the cookie", async () => {
    const r = await adminUser.call("POST", `/api/ledger/${east[4]}/actions/preview`, { action: "reply", text: "已联系交警" }, { csrf: false });
    expect(r.status).toBe(403);
    expect(r.body.error).toContain("X-CSRF-Token");
    const wrong = await fetch(`${t.baseUrl}/api/accounts`, {
      method: "POST",
      headers: { cookie: adminUser.cookie, "x-csrf-token": "forged", "content-type": "application/json" },
      body: "{}",
    });
    expect(wrong.status).toBe(403);
    // Same length in characters, longer in bytes: still a plain refusal.
    const odd = await fetch(`${t.baseUrl}/api/accounts`, {
      method: "POST",
      headers: { cookie: adminUser.cookie, "x-csrf-token": "é".repeat(adminUser.csrf.length), "content-type": "application/json" },
      body: "{}",
    });
    expect(odd.status).toBe(403);
  });

  it("bootstraps only the first administrator, and only with ADMIN_TOKEN", async () => {
    const again = await admin(t.baseUrl, "POST", "/api/auth/bootstrap", { username: "other", password: ADMIN_PASSWORD });
    expect(again.status).toBe(409);
    const noToken = await fetch(`${t.baseUrl}/api/auth/bootstrap`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(noToken.status).toBe(401);
  });
});

describe("accounts and audit", () => {
  it("lets administrators manage accounts, validating input", async () => {
    const list = await adminUser.call("GET", "/api/accounts");
    expect(list.body.accounts.map((a: any) => a.username)).toEqual(["chen", "liu"]);
    expect(JSON.stringify(list.body)).not.toContain("argon2");
    expect((await adminUser.call("POST", "/api/accounts", { username: "x", password: "short", role: "staff" })).status).toBe(400);
    const weak = await adminUser.call("POST", "/api/accounts", { username: "wang2", password: "onlyletters", role: "admin" });
    expect(weak.status).toBe(400);
    expect(weak.body.error).toContain("字母和数字");
    expect((await adminUser.call("POST", "/api/accounts", { username: "wang2", password: "good-pass-123", role: "staff", stationIds: [] })).status).toBe(400);
    expect((await adminUser.call("POST", "/api/accounts", { username: "liu", password: "good-pass-123", role: "admin" })).status).toBe(409);
    const made = await adminUser.call("POST", "/api/accounts", { username: "temp", password: "good-pass-123", role: "staff", stationIds: [roster.west.id] });
    expect(made.status).toBe(201);
    const tempUser = new ConsoleClient(t.baseUrl);
    expect((await tempUser.login("temp", "good-pass-123")).status).toBe(200);
    expect((await adminUser.call("PATCH", `/api/accounts/${made.body.id}`, { active: false })).status).toBe(200);
    expect((await tempUser.call("GET", "/api/ledger")).status).toBe(401);
    expect((await adminUser.call("PATCH", "/api/accounts/9999", { active: false })).status).toBe(404);
    const unknown = await adminUser.call("PATCH", `/api/accounts/${made.body.id}`, { stationIds: [9999] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toContain("不存在的联络站");
    const audit = await adminUser.call("GET", "/api/audit");
    expect(audit.body.entries.map((e: any) => `${e.actor} ${e.action} ${e.target}`)).toEqual(
      expect.arrayContaining([
        "admin-token account.bootstrap account:chen",
        "console:chen account.create account:liu",
        "console:chen account.update account:temp",
      ]),
    );
  });

  it("keeps accounts and audit for administrators", async () => {
    expect((await staffUser.call("GET", "/api/accounts")).status).toBe(403);
    expect((await staffUser.call("GET", "/api/audit")).status).toBe(403);
    expect((await staffUser.call("POST", "/api/accounts", { username: "sneaky", password: "good-pass-123", role: "admin" })).status).toBe(403);
  });
});

describe("ledger", () => {
  it("shows staff only their stations, with counts by state", async () => {
    const mine = await staffUser.call("GET", "/api/ledger");
    expect(mine.status).toBe(200);
    expect(mine.body.opinions.map((o: any) => o.number).sort()).toEqual([...east].sort());
    expect(mine.body.counts.RECEIVED).toBe(5);
    const all = await adminUser.call("GET", "/api/ledger");
    expect(all.body.total).toBe(6);
    expect((await staffUser.call("GET", `/api/ledger?station=${roster.west.id}`)).body.total).toBe(0);
  });

  it("filters by text, number, state, station and date; sorts and pages", async () => {
    const q = async (s: string) => (await adminUser.call("GET", `/api/ledger?${s}`)).body;
    expect((await q("q=路灯")).opinions.map((o: any) => o.number)).toEqual([east[0]]);
    expect((await q(`q=%23${east[1]}`)).opinions.map((o: any) => o.number)).toEqual([east[1]]);
    expect((await q(`station=${roster.west.id}`)).opinions.map((o: any) => o.number)).toEqual([westNumber]);
    expect((await q("status=CLOSED")).total).toBe(0);
    expect((await q("from=2000-01-01&to=2000-01-31")).total).toBe(0);
    expect((await q("sort=number&order=asc&pageSize=2&page=2")).opinions.map((o: any) => o.number)).toEqual([east[2], east[3]]);
    expect((await q("overdue=true")).total).toBe(0);
    const row = (await q(`q=${east[3]}`)).opinions[0];
    expect(row).toMatchObject({
      number: east[3],
      station: { name: "东风镇代表联络站" },
      group: { name: "东风村民声群" },
      statusLabel: "已受理",
      overdue: false,
    });
  });

  it("rejects bad filters with field reasons", async () => {
    const r = await adminUser.call("GET", "/api/ledger?status=NOPE&from=yesterday&pageSize=1000");
    expect(r.status).toBe(400);
    expect(Object.keys(r.body.fields)).toEqual(expect.arrayContaining(["status", "from", "pageSize"]));
  });

  it("gives staff the full unmasked detail of their matters, and 403 for other stations", async () => {
    const d = await staffUser.call("GET", `/api/ledger/${east[3]}`);
    expect(d.status).toBe(200);
    expect(d.body.text).toContain("13812345678");
    expect(d.body.submitter.name).toBe("张大爷");
    expect(d.body.group.name).toBe("东风村民声群");
    expect(d.body.timeline[0]).toMatchObject({ action: "receive", label: "受理" });
    expect(d.body.actions).toEqual(expect.arrayContaining(["assignDeputy", "assignUnit", "reply", "close", "reject"]));
    expect((await staffUser.call("GET", `/api/ledger/${westNumber}`)).status).toBe(403);
    expect((await staffUser.call("GET", "/api/ledger/99999")).status).toBe(404);
    expect((await staffUser.call("GET", "/api/ledger/abc")).status).toBe(400);
  });

  it("keeps the original admin API for administrators", async () => {
    expect((await staffUser.call("GET", "/api/stations")).status).toBe(403);
    expect((await staffUser.call("GET", "/api/opinions")).status).toBe(403);
    expect((await adminUser.call("GET", "/api/stations")).status).toBe(200);
    expect((await adminUser.call("POST", "/api/units", { name: "县水务局" })).status).toBe(201);
    await expect
      .poll(async () => (await adminUser.call("GET", "/api/audit")).body.entries.find((e: any) => e.action === "api.post" && e.target === "/api/units")?.actor)
      .toBe("console:chen");
  });

  it("lists options for the selects, scoped", async () => {
    const o = (await staffUser.call("GET", "/api/options")).body;
    expect(o.stations.map((s: any) => s.name)).toEqual(["东风镇代表联络站"]);
    expect(o.deputies.map((d: any) => d.name)).toEqual(["王建国", "赵丽"]);
    expect(o.units.map((u: any) => u.name)).toContain("县交通运输局");
    expect(o.categories.length).toBeGreaterThan(3);
  });
});

describe("actions", () => {
  const act = (c: ConsoleClient, n: number, body: object) => c.call("POST", `/api/ledger/${n}/actions`, body);

  it("previews the group feedback without changing anything", async () => {
    const p = await staffUser.call("POST", `/api/ledger/${east[0]}/actions/preview`, { action: "close", resultClass: "A", text: "路灯已更换" });
    expect(p.status).toBe(200);
    expect(p.body.feedback.join("\n")).toContain("路灯已更换");
    expect((await staffUser.call("GET", `/api/ledger/${east[0]}`)).body.status).toBe("RECEIVED");
  });

  it("handles a matter through the chain and posts feedback to the group", async () => {
    const n = east[0];
    expect((await act(staffUser, n, { action: "assignDeputy", deputyId: roster.wang.id })).body.message).toContain("王建国");
    const assigned = await act(staffUser, n, { action: "assignUnit", unitId: (await staffUser.call("GET", "/api/options")).body.units[1].id, days: 5 });
    expect(assigned.status).toBe(200);
    expect(assigned.body.message).toContain("县供电公司");
    const extended = await act(staffUser, n, { action: "extend", days: 3, reason: "需要采购灯具" });
    expect(extended.body.feedback[0]).toContain("需要采购灯具");
    const closed = await act(staffUser, n, { action: "close", resultClass: "A", text: "路灯已更换，恢复照明" });
    expect(closed.body).toMatchObject({ posted: true });
    await t.app.outbox.drain();
    const transcript = await eastGroup.transcript();
    expect(transcript.some((m) => m.direction === "out" && m.text.includes("路灯已更换，恢复照明"))).toBe(true);
    const d = (await staffUser.call("GET", `/api/ledger/${n}`)).body;
    expect(d).toMatchObject({ status: "CLOSED", resultClass: "A", deputy: { name: "王建国" }, unit: { name: "县供电公司" } });
    expect(d.timeline.map((e: any) => e.action)).toEqual(["receive", "claim", "assign", "extend", "close"]);
    expect(d.timeline.slice(1).every((e: any) => e.actorRef === "console:liu" && e.actorName === "刘站长")).toBe(true);
    expect(d.actions).toEqual(["reopen"]);
    const reopened = await act(staffUser, n, { action: "reopen", reason: "群众反映又坏了" });
    expect(reopened.status).toBe(200);
    expect((await staffUser.call("GET", `/api/ledger/${n}`)).body).toMatchObject({ status: "IN_PROGRESS", reopenCount: 1 });
  });

  it("can act without telling the group", async () => {
    await t.app.outbox.drain(); // the reopen above may still be on its way
    const before = (await eastGroup.transcript()).length;
    const r = await act(staffUser, east[1], { action: "reply", text: "已报修，本周内填平", notify: false });
    expect(r.body).toMatchObject({ posted: false });
    await t.app.outbox.drain();
    expect((await eastGroup.transcript()).length).toBe(before);
  });

  it("merges, transfers and rejects by the same rules as the chat", async () => {
    expect((await act(adminUser, east[2], { action: "merge", into: east[2] })).status).toBe(400);
    expect((await act(adminUser, east[4], { action: "merge", into: east[1] })).status).toBe(200);
    expect((await adminUser.call("GET", `/api/ledger/${east[1]}`)).body.mergedFrom).toEqual([east[4]]);
    expect((await act(adminUser, east[3], { action: "transfer", note: "邻里纠纷，属个人信访" })).status).toBe(200);
    const c = await act(adminUser, east[2], { action: "close", resultClass: "C", text: "no" });
    expect(c.status).toBe(400);
    expect(c.body.error).toContain("原因");
    expect((await act(adminUser, east[2], { action: "reject", reason: "重复反映" })).status).toBe(200);
    const again = await act(adminUser, east[2], { action: "reject", reason: "重复反映" });
    expect(again.status).toBe(409);
    expect(again.body.error).toContain("不予受理");
  });

  it("validates actions and refuses other stations' matters", async () => {
    const bad = await act(staffUser, east[1], { action: "fly" });
    expect(bad.status).toBe(400);
    expect((await act(staffUser, east[1], { action: "extend", days: 0, reason: "" })).body.fields).toHaveProperty("days");
    expect((await act(staffUser, westNumber, { action: "reply", text: "越权" })).status).toBe(403);
    expect((await act(staffUser, east[1], { action: "merge", into: westNumber })).status).toBe(403);
    expect((await act(staffUser, east[1], { action: "assignDeputy", deputyId: roster.sun.id })).status).toBe(400);
    expect((await act(staffUser, 99999, { action: "reply", text: "x" })).status).toBe(404);
  });

  it("still accepts the ADMIN_TOKEN for actions", async () => {
    const res = await fetch(`${t.baseUrl}/api/ledger/${westNumber}/actions`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ action: "reply", text: "已联系水厂" }),
    });
    expect(res.status).toBe(200);
    const d = (await adminUser.call("GET", `/api/ledger/${westNumber}`)).body;
    expect(d.timeline.at(-1)).toMatchObject({ action: "reply", actorRef: "console:admin-token" });
  });
});
