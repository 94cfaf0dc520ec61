// F6: chat commands obey the console's station scoping. Staff of one station, sitting in another
// station's group, cannot rebind it, set its push address or purpose, pull its 周报, or merge into
// its matters; each refused attempt and each allowed change leaves an audit entry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin, type TestApp } from "../helpers/test-app.ts";
import { boundGroup, startRosterApp, type Roster } from "../helpers/console-fixture.ts";
import { SimGroup, numberIn } from "../helpers/sim-group.ts";

const PUSH_URL = "https://oapi.dingtalk.com/robot/send?access_token=scope-test";

let s: TestApp;
let roster: Roster;
let eastGroup: SimGroup;
let westGroup: SimGroup;

beforeAll(async () => {
  ({ t: s, roster } = await startRosterApp());
  await admin(s.baseUrl, "POST", "/api/staff", {
    name: "周干事",
    role: "STATION",
    stationIds: [roster.west.id],
    identities: [{ platform: "simulator", userId: "staff-zhou" }],
  });
  const east = await boundGroup(s.baseUrl, "scope-east", "东风村村民群", "staff-liu", "东风镇代表联络站");
  expect(east.answer).toContain("已绑定");
  const west = await boundGroup(s.baseUrl, "scope-west", "西山村村民群", "staff-zhou", "西山镇代表联络站");
  expect(west.answer).toContain("已绑定");
  eastGroup = east.group;
  westGroup = west.group;
}, 60_000);
afterAll(async () => {
  await s?.stop();
});

const groupRow = (chatId: string) => s.app.db.group.findUniqueOrThrow({ where: { platform_chatId: { platform: "simulator", chatId } } });
const auditOf = (action: string) => s.app.db.auditLog.findMany({ where: { action }, orderBy: { id: "asc" } });

describe("another station's staff in a group", () => {
  it("cannot rebind it: refused in Chinese, the group stays with its station, the attempt is audited", async () => {
    const before = await groupRow("scope-east");
    const reply = await eastGroup.say("staff-zhou", "绑定本群 西山镇代表联络站");
    expect(reply).toContain("本群属于「东风镇代表联络站」，您不是该站的工作人员");
    const after = await groupRow("scope-east");
    expect(after.stationId).toBe(roster.east.id);
    expect(after.boundAt).toEqual(before.boundAt);
    const refused = (await auditOf("chat.bindGroup")).filter((e: any) => e.detail.outcome === "refused");
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({
      target: `group:${before.id}`,
      detail: { platform: "simulator", userId: "staff-zhou", chatId: "scope-east", groupStationId: roster.east.id },
    });
  });

  it("cannot set its push address, purpose or ask for its 周报", async () => {
    expect(await eastGroup.say("staff-zhou", `设置推送地址 ${PUSH_URL}`)).toContain("您不是该站的工作人员");
    expect(await eastGroup.say("staff-zhou", "设置本群用途 站点工作群")).toContain("您不是该站的工作人员");
    expect(await eastGroup.say("staff-zhou", "周报")).toContain("您不是该站的工作人员");
    const g = await groupRow("scope-east");
    expect(g.webhookUrl).toBeNull();
    expect(g.purpose).toBe("village");
    for (const action of ["chat.setWebhook", "chat.setPurpose", "chat.weekly"]) {
      expect((await auditOf(action)).map((e: any) => [e.detail.userId, e.detail.outcome])).toEqual([["staff-zhou", "refused"]]);
    }
    // Nothing was posted to the group or to the asker besides the refusals.
    const out = await s.app.db.outboxMessage.findMany({ where: { chatId: { in: ["scope-east", "staff-zhou"] }, kind: "post" } });
    expect(out.filter((o) => JSON.stringify(o.payload).includes("每周汇总"))).toEqual([]);
  });

  it("cannot merge its own station's matter into another station's", async () => {
    const east = numberIn(await eastGroup.say("villager-a", "意见 东风村口的路灯坏了好几天了"));
    const west = numberIn(await westGroup.say("villager-b", "意见 西山村口的路灯也坏了好几天"));
    expect(await westGroup.say("staff-zhou", `合并 ${west} ${east}`)).toContain(`#${east} 属于其他联络站`);
    const target = await s.app.db.opinion.findUniqueOrThrow({ where: { number: east } });
    expect(target.cosignCount).toBe(0);
    expect((await s.app.db.opinion.findUniqueOrThrow({ where: { number: west } })).status).not.toBe("MERGED");
    expect(await s.app.db.opinionEvent.count({ where: { opinionId: target.id, action: "mergedFrom" } })).toBe(0);
    expect((await auditOf("chat.merge")).map((e: any) => [e.target, e.detail.userId])).toEqual([[`opinion:${east}`, "staff-zhou"]]);
    // And the other way round, as the console refuses it.
    expect(await eastGroup.say("staff-liu", `合并 ${east} ${west}`)).toContain(`#${west} 属于其他联络站`);
  });
});

describe("the group's own station and administrators", () => {
  it("own staff configure it; each change is audited", async () => {
    expect(await eastGroup.say("staff-liu", `设置推送地址 ${PUSH_URL}`)).toContain("已设置本群推送地址");
    expect(await eastGroup.say("staff-liu", "设置本群用途 站点工作群")).toContain("已将本群设为");
    const g = await groupRow("scope-east");
    expect(g.webhookUrl).toBe(PUSH_URL);
    expect(g.purpose).toBe("station-staff");
    const done = (await s.app.db.auditLog.findMany({ where: { action: { startsWith: "chat." } } })).filter(
      (e: any) => e.detail.outcome === "done" && e.detail.chatId === "scope-east" && e.action !== "chat.bindGroup",
    );
    expect(done.map((e) => e.action).sort()).toEqual(["chat.setPurpose", "chat.setWebhook"]);
    // The push address's token is not copied into the audit log.
    expect(JSON.stringify(done)).not.toContain("scope-test");
    expect(done.every((e) => e.actor === `staff:${roster.liu.id}`)).toBe(true);
  });

  it("an unbound group can be bound by staff only to their own station", async () => {
    const fresh = new SimGroup(s.baseUrl, "scope-fresh", "新村群");
    expect(await fresh.say("staff-liu", "绑定本群 西山镇代表联络站")).toContain("您不是「西山镇代表联络站」的工作人员");
    // The refused command's transaction is rolled back: the group is not bound (not even recorded yet).
    expect((await s.app.db.group.findUnique({ where: { platform_chatId: { platform: "simulator", chatId: "scope-fresh" } } }))?.stationId ?? null).toBeNull();
    expect(await fresh.say("staff-liu", "绑定本群 东风镇代表联络站")).toContain("已绑定");
    expect((await groupRow("scope-fresh")).stationId).toBe(roster.east.id);
  });

  it("an administrator may rebind any group; the county 周报 is for administrators only", async () => {
    expect(await westGroup.say("admin-chen", "绑定本群 东风镇代表联络站")).toContain("已绑定");
    expect((await groupRow("scope-west")).stationId).toBe(roster.east.id);
    const bind = (await auditOf("chat.bindGroup")).at(-1) as any;
    expect(bind).toMatchObject({ actor: `staff:${roster.chen.id}`, detail: { outcome: "done", fromStationId: roster.west.id, stationId: roster.east.id } });

    const admins = new SimGroup(s.baseUrl, "scope-admins", "县人大管理员群");
    expect(await admins.say("admin-chen", "设置本群用途 管理员群")).toContain("管理员群");
    expect(await admins.say("staff-liu", "周报")).toContain("全县周报仅限县人大常委会管理员查看");
    expect(await admins.say("admin-chen", "周报")).not.toContain("仅限");
  });
});
