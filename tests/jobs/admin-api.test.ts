import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin } from "../helpers/test-app.ts";
import { startScenario, type Scenario } from "./scenario.ts";

let s: Scenario;
beforeAll(async () => {
  s = await startScenario({}, { start: "2026-11-20 08:00" });
  await s.raise("2026-11-24 10:00", s.g.dongfeng, "v-zhang", "#道路交通 路灯不亮");
}, 60_000);
afterAll(async () => s?.t.stop());

const groupId = async (chatId: string) => (await s.t.app.db.group.findFirstOrThrow({ where: { chatId } })).id;

describe("jobs admin API", () => {
  it("lists the jobs with their schedule, next run and last runs", async () => {
    s.clock.set("2026-11-30 12:00");
    const { status, body } = await admin(s.t.baseUrl, "GET", "/api/jobs");
    expect(status).toBe(200);
    expect(body.jobs.map((j: any) => j.name)).toEqual([
      "weekly-summary",
      "staff-summary",
      "overdue",
      "rating-reminder",
      "reception-reminder",
      "monthly-report",
    ]);
    expect(body.jobs[0]).toMatchObject({ title: "每周群汇总", schedule: "0 9 * * 1", nextRunAt: "2026-12-07T01:00:00.000Z", lastRuns: [] });
  });

  it("runs a job now for one group, then for all, without posting twice", async () => {
    const dongfeng = await groupId("dongfeng");
    expect((await admin(s.t.baseUrl, "POST", "/api/jobs/weekly-summary/run", { groupId: dongfeng })).body).toEqual({ ran: 1, skipped: 0, failed: 0 });
    expect((await admin(s.t.baseUrl, "POST", "/api/jobs/weekly-summary/run", {})).body).toEqual({ ran: 2, skipped: 1, failed: 0 });
    expect(await s.posts(s.g.dongfeng, "【每周汇总】")).toHaveLength(1);
    const { body } = await admin(s.t.baseUrl, "GET", "/api/jobs");
    // One line per run of a period; per-group rows only when they failed.
    expect(body.jobs[0].lastRuns).toEqual([
      { key: "weekly-summary:2026-W48", status: "done", startedAt: expect.any(String), finishedAt: expect.any(String), detail: "发送 2，已发过 1，失败 0" },
    ]);
    expect(await s.t.app.db.jobRun.count({ where: { key: { startsWith: "weekly-summary:2026-W48:group-" } } })).toBe(3);
  });

  it("refuses unknown jobs, groups and bad bodies with a Chinese reason", async () => {
    const unknown = await admin(s.t.baseUrl, "POST", "/api/jobs/nope/run", {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toContain("weekly-summary");
    expect((await admin(s.t.baseUrl, "POST", "/api/jobs/weekly-summary/run", { groupId: "x" })).status).toBe(400);
    expect((await admin(s.t.baseUrl, "POST", "/api/jobs/weekly-summary/run", { groupId: 999 })).status).toBe(404);
    const noToken = await fetch(`${s.t.baseUrl}/api/jobs`);
    expect(noToken.status).toBeGreaterThanOrEqual(401);
    expect(noToken.status).toBeLessThan(404);
  });

  it("sets a group's purpose", async () => {
    const hongqi = await groupId("hongqi");
    const bad = await admin(s.t.baseUrl, "PUT", `/api/groups/${hongqi}/purpose`, { purpose: "party" });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain("站点工作群");
    expect((await admin(s.t.baseUrl, "PUT", `/api/groups/${hongqi}/purpose`, { purpose: "station-staff" })).body).toMatchObject({
      id: hongqi,
      purpose: "station-staff",
    });
    expect((await admin(s.t.baseUrl, "PUT", `/api/groups/${await groupId("county-admins")}/purpose`, { purpose: "station-staff" })).status).toBe(409);
    expect((await admin(s.t.baseUrl, "PUT", "/api/groups/999/purpose", { purpose: "village" })).status).toBe(404);
    expect((await admin(s.t.baseUrl, "PUT", `/api/groups/${hongqi}/purpose`, { purpose: "village" })).status).toBe(200);
  });

  it("validates reception schedules", async () => {
    const east = s.roster.east.id;
    const ok = await admin(s.t.baseUrl, "PUT", `/api/stations/${east}/reception-schedule`, {
      kind: "weekly",
      weekday: 2,
      time: "14:30-17:00",
      place: "东风村委会",
      deputyIds: [s.roster.wang.id, s.roster.zhao.id],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.description).toBe("每周二 14:30-17:00，东风村委会");
    const bad = await admin(s.t.baseUrl, "PUT", `/api/stations/${east}/reception-schedule`, { kind: "weekly", weekday: 9, time: "9点", place: "x" });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/星期应为 1–7/);
    expect(bad.body.error).toMatch(/HH:MM-HH:MM/);
    const foreign = await admin(s.t.baseUrl, "PUT", `/api/stations/${east}/reception-schedule`, {
      kind: "monthly",
      day: 10,
      time: "09:00-11:00",
      place: "x",
      deputyIds: [s.roster.sun.id],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error).toContain("不属于该联络站");
    expect(
      (await admin(s.t.baseUrl, "PUT", "/api/stations/999/reception-schedule", { kind: "monthly", day: 10, time: "09:00-11:00", place: "x" })).status,
    ).toBe(404);
  });

  it("lets staff set purposes in chat, and refuses citizens and unbound groups", async () => {
    expect(await s.g.dongfeng.say("v-zhang", "设置本群用途 管理员群")).toContain("仅限联络站工作人员");
    expect(await s.g.dongfeng.say("staff-liu", "设置本群用途 管理员群")).toContain("只有人大常委会管理员");
    const lone = new (s.g.dongfeng.constructor as any)(s.t.baseUrl, "lone", "新群");
    expect(await lone.say("staff-liu", "设置本群用途 站点工作群")).toContain("请先发送「绑定本群");
    expect(await s.g.admins.say("admin-chen", "设置本群用途 管理员群")).toContain("已将本群设为「管理员群」");
  });
});
