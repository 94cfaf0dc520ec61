// Roster and ledger spreadsheets over HTTP: template, export (xlsx/csv), all-or-nothing import, formula guard.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../helpers/test-app.ts";
import { SimGroup, numberIn } from "../helpers/sim-group.ts";
import { boundGroup, startConsoleFixture, type Roster } from "../helpers/console-fixture.ts";
import type { ConsoleClient } from "./client.ts";
import { parseCsv, safeCell, toCsv } from "../../src/console/sheets.ts";

let t: TestApp;
let roster: Roster;
let adminUser: ConsoleClient;
let staffUser: ConsoleClient;

beforeAll(async () => {
  ({ t, roster, adminUser, staffUser } = await startConsoleFixture(async ({ baseUrl }) => {
    const { group: g } = await boundGroup(baseUrl, "east-village", "东风村民声群", "staff-liu", "东风镇代表联络站");
    await g.say("staff-liu", "设置推送地址 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRETKEY123456");
    const n = numberIn(await g.say("villager-1", '意见 =HYPERLINK("http://evil") 路灯坏了', { name: "张大爷" }));
    await g.say("villager-1", "意见 村里垃圾没人清运，苍蝇很多");
    await g.say("dep-wang", `办结 ${n} A 路灯已修好`);
  }));
});
afterAll(async () => t?.stop());

async function workbook(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as any);
  return wb.worksheets[0];
}
const values = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);

async function upload(c: ConsoleClient, kind: string, file: Buffer) {
  const res = await fetch(`${t.baseUrl}/api/roster/${kind}/import`, {
    method: "POST",
    headers: { cookie: c.cookie, "x-csrf-token": c.csrf, "content-type": "application/octet-stream" },
    body: new Uint8Array(file),
  });
  return { status: res.status, body: await res.json() };
}

async function sheet(headers: string[], rows: (string | number)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("导入");
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("spreadsheet helpers", () => {
  it("neutralises formulas and round-trips CSV", () => {
    expect(["=1+1", "+86", "-5", "@SUM(A1)", "正常", 5].map((v) => safeCell(v))).toEqual(["'=1+1", "'+86", "'-5", "'@SUM(A1)", "正常", 5]);
    const csv = toCsv(
      ["a", "b"],
      [
        ["x,y", 'say "hi"'],
        ["多\n行", null],
      ],
    ).toString("utf8");
    expect(parseCsv(csv)).toEqual([
      ["a", "b"],
      ["x,y", 'say "hi"'],
      ["多\n行", ""],
    ]);
  });
});

describe("roster", () => {
  it("lists groups with the webhook masked, scoped to the staff member's stations", async () => {
    const groups = (await staffUser.call("GET", "/api/roster/groups")).body.items;
    expect(groups).toHaveLength(1);
    expect(groups[0].webhook).toMatch(/^https:\/\/qyapi\.weixin\.qq\.com\/\*\*\*\*/);
    expect(JSON.stringify(groups)).not.toContain("SECRETKEY");
    expect((await staffUser.call("GET", "/api/roster/deputies")).body.items.map((d: any) => d.name)).toEqual(["王建国", "赵丽"]);
    expect((await staffUser.call("GET", "/api/roster/stations")).body.items).toHaveLength(1);
    expect((await staffUser.call("GET", "/api/roster/planets")).status).toBe(400);
    const csv = (await adminUser.call("GET", "/api/roster/groups/export.csv")).body as string;
    expect(csv).not.toContain("SECRETKEY");
  });

  it("binds groups to stations from the console, within the caller's stations", async () => {
    const g = new SimGroup(t.baseUrl, "new-village", "新村民声群");
    const n = numberIn(await g.say("villager-9", "意见 新村的桥栏杆松了很危险"));
    const unbound = (await adminUser.call("GET", "/api/roster/groups")).body.items.find((x: any) => x.name === "新村民声群");
    expect(unbound.stationId).toBeNull();
    expect((await staffUser.call("PATCH", `/api/roster/groups/${unbound.id}`, { stationId: roster.east.id })).status).toBe(403);
    expect((await adminUser.call("PATCH", `/api/roster/groups/${unbound.id}`, { stationId: "x" })).status).toBe(400);
    const r = await adminUser.call("PATCH", `/api/roster/groups/${unbound.id}`, { stationId: roster.east.id, area: "新村一组" });
    expect(r.body).toMatchObject({ stationId: roster.east.id, area: "新村一组" });
    expect((await staffUser.call("GET", `/api/ledger/${n}`)).body.station.name).toBe("东风镇代表联络站");
    expect((await staffUser.call("PATCH", `/api/roster/groups/${unbound.id}`, { stationId: roster.west.id })).status).toBe(403);
    expect((await staffUser.call("PATCH", `/api/roster/groups/${unbound.id}`, { area: "新村二组" })).status).toBe(200);
    expect((await adminUser.call("PATCH", "/api/roster/groups/9999", { area: "x" })).status).toBe(404);
  });

  it("offers a template and exports Excel and CSV", async () => {
    const tpl = await adminUser.call("GET", "/api/roster/deputies/template.xlsx");
    expect(tpl.headers.get("content-type")).toContain("spreadsheetml");
    const ws = await workbook(tpl.body);
    expect(values(ws, 1)).toEqual(expect.arrayContaining(["姓名*", "层级*", "联络站"]));
    const exp = await workbook((await staffUser.call("GET", "/api/roster/deputies/export.xlsx")).body);
    expect(values(exp, 2)).toEqual(expect.arrayContaining(["王建国", "县（区）", "东风镇代表联络站", "dep-wang"]));
    const csv = (await adminUser.call("GET", "/api/roster/units/export.csv")).body as string;
    expect(csv.split("\r\n")[0]).toBe("编号,名称,联系人,电话,启用");
    const raw = Buffer.from(await (await fetch(`${t.baseUrl}/api/roster/units/export.csv`, { headers: { cookie: adminUser.cookie } })).arrayBuffer());
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: Excel reads the Chinese as UTF-8
    expect(csv).toContain("县交通运输局");
  });

  it("imports a workbook all-or-nothing: one bad row means nothing is written, with the row's reasons", async () => {
    const headers = ["编号", "姓名*", "层级*", "联络站", "职务", "电话", "公开电话", "简介", "接待", "企业微信账号", "钉钉账号", "模拟器账号"];
    const bad = await sheet(headers, [
      ["", "李明", "县（区）", "东风镇代表联络站", "县人大代表", "13700000000", "是", "", "", "liming", "", ""],
      ["", "周红", "村", "不存在的站", "", "12ab", "", "", "", "", "", ""],
      ["", "吴刚", "乡镇", "西山镇代表联络站", "", "", "", "", "", "", "", "dep-wang"],
    ]);
    const r = await upload(adminUser, "deputies", bad);
    expect(r.status).toBe(422);
    expect(r.body.error).toContain("未导入任何数据");
    expect(r.body.rows.map((x: any) => x.row)).toEqual([3, 4]);
    expect(r.body.rows[0].errors.join("；")).toMatch(/层级.*联络站「不存在的站」不存在|电话/);
    expect(r.body.rows[1].errors.join("")).toContain("已绑定到其他人");
    expect((await adminUser.call("GET", "/api/roster/deputies")).body.items).toHaveLength(3);

    const good = await sheet(headers, [
      ["", "李明", "县（区）", "东风镇代表联络站、西山镇代表联络站", "县人大代表", "13700000000", "是", "", "", "liming", "", ""],
    ]);
    const ok = await upload(adminUser, "deputies", good);
    expect(ok).toMatchObject({ status: 200, body: { created: 1, updated: 0 } });
    const li = (await adminUser.call("GET", "/api/roster/deputies")).body.items.find((d: any) => d.name === "李明");
    expect(li).toMatchObject({
      level: "COUNTY",
      phonePublic: true,
      stationIds: [roster.east.id, roster.west.id],
      identities: [{ platform: "wecom", userId: "liming" }],
    });
    // Re-importing the export updates by 编号 instead of duplicating.
    const again = await upload(adminUser, "deputies", (await adminUser.call("GET", "/api/roster/deputies/export.xlsx")).body);
    expect(again.body).toMatchObject({ created: 0, updated: 4 });
    const audit = (await adminUser.call("GET", "/api/audit")).body.entries;
    expect(audit.filter((e: any) => e.action === "roster.import")).toHaveLength(2);
  });

  it("imports stations with reception schedules, and units from CSV", async () => {
    const st = await sheet(
      ["名称", "乡镇", "接待周期", "接待日", "接待时间", "接待地点", "节假日"],
      [["南湖街道代表联络站", "南湖街道", "每周", "周二", "09:00-11:30", "社区服务中心", "顺延"]],
    );
    expect((await upload(adminUser, "stations", st)).status).toBe(200);
    const south = (await adminUser.call("GET", "/api/roster/stations")).body.items.find((s: any) => s.name === "南湖街道代表联络站");
    expect(south.receptionSchedule).toMatchObject({ kind: "weekly", weekday: 2, time: "09:00-11:30" });
    expect(south.receptionText).toBe("每周二 09:00-11:30，社区服务中心");
    const badSchedule = await sheet(["名称", "接待周期", "接待日", "接待时间", "接待地点"], [["北站", "每月", "40", "9点", ""]]);
    expect((await upload(adminUser, "stations", badSchedule)).status).toBe(422);
    const csv = Buffer.from("\uFEFF名称,联系人,电话\r\n县水利局,王科\u0000长,0371-5550000\r\n", "utf8");
    expect((await upload(adminUser, "units", csv)).body).toMatchObject({ created: 1 });
    expect((await adminUser.call("GET", "/api/roster/units")).body.items.find((u: any) => u.name === "县水利局").contact).toBe("王科长");
    expect((await upload(adminUser, "units", Buffer.from("联系人\r\n某人\r\n"))).body.rows[0].errors[0]).toContain("缺少列");
  });

  it("keeps imports for administrators and refuses junk files", async () => {
    expect((await upload(staffUser, "units", Buffer.from("名称\r\n某局\r\n"))).status).toBe(403);
    expect((await upload(adminUser, "groups", Buffer.from("x"))).status).toBe(400);
    expect((await upload(adminUser, "units", Buffer.from("PK\u0003\u0004junk"))).status).toBe(400);
  });
});

describe("ledger export", () => {
  it("exports the filtered ledger in the office layout, formulas neutralised", async () => {
    const res = await staffUser.call("GET", "/api/ledger/export.xlsx?status=CLOSED");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const ws = await workbook(res.body);
    expect(values(ws, 1)).toEqual(expect.arrayContaining(["编号", "受理日期", "承办单位", "办结日期", "结果类别", "评价"]));
    expect(ws.rowCount).toBe(2);
    const row = values(ws, 2);
    expect(row).toEqual(expect.arrayContaining(["已办结", "王建国", "A 已解决或基本解决", "路灯已修好", "东风镇代表联络站"]));
    expect(row.find((v) => typeof v === "string" && v.includes("HYPERLINK"))).toMatch(/^'=/);
    const all = await workbook((await adminUser.call("GET", "/api/ledger/export.xlsx")).body);
    expect(all.rowCount).toBe(4); // header + the three matters, including the newly bound group's
  });
});
