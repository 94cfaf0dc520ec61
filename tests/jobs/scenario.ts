// A county in miniature for the job tests: two stations, three village groups, a station staff group
// and the administrators' group, driven through the simulator on a clock the test sets.
import { admin, startTestApp, type TestApp } from "../helpers/test-app.ts";
import { SimGroup, numberIn } from "../helpers/sim-group.ts";
import { seedRoster } from "../helpers/roster.ts";
import type { Logger } from "../../src/logger.ts";

export class Clock {
  private t: Date;
  constructor(iso: string) {
    this.t = new Date(iso);
  }
  readonly now = () => new Date(this.t);
  /** Local Beijing time, e.g. "2026-11-30 09:00". */
  set(local: string) {
    this.t = new Date(`${local.replace(" ", "T")}:00+08:00`);
  }
}

export type Scenario = Awaited<ReturnType<typeof startScenario>>;

export async function startScenario(env: Record<string, string> = {}, opts: { logger?: Logger; start?: string; schema?: string; keepSchema?: boolean } = {}) {
  const clock = new Clock("2026-11-02T08:00:00+08:00");
  if (opts.start) clock.set(opts.start);
  const t: TestApp = await startTestApp(env, { now: clock.now, logger: opts.logger, schema: opts.schema, keepSchema: opts.keepSchema });
  const roster = await seedRoster(t.baseUrl);
  const g = {
    dongfeng: new SimGroup(t.baseUrl, "dongfeng", "东风村村民群"),
    hongqi: new SimGroup(t.baseUrl, "hongqi", "红旗村村民群"),
    xishan: new SimGroup(t.baseUrl, "xishan", "西山村村民群"),
    staff: new SimGroup(t.baseUrl, "east-staff", "东风站工作群"),
    admins: new SimGroup(t.baseUrl, "county-admins", "县人大管理员群"),
  };
  for (const group of [g.dongfeng, g.hongqi, g.staff]) await group.say("staff-liu", "绑定本群 东风镇代表联络站");
  await g.xishan.say("admin-chen", "绑定本群 西山镇代表联络站");
  await g.staff.say("staff-liu", "设置本群用途 站点工作群");
  await g.admins.say("admin-chen", "设置本群用途 管理员群");
  await admin(t.baseUrl, "PUT", `/api/stations/${roster.east.id}/reception-schedule`, {
    kind: "monthly",
    day: 10,
    time: "09:00-11:30",
    place: "东风村委会二楼",
    deputyIds: [roster.wang.id],
    holidayRule: "next-workday",
  });
  await t.app.outbox.drain();

  const deputyChat = (userId: string) => new SimGroup(t.baseUrl, userId, userId, "direct");
  /** Says `text` at local time `at` in a group and returns the reply. */
  const sayAt = async (at: string, group: SimGroup, who: string, text: string) => {
    clock.set(at);
    return group.say(who, text);
  };
  const raise = async (at: string, group: SimGroup, who: string, text: string) => numberIn(await sayAt(at, group, who, `意见 ${text}`));
  /** Bot posts in a chat (after the outbox is drained), newest last. */
  const posts = async (group: SimGroup, marker: string) => {
    await t.app.outbox.drain();
    return (await group.transcript()).filter((l) => l.direction === "out" && l.text.includes(marker)).map((l) => l.text);
  };
  return { t, clock, roster, g, deputyChat, sayAt, raise, posts };
}
