import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, admin, startTestApp, type TestApp } from "../helpers/test-app.ts";
import { SimGroup, numberIn } from "../helpers/sim-group.ts";
import { seedRoster } from "../helpers/roster.ts";

let t: TestApp;
let roster: Awaited<ReturnType<typeof seedRoster>>;
beforeAll(async () => {
  t = await startTestApp();
  roster = await seedRoster(t.baseUrl);
});
afterAll(async () => t?.stop());

describe("admin API", () => {
  it("is ready: /healthz", async () => {
    const res = await fetch(`${t.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("refuses missing or wrong tokens, and says how to configure one when none is set", async () => {
    expect((await fetch(`${t.baseUrl}/api/stations`)).status).toBe(401);
    const wrong = await fetch(`${t.baseUrl}/api/stations`, { headers: { authorization: "Bearer nope-nope-nope-nope" } });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error).toContain("令牌");
    const closed = await startTestApp({ ADMIN_TOKEN: "" });
    try {
      const res = await fetch(`${closed.baseUrl}/api/stations`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(res.status).toBe(403);
      expect((await res.json()).error).toContain("ADMIN_TOKEN");
    } finally {
      await closed.stop();
    }
  });

  it("validates input with field-level reasons in Chinese", async () => {
    const r = await admin(t.baseUrl, "POST", "/api/deputies", { name: "", level: "MAYOR", identities: [{ platform: "qq", userId: "" }] });
    expect(r.status).toBe(400);
    expect(Object.keys(r.body.fields)).toEqual(expect.arrayContaining(["name", "level", "identities.0.platform", "identities.0.userId"]));
    expect(Object.values(r.body.fields).join("")).toMatch(/[\u4e00-\u9fa5]/);
    const bad = await fetch(`${t.baseUrl}/api/stations`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toContain("JSON");
    expect((await admin(t.baseUrl, "POST", "/api/stations", { name: "东风镇代表联络站" })).status).toBe(409);
    expect((await admin(t.baseUrl, "POST", "/api/staff", { name: "某人", role: "STATION" })).status).toBe(400);
    expect(
      (await admin(t.baseUrl, "POST", "/api/deputies", { name: "重复", level: "CITY", identities: [{ platform: "simulator", userId: "dep-wang" }] })).status,
    ).toBe(409);
    expect((await admin(t.baseUrl, "GET", "/api/opinions?status=BOGUS")).status).toBe(400);
    expect((await admin(t.baseUrl, "GET", "/api/opinions/abc")).status).toBe(400);
    expect((await admin(t.baseUrl, "GET", "/api/opinions/424242")).status).toBe(404);
  });

  it("lists the roster it created", async () => {
    const deputies = (await admin(t.baseUrl, "GET", "/api/deputies")).body.deputies;
    expect(deputies.map((d: any) => d.name)).toEqual(["王建国", "赵丽", "孙强"]);
    expect(deputies[0].identities).toEqual([{ platform: "simulator", userId: "dep-wang" }]);
    expect(deputies[0].stationIds).toEqual([roster.east.id]);
    expect((await admin(t.baseUrl, "GET", "/api/staff")).body.staff).toHaveLength(2);
    expect((await admin(t.baseUrl, "GET", "/api/units")).body.units.map((u: any) => u.name)).toContain("县交通运输局");
    expect((await admin(t.baseUrl, "GET", "/api/stations")).body.stations).toHaveLength(2);
  });

  it("filters opinions by status, category, station and overdue", async () => {
    const g = new SimGroup(t.baseUrl, "api-village");
    await g.say("staff-liu", "绑定本群 东风镇代表联络站");
    const a = numberIn(await g.say("villager-1", "意见 村口路灯不亮了好几天"));
    const b = numberIn(await g.say("villager-2", "意见 垃圾桶满了没人清运，苍蝇很多"));
    await g.say("dep-wang", `认领 ${a}`);
    const byStatus = (await admin(t.baseUrl, "GET", "/api/opinions?status=IN_PROGRESS")).body;
    expect(byStatus.opinions.map((o: any) => o.number)).toEqual([a]);
    const byCategory = (await admin(t.baseUrl, "GET", `/api/opinions?category=${encodeURIComponent("环境卫生")}`)).body;
    expect(byCategory.opinions.map((o: any) => o.number)).toEqual([b]);
    expect((await admin(t.baseUrl, "GET", `/api/opinions?station=${roster.west.id}`)).body.total).toBe(0);
    expect((await admin(t.baseUrl, "GET", `/api/opinions?station=${roster.east.id}`)).body.total).toBe(2);
    expect((await admin(t.baseUrl, "GET", "/api/opinions?overdue=true")).body.total).toBe(0);
    await t.app.db.opinion.update({ where: { number: b }, data: { dueDate: new Date("2020-01-02T00:00:00Z") } });
    const overdue = (await admin(t.baseUrl, "GET", "/api/opinions?overdue=true")).body;
    expect(overdue.opinions.map((o: any) => o.number)).toEqual([b]);
    expect(overdue.opinions[0].overdue).toBe(true);
    const detail = (await admin(t.baseUrl, "GET", `/api/opinions/${b}`)).body;
    expect(detail.overdueWorkingDays).toBeGreaterThan(1000);
    expect(detail.events[0].action).toBe("receive");
  });
});
