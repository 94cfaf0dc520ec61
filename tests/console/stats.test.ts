// /api/stats: the figures offices report, scoped to the caller's stations.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../helpers/test-app.ts";
import { numberIn } from "../helpers/sim-group.ts";
import { boundGroup, startConsoleFixture, type Roster } from "../helpers/console-fixture.ts";
import type { ConsoleClient } from "./client.ts";

let t: TestApp;
let roster: Roster;
let adminUser: ConsoleClient;
let staffUser: ConsoleClient;

beforeAll(async () => {
  ({ t, roster, adminUser, staffUser } = await startConsoleFixture(async ({ baseUrl }) => {
    const { group: east } = await boundGroup(baseUrl, "east", "东风村民声群", "staff-liu", "东风镇代表联络站");
    const { group: west } = await boundGroup(baseUrl, "west", "西山村民声群", "admin-chen", "西山镇代表联络站");
    const a = numberIn(await east.say("v1", "意见 村口路灯坏了一个星期了"));
    const b = numberIn(await east.say("v2", "意见 东风路有个大坑需要修补"));
    await east.say("v3", "意见 垃圾站没人清运气味很大");
    await west.say("v4", "意见 西山村自来水水压太低");
    await east.say("dep-wang", `认领 ${a}`);
    await east.say("dep-wang", `办结 ${a} A 路灯已更换`);
    await east.say("v1", `评价 ${a} 满意`);
    await east.say("dep-wang", `办结 ${b} B 已列入明年道路计划`);
  }));
});
afterAll(async () => t?.stop());

describe("statistics", () => {
  it("counts received, closed, solved, on-time, satisfaction and overdue", async () => {
    const s = (await adminUser.call("GET", "/api/stats")).body;
    expect(s.total).toMatchObject({ received: 4, closed: 2, solved: 1, onTimeRate: 100, satisfaction: 100, rated: 1, overdue: 0 });
    expect(s.total.avgHandlingDays).toBeGreaterThanOrEqual(0);
    expect(s.byStation.map((r: any) => [r.station, r.received])).toEqual([
      ["东风镇代表联络站", 3],
      ["西山镇代表联络站", 1],
    ]);
    expect(s.byCategory.reduce((n: number, c: any) => n + c.received, 0)).toBe(4);
    expect(s.trend).toHaveLength(1);
    expect(s.trend[0]).toMatchObject({ received: 4, closed: 2, solved: 1 });
    const wang = s.deputies.find((d: any) => d.name === "王建国");
    expect(wang).toMatchObject({ followed: 2, closed: 2, solved: 1, satisfaction: 100 });
    expect(wang.actions).toBeGreaterThanOrEqual(3);
  });

  it("limits staff to their stations and validates the period", async () => {
    const s = (await staffUser.call("GET", "/api/stats?period=week")).body;
    expect(s.total.received).toBe(3);
    expect(s.deputies.map((d: any) => d.name)).toEqual(["王建国", "赵丽"]);
    expect((await staffUser.call("GET", `/api/stats?station=${roster.west.id}`)).status).toBe(403);
    expect((await adminUser.call("GET", "/api/stats?period=year&from=x")).status).toBe(400);
    expect((await adminUser.call("GET", "/api/stats?from=2000-01-01&to=2000-12-31")).body.total.received).toBe(0);
  });

  it("reads dates in BOT_TIMEZONE: a matter raised and closed just after local midnight", async () => {
    // Raised 2025-12-01 01:00 and closed 2025-12-05 01:00 in Beijing (17:00 UTC the day before); due 2025-12-04.
    const o = await t.app.db.opinion.findFirstOrThrow({ where: { status: "CLOSED", resultClass: "B" } });
    await t.app.db.opinion.update({
      where: { id: o.id },
      data: { createdAt: new Date("2025-11-30T17:00:00Z"), closedAt: new Date("2025-12-04T17:00:00Z"), dueDate: new Date("2025-12-04T00:00:00Z") },
    });
    const s = (await adminUser.call("GET", "/api/stats?from=2025-11-01&to=2025-12-31&period=month")).body;
    expect(s.total).toMatchObject({ received: 1, closed: 1, onTimeRate: 0 });
    expect(s.trend).toEqual([{ period: "2025-12-01", received: 1, closed: 1, solved: 0 }]);
  });
});
