// What a database starts with: the built-in categories always, a demo roster on request.
import type { Db } from "../db/client.ts";
import { DEFAULT_CATEGORIES } from "../domain/classify.ts";
import { deputySlug } from "../domain/slug.ts";

/** The built-in categories exist on every database; staff extend their keywords and deadlines. */
export async function ensureCategories(db: Db): Promise<void> {
  await db.category.createMany({ data: DEFAULT_CATEGORIES.map((name, i) => ({ name, keywords: [], sortOrder: i })), skipDuplicates: true });
}

export const DEMO_CHAT_ID = "demo-village";

/** A small, clearly marked demo roster so the simulator is useful at once (embedded database only). */
export async function seedDemo(db: Db): Promise<boolean> {
  if ((await db.station.count()) > 0) return false;
  await db.$transaction(async (tx) => {
    const station = await tx.station.create({
      data: {
        name: "城关镇代表联络站（演示）",
        township: "城关镇",
        address: "城关镇人民路1号",
        receptionSchedule: { kind: "monthly", day: 10, time: "09:00-11:30", place: "城关镇人民路1号 联络站一楼", deputyIds: [], holidayRule: "next-workday" },
      },
    });
    const wang = await tx.deputy.create({
      data: {
        name: "王建国（演示）",
        level: "COUNTY",
        duties: "县人大代表、幸福村党支部书记",
        reception: "每月10日上午 城关镇代表联络站",
        slug: deputySlug(),
        stations: { create: [{ stationId: station.id }] },
      },
    });
    const li = await tx.deputy.create({
      data: {
        name: "李秀英（演示）",
        level: "TOWNSHIP",
        duties: "镇人大代表、乡村医生",
        phone: "13800001234",
        phonePublic: true,
        reception: "每周二下午",
        slug: deputySlug(),
        stations: { create: [{ stationId: station.id }] },
      },
    });
    const zhang = await tx.staff.create({
      data: { name: "张站长（演示）", role: "STATION", title: "站长", stations: { create: [{ stationId: station.id }] } },
    });
    await tx.identity.createMany({
      data: [
        { platform: "simulator", userId: "deputy-wang", displayName: wang.name, deputyId: wang.id },
        { platform: "simulator", userId: "deputy-li", displayName: li.name, deputyId: li.id },
        { platform: "simulator", userId: "staff-zhang", displayName: zhang.name, staffId: zhang.id },
      ],
    });
    await tx.group.create({
      data: { platform: "simulator", chatId: DEMO_CHAT_ID, name: "幸福村村民群（演示）", area: "幸福村", stationId: station.id, boundAt: new Date() },
    });
    await tx.unit.createMany({
      data: [{ name: "县交通运输局" }, { name: "县住房和城乡建设局" }, { name: "县供电公司" }, { name: "城关镇人民政府" }],
      skipDuplicates: true,
    });
  });
  return true;
}
