// The 承办单位 verbs called as the doors will call them: one transaction each on the test app, the clock
// the test's. Dates on the December 2026 calendar (no holidays): Mon 12-07 … Fri 12-11, Mon 12-14 … Fri 12-18.
// Right answers counted by hand; see also tests/unit/domain/deadlines.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { seedRoster } from "../helpers/roster.ts";
import { rawText } from "../../src/domain/rich-text.ts";
import { findActor } from "../../src/core/actors.ts";
import { dateFromDb } from "../../src/core/dates.ts";
import { createOpinion } from "../../src/core/opinions/create.ts";
import { assign } from "../../src/core/opinions/assign.ts";
import { close } from "../../src/core/opinions/close.ts";
import { extend } from "../../src/core/opinions/extend.ts";
import { reopen } from "../../src/core/opinions/reopen.ts";
import type { VerbEnv } from "../../src/core/opinions/verb.ts";
import { signFor } from "../../src/core/units/sign.ts";
import { returnToStation } from "../../src/core/units/return.ts";
import { requestExtension } from "../../src/core/units/request-extension.ts";
import { decideExtension } from "../../src/core/units/decide-extension.ts";
import { unitReply } from "../../src/core/units/unit-reply.ts";
import { figures } from "../../src/core/summaries/stats.ts";
import { computeStats, statsQuery } from "../../src/console/stats.ts";
import { opinionDetail } from "../../src/console/opinion-detail.ts";
import { runAction } from "../../src/console/actions.ts";

let now = new Date("2026-12-07T02:00:00Z"); // 10:00 in Beijing
const on = (day: string) => (now = new Date(`${day}T02:00:00Z`));

let t: TestApp;
let roster: Awaited<ReturnType<typeof seedRoster>>;
let roads: { id: number };

interface Sent {
  platform: string;
  chatId: string;
  chatType?: string;
  text: string;
}

/** Runs one verb as `userId` (a simulator identity) in its own transaction; what it said and posted. */
async function act(userId: string, verb: (env: VerbEnv) => Promise<void>): Promise<{ reply: string; posts: Sent[] }> {
  const replies: string[] = [];
  const posts: Sent[] = [];
  await t.app.db.$transaction(async (tx) => {
    const actor = await findActor(tx, "simulator", userId);
    await verb({
      ctx: t.app.core,
      tx,
      actor,
      group: null,
      reply: (m) => replies.push(rawText(m.body)),
      post: (target, m) => posts.push({ ...target, text: rawText(m.body) }),
    });
  });
  return { reply: replies.join("\n"), posts };
}

async function raise(text: string): Promise<number> {
  return t.app.db.$transaction(async (tx) => {
    const citizen = await tx.citizen.create({ data: { name: "村民" } });
    const { opinion } = await createOpinion(
      t.app.core,
      tx,
      { text, channel: "console", citizenId: citizen.id, stationId: roster.east.id, deputyId: roster.wang.id },
      "system",
    );
    return opinion.number;
  });
}

const matter = (number: number) =>
  t.app.db.opinion.findUniqueOrThrow({
    where: { number },
    include: {
      dispatches: { orderBy: { id: "asc" } },
      extensionRequests: true,
      deadlineChanges: { orderBy: { id: "asc" }, include: { event: true } },
      events: { orderBy: { id: "asc" } },
    },
  });
const history = async (number: number) =>
  (await matter(number)).deadlineChanges.map((c) => ({
    kind: c.kind,
    due: c.dueDate && dateFromDb(c.dueDate),
    target: c.targetDate && dateFromDb(c.targetDate),
    by: c.event.actorRole,
  }));

async function decemberFigures() {
  const map = await figures(
    t.app.db,
    "station",
    { from: new Date("2026-12-01T00:00:00Z"), to: new Date("2027-01-01T00:00:00Z"), today: t.app.core.today(), tz: "Asia/Shanghai" },
    roster.east.id,
  );
  return map.get(roster.east.id)!;
}

beforeAll(async () => {
  t = await startTestApp({}, { now: () => now });
  roster = await seedRoster(t.baseUrl);
  roads = await t.app.db.unit.findUniqueOrThrow({ where: { name: "县交通运输局" } });
  await t.app.db.unitLiaison.create({ data: { unitId: roads.id, name: "李科长", identities: { create: { platform: "simulator", userId: "unit-li" } } } });
  await t.app.db.group.create({ data: { platform: "simulator", chatId: "roads-group", name: "交通局工作群", purpose: "unit", unitId: roads.id } });
  await t.app.db.group.create({
    data: { platform: "simulator", chatId: "east-staff", name: "东风站工作群", purpose: "station-staff", stationId: roster.east.id },
  });
}, 120_000);

afterAll(() => t?.stop());

describe("a unit in the loop", () => {
  it("receives the dispatch, signs, gets an extension approved, replies; closed on time", async () => {
    on("2026-12-07");
    const n = await raise("村口桥头路面塌了一个大坑，电话13912345678");
    const assigned = await act("dep-wang", (env) => assign(env, n, "县交通运输局", 5));
    expect(assigned.reply).toBe(`已将 #${n} 转交「县交通运输局」办理，办理时限 12月14日（5个工作日）。`);
    // The liaison in a direct chat and the unit's group: number, masked text, station, deputy, deadline, commands.
    const notices = assigned.posts.filter((p) => p.text.startsWith("【交办】"));
    expect(notices.map((p) => [p.chatId, p.chatType])).toEqual([
      ["unit-li", "direct"],
      ["roads-group", "group"],
    ]);
    const notice = notices[0]!.text;
    for (const part of [
      `#${n}`,
      "东风镇代表联络站",
      "王建国",
      "办理时限：12月14日",
      "12月8日 前签收",
      `签收 ${n}`,
      `退回 ${n} 理由`,
      `申请延期 ${n}`,
      `答复 ${n}`,
    ])
      expect(notice).toContain(part);
    expect(notice).not.toContain("13912345678");

    expect((await act("unit-li", (env) => signFor(env, n))).reply).toBe(`已签收 #${n}，办理时限 12月14日。办好后请「答复 ${n} 办理结果」。`);

    on("2026-12-10");
    const asked = await act("unit-li", (env) => requestExtension(env, n, 3, "需要采购沥青"));
    expect(asked.reply).toContain("审批前办理时限仍为 12月14日");
    expect(asked.posts.map((p) => p.chatId)).toEqual(["dep-wang", "east-staff"]);
    expect(asked.posts[0]!.text).toContain(`批准延期 ${n}`);
    await expect(act("unit-li", (env) => requestExtension(env, n, 2, "再要两天"))).rejects.toThrow(/等待联络站审批/);

    on("2026-12-11");
    const approved = await act("staff-liu", (env) => decideExtension(env, n, true));
    // From the deadline in force: 12-15, 12-16, 12-17.
    expect(approved.reply).toContain("办理时限延至 12月17日");
    expect(approved.posts.map((p) => p.chatId)).toEqual(["unit-li", "roads-group", "dep-wang"]);

    on("2026-12-16");
    const replied = await act("unit-li", (env) => unitReply(env, n, "已于12月15日修补完毕"));
    expect(replied.posts.map((p) => p.chatId)).toEqual(["dep-wang", "east-staff"]);
    expect(replied.posts[0]!.text).toContain("【单位答复】");
    expect(replied.posts[0]!.text).toContain("已于12月15日修补完毕");
    await act("dep-wang", (env) => close(env, n, "A", "路面已修补"));

    const m = await matter(n);
    expect(m.events.map((e) => [e.action, e.actorRole])).toEqual([
      ["receive", "system"],
      ["assign", "deputy"],
      ["sign", "unit"],
      ["requestExtension", "unit"],
      ["approveExtension", "staff"],
      ["unitReply", "unit"],
      ["close", "deputy"],
    ]);
    expect(m.events.find((e) => e.action === "sign")!.actorRef).toMatch(/^liaison:\d+$/);
    expect(m.dispatches).toHaveLength(1);
    expect(m.dispatches[0]).toMatchObject({ recipients: 2, replyText: "已于12月15日修补完毕", returnedAt: null });
    expect(m.dispatches[0]!.signedAt).not.toBeNull();
    expect(m.extensionRequests[0]).toMatchObject({ days: 3, decision: "APPROVED", requesterRole: "unit", requesterName: "李科长", deciderName: "刘站长" });
    expect(await history(n)).toEqual([
      { kind: "original", due: "2026-12-24", target: null, by: "system" },
      { kind: "dispatch", due: "2026-12-14", target: null, by: "deputy" },
      { kind: "extension", due: "2026-12-17", target: null, by: "staff" },
    ]);
    expect(await decemberFigures()).toMatchObject({ closed: 1, closedOnTime: 1 });
  });

  it("an overdue matter stays overdue: re-dispatch keeps the clock, a late extension only sets a target", async () => {
    on("2026-12-07");
    const n = await raise("河边护栏断了");
    const unreached = await act("dep-wang", (env) => assign(env, n, "县供电公司", 2));
    expect(unreached.reply).toContain("「县供电公司」还没有绑定联系人或工作群，交办通知未能送达");
    expect((await matter(n)).dispatches[0]).toMatchObject({ recipients: 0 });

    on("2026-12-14"); // due 12-09: 12-10, 12-11, 12-14 overdue
    await expect(act("unit-li", (env) => signFor(env, n))).rejects.toThrow(/没有交办给您的单位/);
    await expect(act("dep-wang", (env) => requestExtension(env, n, 5, "需要协调"))).rejects.toThrow(/12月9日 已过（已超期 3 个工作日），不能再申请延期/);
    const again = await act("staff-liu", (env) => assign(env, n, "县交通运输局", 1));
    expect(again.reply).toBe(`已将 #${n} 转交「县交通运输局」办理。原办理时限 12月9日 已过（已超期 3 个工作日，仍计超期），新的办理目标 12月15日。`);
    expect(again.posts.find((p) => p.chatId === "unit-li")!.text).toContain("办理时限：12月15日");
    const late = await act("staff-liu", (env) => extend(env, n, 2, "材料未到"));
    expect(late.reply).toContain("延期只登记新的办理目标 12月16日（2个工作日），仍计为超期");
    await act("unit-li", (env) => signFor(env, n));

    on("2026-12-15");
    await act("staff-liu", (env) => close(env, n, "A", "护栏已修复"));
    expect(await history(n)).toEqual([
      { kind: "original", due: "2026-12-24", target: null, by: "system" },
      { kind: "dispatch", due: "2026-12-09", target: null, by: "deputy" },
      { kind: "redispatch", due: "2026-12-09", target: "2026-12-15", by: "staff" },
      { kind: "lateExtension", due: "2026-12-09", target: "2026-12-16", by: "staff" },
    ]);
    const m = await matter(n);
    expect(m.dispatches.map((d) => d.recipients)).toEqual([0, 2]);
    // The first matter on time, this one not.
    expect(await decemberFigures()).toMatchObject({ closed: 2, closedOnTime: 1 });
  });

  it("退回 sends the matter back to the station; the re-dispatch does not restart the clock", async () => {
    on("2026-12-07");
    const n = await raise("自来水管道漏水");
    await act("dep-wang", (env) => assign(env, n, "县交通运输局", 5));
    await expect(act("unit-li", (env) => returnToStation(env, n, " "))).rejects.toThrow(/请说明退回理由/);
    const back = await act("unit-li", (env) => returnToStation(env, n, "供水不属于本单位职责，建议转县水务公司"));
    expect(back.posts.map((p) => p.chatId)).toEqual(["dep-wang", "east-staff"]);
    expect(back.posts[1]!.text).toContain("【退回】");
    expect(back.posts[1]!.text).toContain("建议转县水务公司");
    const m = await matter(n);
    expect(m.unitId).toBeNull();
    expect(m.dispatches[0]).toMatchObject({ returnReason: "供水不属于本单位职责，建议转县水务公司" });
    await expect(act("unit-li", (env) => unitReply(env, n, "已处理"))).rejects.toThrow(/没有交办给您的单位/);

    on("2026-12-09");
    const again = await act("staff-liu", (env) => assign(env, n, "县供电公司", 10));
    expect(again.reply).toContain("办理时限仍为 12月14日（重新转办不重新计时）");
    expect((await history(n)).map((h) => [h.kind, h.due])).toEqual([
      ["original", "2026-12-24"],
      ["dispatch", "2026-12-14"],
      ["redispatch", "2026-12-14"],
    ]);
  });

  it("a refused extension keeps the deadline; units cannot use the handling verbs; staff act for a unit on record", async () => {
    on("2026-12-07");
    const n = await raise("路灯不亮");
    await act("dep-wang", (env) => assign(env, n, "县交通运输局", 5));
    await expect(act("unit-li", (env) => close(env, n, "A", "修好了"))).rejects.toThrow(/仅限人大代表和联络站工作人员/);
    await act("staff-liu", (env) => signFor(env, n));
    await act("unit-li", (env) => requestExtension(env, n, 5, "等待配件"));
    await expect(act("dep-wang", (env) => decideExtension(env, n, true))).rejects.toThrow(/仅限联络站工作人员/);
    const refused = await act("staff-liu", (env) => decideExtension(env, n, false, "本周内可完成"));
    expect(refused.reply).toContain("未获批准，办理时限仍为 12月14日。说明：本周内可完成");
    const m = await matter(n);
    expect(dateFromDb(m.dueDate!)).toBe("2026-12-14");
    expect(m.extensionRequests[0]).toMatchObject({ decision: "REFUSED", decisionNote: "本周内可完成" });
    expect(m.events.find((e) => e.action === "sign")).toMatchObject({ actorRole: "staff", data: { unit: "县交通运输局", onBehalf: true } });
  });

  it("a round closed late stays late through 重新办理; the console shows the history and the figures", async () => {
    on("2026-12-07");
    const n = await raise("垃圾清运不及时");
    await act("dep-wang", (env) => assign(env, n, "县交通运输局", 2)); // due 12-09
    on("2026-12-11");
    await act("dep-wang", (env) => close(env, n, "A", "已清运")); // 12-10, 12-11 late
    await act("staff-liu", (env) => reopen(env, n, "群众反映又堆积了"));
    on("2026-12-14");
    await act("dep-wang", (env) => close(env, n, "A", "已安排每日清运"));
    const detail = JSON.parse(JSON.stringify(await opinionDetail(t.app.core, { kind: "token" }, n)));
    // 13 working days from 12-11: 12-14 … 12-18, 12-21 … 12-25, 12-28, 12-29, 12-30.
    expect(detail).toMatchObject({ dueDate: "2026-12-30", targetDate: null, overdueDays: 0, overdueDaysTotal: 2, closedOnTime: false });
    expect(detail.deadlines.map((d: any) => [d.label, d.dueDate, d.lateDays, d.actorName])).toEqual([
      ["受理时限", "2026-12-24", 0, "系统"],
      ["交办时限", "2026-12-09", 0, "王建国"],
      ["重新办理", "2026-12-30", 2, "刘站长"],
    ]);
    expect(detail.dispatches).toEqual([
      expect.objectContaining({ unit: expect.objectContaining({ name: "县交通运输局" }), signDueDate: "2026-12-08", recipients: 2, signedAt: null }),
    ]);

    // Closed this month at the east station: the first matter on time; the second and this one late.
    expect(await decemberFigures()).toMatchObject({ closed: 3, closedOnTime: 1 });
    const stats = await computeStats(t.app.core, statsQuery.parse({ from: "2026-12-01", to: "2026-12-31", station: String(roster.east.id) }), undefined);
    expect(stats.total).toMatchObject({ received: 5, closed: 3, onTimeRate: 33.3, overdue: 0 });
  });

  it("a console 转办 without group feedback still tells the unit", async () => {
    on("2026-12-14");
    const n = await raise("排水沟堵塞");
    const result = await runAction(t.app.core, { kind: "token" }, n, { action: "assignUnit", unitId: roads.id, days: 3 }, { notify: false, preview: false });
    expect(result).toMatchObject({ posted: false, message: `已将 #${n} 转交「县交通运输局」办理，办理时限 12月17日（3个工作日）。` });
    const queued = await t.app.db.outboxMessage.findMany({ where: { chatId: { in: ["unit-li", "roads-group"] } }, orderBy: { id: "desc" }, take: 2 });
    expect(queued.map((q) => q.chatType).sort()).toEqual(["direct", "group"]);
    expect(JSON.stringify(queued[0]!.payload)).toContain(`#${n}`);
  });
});
