// Who may call every /api route, tried the way an attacker would: anonymous, station-B staff reaching for
// station A's records, staff on administrators' routes, and signed-in sessions sending mutations without or
// with a wrong X-CSRF-Token. The routes are read from the express router itself, so a route added without a
// row here fails the first test; every row is also checked against the access the OpenAPI document claims.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, admin, startTestApp, type TestApp } from "../helpers/test-app.ts";
import { postForm } from "../code/helpers.ts";

/** In every station-A name and text: station-B staff must never receive it, station-A staff must. */
const SECRET = "甲站机密SECRETA";
const PASSWORD = "scoping-pass-2026";

type Role = "anonymous" | "admin" | "staffA" | "staffB";
type Access = "public" | "token" | "signed-in" | "admin";
/**
 * list: shows station data (B must not get SECRET; A must, in at least one request);
 * record: acts on a station-A record (B gets 403/404 and changes nothing); none: no station data.
 */
type Scope = "list" | "record" | "none";
interface Req {
  path: string;
  body?: unknown;
  csv?: string;
}
interface Extra extends Req {
  role: Role;
  status: number[];
  why: string;
}
interface Row {
  access: Access;
  scope?: Scope;
  /** Concrete requests for the route, aimed at station A's records where it takes one. */
  reqs: (f: Fixture) => Req[];
  /** Further attempts that must be refused (cross-station targets in the body, privilege escalation). */
  extra?: (f: Fixture) => Extra[];
  /** Reads the session cookie only (ADMIN_TOKEN is not a session). */
  sessionOnly?: boolean;
}

interface Fixture {
  stationA: number;
  stationB: number;
  deputyA: number;
  deputyB: number;
  groupA: number;
  groupB: number;
  groupUnbound: number;
  numberA: number;
  numberB: number;
  staffAccountA: number;
  job: string;
}

const KINDS = ["stations", "deputies", "staff", "units", "groups"];
const IMPORTABLE = ["stations", "deputies", "staff", "units"];
const each = (kinds: string[], path: (k: string) => string): Req[] => kinds.map((k) => ({ path: path(k) }));
const reply = (text: string) => ({ action: "reply", text });

// Keyed by "METHOD path" exactly as the express router declares it.
const ROUTES: Record<string, Row> = {
  "POST /api/auth/login": { access: "public", reqs: () => [{ path: "/api/auth/login", body: { username: "nobody", password: "wrong-password-1" } }] },
  "POST /api/auth/logout": { access: "public", reqs: () => [{ path: "/api/auth/logout" }] },
  "GET /api/auth/me": { access: "signed-in", scope: "none", sessionOnly: true, reqs: () => [{ path: "/api/auth/me" }] },
  "POST /api/auth/bootstrap": { access: "token", reqs: () => [{ path: "/api/auth/bootstrap", body: { username: "evil-admin", password: PASSWORD } }] },
  "GET /api/openapi.json": { access: "public", reqs: () => [{ path: "/api/openapi.json" }] },

  "GET /api/ledger": {
    access: "signed-in",
    scope: "list",
    reqs: (f) => [
      { path: "/api/ledger" },
      { path: `/api/ledger?station=${f.stationA}` },
      { path: `/api/ledger?group=${f.groupA}` },
      { path: `/api/ledger?deputy=${f.deputyA}` },
      { path: `/api/ledger?q=${encodeURIComponent(SECRET)}` },
      { path: `/api/ledger?q=${f.numberA}` },
    ],
  },
  "GET /api/ledger/export.xlsx": {
    access: "signed-in",
    scope: "list",
    reqs: (f) => [{ path: "/api/ledger/export.xlsx" }, { path: `/api/ledger/export.xlsx?station=${f.stationA}` }],
  },
  "GET /api/ledger/:number": { access: "signed-in", scope: "record", reqs: (f) => [{ path: `/api/ledger/${f.numberA}` }] },
  "PUT /api/ledger/:number/public": {
    access: "signed-in",
    scope: "record",
    reqs: (f) => [{ path: `/api/ledger/${f.numberA}/public`, body: { hidden: true } }],
  },
  "POST /api/ledger/:number/actions/preview": {
    access: "signed-in",
    scope: "record",
    reqs: (f) => [{ path: `/api/ledger/${f.numberA}/actions/preview`, body: reply("预览一下") }],
  },
  "POST /api/ledger/:number/actions": {
    access: "signed-in",
    scope: "record",
    reqs: (f) => [{ path: `/api/ledger/${f.numberA}/actions`, body: { ...reply("越权答复"), notify: false } }],
    extra: (f) => [
      {
        role: "staffA",
        path: `/api/ledger/${f.numberA}/actions`,
        body: { action: "merge", into: f.numberB },
        status: [403],
        why: "merging into station B's matter would give it a co-signer",
      },
      {
        role: "staffB",
        path: `/api/ledger/${f.numberB}/actions`,
        body: { action: "merge", into: f.numberA },
        status: [403],
        why: "merging into station A's matter",
      },
    ],
  },
  "GET /api/options": { access: "signed-in", scope: "list", reqs: () => [{ path: "/api/options" }] },
  "GET /api/stats": { access: "signed-in", scope: "list", reqs: (f) => [{ path: "/api/stats" }, { path: `/api/stats?station=${f.stationA}` }] },

  "GET /api/roster/:kind": { access: "signed-in", scope: "list", reqs: () => each(KINDS, (k) => `/api/roster/${k}`) },
  "GET /api/roster/:kind/template.xlsx": { access: "signed-in", scope: "none", reqs: () => each(IMPORTABLE, (k) => `/api/roster/${k}/template.xlsx`) },
  "GET /api/roster/:kind/export.:format": {
    access: "signed-in",
    scope: "list",
    reqs: () => [...each(KINDS, (k) => `/api/roster/${k}/export.xlsx`), ...each(KINDS, (k) => `/api/roster/${k}/export.csv`)],
  },
  "PATCH /api/roster/groups/:id": {
    access: "signed-in",
    scope: "record",
    reqs: (f) => [{ path: `/api/roster/groups/${f.groupA}`, body: { area: "越权片区" } }],
    extra: (f) => [
      { role: "staffB", path: `/api/roster/groups/${f.groupB}`, body: { stationId: f.stationA }, status: [403], why: "moving its own group into station A" },
      {
        role: "staffB",
        path: `/api/roster/groups/${f.groupUnbound}`,
        body: { stationId: f.stationB },
        status: [403],
        why: "unbound groups are bound by administrators",
      },
      { role: "staffA", path: `/api/roster/groups/${f.groupA}`, body: { stationId: f.stationB }, status: [403], why: "handing station A's group to station B" },
    ],
  },
  "POST /api/roster/:kind/import": { access: "admin", reqs: () => [{ path: "/api/roster/units/import", csv: "名称,联系人\r\n越权导入的单位,某人\r\n" }] },
  "POST /api/binding-codes": { access: "signed-in", scope: "record", reqs: (f) => [{ path: "/api/binding-codes", body: { deputyId: f.deputyA } }] },

  "GET /api/accounts": { access: "admin", reqs: () => [{ path: "/api/accounts" }] },
  "POST /api/accounts": {
    access: "admin",
    reqs: () => [{ path: "/api/accounts", body: { username: `evil-${Date.now()}`, password: "Evil-pass-2026", role: "admin", stationIds: [] } }],
  },
  "PATCH /api/accounts/:id": {
    access: "admin",
    reqs: (f) => [{ path: `/api/accounts/${f.staffAccountA}`, body: { displayName: "刘站长" } }],
    extra: (f) => [
      { role: "staffA", path: `/api/accounts/${f.staffAccountA}`, body: { role: "admin" }, status: [403], why: "making itself an administrator" },
      {
        role: "staffB",
        path: `/api/accounts/${f.staffAccountA}`,
        body: { password: "Taken-over-2026" },
        status: [403],
        why: "taking over station A's account",
      },
    ],
  },
  "GET /api/audit": { access: "admin", reqs: () => [{ path: "/api/audit" }] },

  "GET /api/stations": { access: "admin", reqs: () => [{ path: "/api/stations" }] },
  "POST /api/stations": { access: "admin", reqs: () => [{ path: "/api/stations", body: { name: `越权联络站${Date.now()}` } }] },
  "GET /api/deputies": { access: "admin", reqs: () => [{ path: "/api/deputies" }] },
  "POST /api/deputies": { access: "admin", reqs: (f) => [{ path: "/api/deputies", body: { name: "越权代表", level: "TOWNSHIP", stationIds: [f.stationB] } }] },
  "GET /api/staff": { access: "admin", reqs: () => [{ path: "/api/staff" }] },
  "POST /api/staff": { access: "admin", reqs: (f) => [{ path: "/api/staff", body: { name: "越权人员", role: "STATION", stationIds: [f.stationA] } }] },
  "GET /api/units": { access: "admin", reqs: () => [{ path: "/api/units" }] },
  "POST /api/units": { access: "admin", reqs: () => [{ path: "/api/units", body: { name: `越权单位${Date.now()}` } }] },
  "GET /api/opinions": { access: "admin", reqs: () => [{ path: "/api/opinions" }] },
  "GET /api/opinions/:number": { access: "admin", reqs: (f) => [{ path: `/api/opinions/${f.numberA}` }] },
  "GET /api/categories": { access: "admin", reqs: () => [{ path: "/api/categories" }] },
  "PUT /api/categories/:name": { access: "admin", reqs: () => [{ path: `/api/categories/${encodeURIComponent("道路交通")}`, body: { deadlineDays: 1 } }] },
  "GET /api/calendar-days": { access: "admin", reqs: () => [{ path: "/api/calendar-days" }] },
  "PUT /api/calendar-days/:date": { access: "admin", reqs: () => [{ path: "/api/calendar-days/2026-12-31", body: { isWorkday: false, note: "越权放假" } }] },
  "DELETE /api/calendar-days/:date": { access: "admin", reqs: () => [{ path: "/api/calendar-days/2026-12-31" }] },
  "GET /api/jobs": { access: "admin", reqs: () => [{ path: "/api/jobs" }] },
  "POST /api/jobs/:name/run": { access: "admin", reqs: (f) => [{ path: `/api/jobs/${f.job}/run`, body: {} }] },
  "PUT /api/groups/:id/purpose": { access: "admin", reqs: (f) => [{ path: `/api/groups/${f.groupA}/purpose`, body: { purpose: "admin" } }] },
  "PUT /api/stations/:id/reception-schedule": {
    access: "admin",
    reqs: (f) => [
      {
        path: `/api/stations/${f.stationA}/reception-schedule`,
        body: { kind: "weekly", weekday: 2, time: "09:00-11:00", place: "越权", deputyIds: [], holidayRule: "keep" },
      },
    ],
  },
  "GET /api/deputies/:id/code": { access: "admin", reqs: (f) => [{ path: `/api/deputies/${f.deputyA}/code` }] },
  "PUT /api/stations/:id/public-disclosure": {
    access: "admin",
    reqs: (f) => [{ path: `/api/stations/${f.stationA}/public-disclosure`, body: { enabled: true } }],
  },
};
/** Served by the simulator (opt-in, local only); its own tests cover who may call it. */
const NOT_HERE = /^\/api\/simulator\//;

/** Every route the express app serves under /api, as "METHOD path". */
function apiRoutes(stack: any[], prefix = ""): string[] {
  return stack
    .flatMap((layer): string[] => {
      if (layer.route) {
        const path = `${prefix}${layer.route.path}`;
        return Object.keys(layer.route.methods)
          .filter((m) => m !== "_all")
          .map((m) => `${m.toUpperCase()} ${path}`);
      }
      if (Array.isArray(layer.handle?.stack)) return apiRoutes(layer.handle.stack, prefix + (layer.rawPath === "/" ? "" : layer.rawPath));
      return [];
    })
    .filter((r) => r.split(" ")[1]!.startsWith("/api/") && !NOT_HERE.test(r.split(" ")[1]!));
}

let t: TestApp;
let f: Fixture;
const cookies: Partial<Record<Role, { cookie: string; csrf: string }>> = {};

interface Sent {
  status: number;
  text: string;
  cache: string | null;
  sniff: string | null;
}
async function send(role: Role | "token", method: string, r: Req, opts: { csrf?: "ok" | "missing" | "wrong" } = {}): Promise<Sent> {
  const s = role === "token" || role === "anonymous" ? undefined : cookies[role]!;
  const csrf = opts.csrf ?? "ok";
  const headers: Record<string, string> = {
    ...(role === "token" ? { authorization: `Bearer ${ADMIN_TOKEN}` } : {}),
    ...(s ? { cookie: s.cookie } : {}),
    ...(s && csrf !== "missing" ? { "x-csrf-token": csrf === "ok" ? s.csrf : "forged-csrf-token" } : {}),
    ...(r.csv !== undefined ? { "content-type": "text/csv" } : r.body !== undefined ? { "content-type": "application/json" } : {}),
  };
  const body = r.csv !== undefined ? r.csv : r.body !== undefined ? JSON.stringify(r.body) : undefined;
  const res = await fetch(`${t.baseUrl}${r.path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const type = res.headers.get("content-type") ?? "";
  const buf = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    text: type.includes("spreadsheetml") ? await sheetText(buf) : buf.toString("utf8"),
    cache: res.headers.get("cache-control"),
    sniff: res.headers.get("x-content-type-options"),
  };
}

async function sheetText(buf: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void out.push(String(c.text)))));
  return out.join("\n");
}

/** What a refused request must leave exactly as it was (the audit log is written after the response, so it is left out). */
async function snapshot(): Promise<string> {
  const db = t.app.db;
  const [opinions, events, groups, stations, deputies, staff, units, accounts, codes, categories, days, outbox] = await Promise.all([
    db.opinion.findMany({
      orderBy: { id: "asc" },
      select: { number: true, status: true, stationId: true, groupId: true, deputyId: true, unitId: true, replyText: true, dueDate: true, cosignCount: true },
    }),
    db.opinionEvent.count(),
    db.group.findMany({ orderBy: { id: "asc" }, select: { id: true, stationId: true, area: true, purpose: true } }),
    db.station.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, publicDisclosure: true, receptionSchedule: true } }),
    db.deputy.count(),
    db.staff.count(),
    db.unit.count(),
    db.consoleAccount.findMany({ orderBy: { id: "asc" }, select: { id: true, role: true, stationIds: true, active: true, passwordHash: true } }),
    db.bindingCode.count(),
    db.category.findMany({ orderBy: { id: "asc" }, select: { name: true, deadlineDays: true, keywords: true } }),
    db.calendarDay.findMany({ orderBy: { date: "asc" } }),
    db.outboxMessage.count(),
  ]);
  return JSON.stringify({ opinions, events, groups, stations, deputies, staff, units, accounts, codes, categories, days, outbox });
}

/** Sends a request that must be refused with one of `statuses` and must change nothing. */
async function refused(role: Role | "token", method: string, r: Req, statuses: number[], label: string, opts: { csrf?: "ok" | "missing" | "wrong" } = {}) {
  const before = method === "GET" ? "" : await snapshot();
  const res = await send(role, method, r, opts);
  expect(statuses, `${label}: got ${res.status} ${res.text.slice(0, 200)}`).toContain(res.status);
  expect(res.text, `${label}: a refusal leaked station A's data`).not.toContain(SECRET);
  if (method !== "GET") expect(await snapshot(), `${label}: a refused request changed data`).toBe(before);
}

async function login(role: Role, username: string) {
  const res = await fetch(`${t.baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`login ${username}: ${JSON.stringify(body)}`);
  cookies[role] = { cookie: res.headers.get("set-cookie")!.split(";")[0]!, csrf: body.csrfToken };
}

async function citizenMatter(slug: string, text: string): Promise<number> {
  const res = await postForm(`${t.baseUrl}/d/${slug}`, { text }, { ip: `10.8.0.${Math.floor(Math.random() * 200) + 1}` });
  if (res.status !== 201) throw new Error(`submit: ${res.status}`);
  return Number(/编号 #(\d+)/.exec(res.body)![1]);
}

beforeAll(async () => {
  t = await startTestApp();
  const ok = async (p: Promise<{ status: number; body: any }>) => {
    const r = await p;
    if (r.status >= 300) throw new Error(JSON.stringify(r));
    return r.body;
  };
  const stationA = (await ok(admin(t.baseUrl, "POST", "/api/stations", { name: `东风镇${SECRET}联络站` }))).id;
  const stationB = (await ok(admin(t.baseUrl, "POST", "/api/stations", { name: "西山镇联络站" }))).id;
  const depA = await ok(admin(t.baseUrl, "POST", "/api/deputies", { name: `王${SECRET}`, level: "COUNTY", stationIds: [stationA] }));
  const depB = await ok(admin(t.baseUrl, "POST", "/api/deputies", { name: "孙强", level: "TOWNSHIP", stationIds: [stationB] }));
  await ok(admin(t.baseUrl, "POST", "/api/staff", { name: `刘${SECRET}`, role: "STATION", stationIds: [stationA] }));
  await ok(admin(t.baseUrl, "POST", "/api/staff", { name: "乙站人员", role: "STATION", stationIds: [stationB] }));
  await ok(admin(t.baseUrl, "POST", "/api/units", { name: "县交通运输局" }));
  const db = t.app.db;
  const groupA = (
    await db.group.create({ data: { platform: "wecom", chatId: "group-a", name: `甲村${SECRET}群`, area: `一组${SECRET}`, stationId: stationA } })
  ).id;
  const groupB = (await db.group.create({ data: { platform: "wecom", chatId: "group-b", name: "乙村群", stationId: stationB } })).id;
  const groupUnbound = (await db.group.create({ data: { platform: "wecom", chatId: "group-x", name: "未绑定群" } })).id;
  const numberA = await citizenMatter(depA.slug ?? (await db.deputy.findUniqueOrThrow({ where: { id: depA.id } })).slug, `村口路灯坏了 ${SECRET}`);
  const numberB = await citizenMatter((await db.deputy.findUniqueOrThrow({ where: { id: depB.id } })).slug, "西山路面坑洼，请修补");
  await db.opinion.update({ where: { number: numberA }, data: { groupId: groupA } });
  const { citizenId } = await db.opinion.findUniqueOrThrow({ where: { number: numberA } });
  await db.citizen.update({ where: { id: citizenId! }, data: { name: `张${SECRET}` } });

  await ok(admin(t.baseUrl, "POST", "/api/auth/bootstrap", { username: "chen", password: PASSWORD }));
  const staffAccountA = (await ok(admin(t.baseUrl, "POST", "/api/accounts", { username: "liu", password: PASSWORD, role: "staff", stationIds: [stationA] })))
    .id;
  await ok(admin(t.baseUrl, "POST", "/api/accounts", { username: "sun", password: PASSWORD, role: "staff", stationIds: [stationB] }));
  await login("admin", "chen");
  await login("staffA", "liu");
  await login("staffB", "sun");
  const job = (await ok(admin(t.baseUrl, "GET", "/api/jobs"))).jobs[0].name;
  f = { stationA, stationB, deputyA: depA.id, deputyB: depB.id, groupA, groupB, groupUnbound, numberA, numberB, staffAccountA, job };
}, 60_000);
afterAll(async () => t?.stop());

describe("every /api route: who may call it", () => {
  it("has a row for every route the express app serves, and no row for a route that is gone", () => {
    const served = apiRoutes((t.app.express as any).router.stack);
    expect(served.length).toBeGreaterThan(40);
    const missing = served.filter((r) => !(r in ROUTES));
    expect(missing, `routes without a row in ROUTES (tests/security/route-scoping.test.ts): say who may call them`).toEqual([]);
    expect(
      Object.keys(ROUTES).filter((r) => !served.includes(r)),
      "rows for routes that no longer exist",
    ).toEqual([]);
  });

  it("every row's access matches what the OpenAPI document promises", async () => {
    const doc = await (await fetch(`${t.baseUrl}/api/openapi.json`)).json();
    const templates = Object.keys(doc.paths).map((p) => ({
      p,
      re: new RegExp(`^${p.replace(/[.]/g, "\\.").replace(/\{\w+\}/g, "[^/]+")}$`),
      params: (p.match(/\{/g) ?? []).length,
    }));
    for (const [key, row] of Object.entries(ROUTES)) {
      const method = key.split(" ")[0]!.toLowerCase();
      for (const r of row.reqs(f)) {
        const path = r.path.split("?")[0]!;
        const match = templates.filter((x) => x.re.test(path) && doc.paths[x.p][method]).sort((a, b) => a.params - b.params)[0];
        expect(match, `${key}: ${path} is not in the OpenAPI document`).toBeDefined();
        const op = doc.paths[match!.p][method];
        const documented: Access =
          op.security.length === 0 ? "public" : op.security.length === 1 ? "token" : op.description?.includes("仅管理员") ? "admin" : "signed-in";
        expect(documented, `${key}: documented access`).toBe(row.access);
      }
    }
  });

  for (const [key, row] of Object.entries(ROUTES)) {
    const method = key.split(" ")[0]!;
    const mutation = method !== "GET";
    it(`${key} (${row.access}${row.scope ? `, ${row.scope}` : ""})`, async () => {
      const reqs = row.reqs(f);
      if (row.access === "public") {
        for (const r of reqs) expect((await send("anonymous", method, r)).status, r.path).toBeLessThan(500);
        return;
      }
      for (const r of reqs) await refused("anonymous", method, r, [401], `anonymous ${method} ${r.path}`);
      if (row.access === "token") {
        for (const role of ["admin", "staffA", "staffB"] as const)
          for (const r of reqs) await refused(role, method, r, [401, 403], `${role} ${method} ${r.path}`);
        for (const r of reqs) expect([401, 403], `token ${r.path}`).not.toContain((await send("token", method, r)).status);
        return;
      }
      // Mutations by a signed-in browser need the session's CSRF token: a forged cross-site request has none.
      const insider = row.access === "admin" ? "admin" : "staffA";
      if (mutation) {
        for (const r of reqs)
          for (const csrf of ["missing", "wrong"] as const)
            await refused(insider, method, r, [403], `${insider} ${method} ${r.path} with ${csrf} CSRF token`, { csrf });
      }
      if (row.access === "admin") {
        for (const role of ["staffA", "staffB"] as const)
          for (const r of reqs) await refused(role, method, r, [403], `${role} on an administrators' route ${method} ${r.path}`);
      } else if (row.scope === "record") {
        for (const r of reqs) await refused("staffB", method, r, [403, 404], `station-B staff on station A's record ${method} ${r.path}`);
      } else {
        let seen = false;
        for (const r of reqs) {
          const b = await send("staffB", method, r);
          expect([200, 403], `staffB ${r.path}: ${b.status}`).toContain(b.status);
          expect(b.text, `station-B staff received station A's data from ${r.path}`).not.toContain(SECRET);
          const a = await send("staffA", method, r);
          expect(a.status, `staffA ${r.path}`).toBe(200);
          seen ||= a.text.includes(SECRET);
        }
        if (row.scope === "list") expect(seen, `${key}: station-A staff should see their own data (else this row proves nothing)`).toBe(true);
      }
      for (const e of row.extra?.(f) ?? []) await refused(e.role, method, e, e.status, `${e.role} ${method} ${e.path}: ${e.why}`);
      // The rightful caller gets through: the refusals above were about who, not about the request.
      // A mutation runs once (it may create something unique); a read is tried by every rightful caller.
      const rightful =
        row.access === "admin" ? (["admin", "token"] as const) : row.sessionOnly ? (["staffA", "admin"] as const) : (["staffA", "admin", "token"] as const);
      for (const role of mutation ? rightful.slice(0, 1) : rightful) {
        for (const r of reqs) {
          const res = await send(role, method, r);
          expect(res.status, `${role} ${method} ${r.path}: ${res.text.slice(0, 200)}`).toBeLessThan(400);
          expect(res.cache, `${r.path}: staff data must not stay in a shared computer's cache`).toBe("no-store");
          expect(res.sniff, `${r.path}: never sniffed as a page`).toBe("nosniff");
        }
      }
    });
  }
});

describe("credentials an attacker brings", () => {
  const raw = (headers: Record<string, string>, method = "GET", path = "/api/ledger") => fetch(`${t.baseUrl}${path}`, { method, headers });

  it("a malformed or made-up session cookie is no session: 401, never a 5xx", async () => {
    for (const cookie of ["renda_console=%", "renda_console=%E0%A4%A", "renda_console=", "renda_console=made-up-token", `renda_console=${"x".repeat(5000)}`]) {
      const res = await raw({ cookie });
      expect(res.status, cookie.slice(0, 40)).toBe(401);
      expect((await res.json()).error).toContain("未登录");
      expect((await raw({ cookie }, "GET", "/api/auth/me")).status, `/me ${cookie.slice(0, 40)}`).toBe(401);
    }
    // A broken neighbour cookie does not hide a good session.
    expect((await raw({ cookie: `other=%; ${cookies.staffA!.cookie}` })).status).toBe(200);
  });

  it("spellings of a protected path still meet the gate", async () => {
    for (const path of [
      "/API/ledger",
      "/api/Ledger",
      "/api/ledger/",
      "/api//ledger",
      "/api/ledger/export.xlsx/",
      "/api/auth/../ledger",
      "/api/auth/%2e%2e/ledger",
      "/api/openapi.json/../ledger",
    ]) {
      const res = await raw({}, "GET", path);
      expect([401, 404], `${path}: ${res.status}`).toContain(res.status);
    }
  });

  it("a wrong bearer token is refused even next to a valid administrator's session", async () => {
    const res = await raw({ authorization: "Bearer not-the-admin-token", cookie: cookies.admin!.cookie });
    expect(res.status).toBe(401);
  });

  it("another session's CSRF token does not unlock a mutation", async () => {
    const before = await snapshot();
    const res = await raw(
      { cookie: cookies.staffA!.cookie, "x-csrf-token": cookies.staffB!.csrf, "content-type": "application/json" },
      "POST",
      "/api/binding-codes",
    );
    expect(res.status).toBe(403);
    expect(await snapshot()).toBe(before);
  });

  it("a disabled account's open session stops working at once", async () => {
    const r = await admin(t.baseUrl, "POST", "/api/accounts", { username: "leaver", password: PASSWORD, role: "staff", stationIds: [f.stationA] });
    await login("staffB", "leaver"); // borrow the slot: the leaver's session
    const { cookie } = cookies.staffB!;
    expect((await raw({ cookie })).status).toBe(200);
    await t.app.db.consoleAccount.update({ where: { id: r.body.id }, data: { active: false } }); // as if disabled elsewhere, sessions left in place
    expect((await raw({ cookie })).status).toBe(401);
    await login("staffB", "sun");
  });
});
