// What the job definitions share: who receives posts, the reporting ranges, and how dates read.
import type { Tx } from "../../db/client.ts";
import type { OutboundMessage } from "../../channels/types.ts";
import type { OutboxItem } from "../../outbox/enqueue.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { addDays, isoWeekday, startOfDay } from "../time.ts";
import { shortDate } from "../../core/dates.ts";
import { WEEKDAY_NAMES } from "../../domain/reception.ts";
import type { Figures, Range } from "../stats.ts";

export const GROUP_PURPOSES = ["village", "station-staff", "admin"] as const;
export type GroupPurpose = (typeof GROUP_PURPOSES)[number];
export const PURPOSE_LABEL: Record<GroupPurpose, string> = { village: "村民群", "station-staff": "站点工作群", admin: "管理员群" };

export interface GroupTarget {
  id: number;
  platform: string;
  chatId: string;
  name: string | null;
  stationId: number | null;
}

/** Bound groups of a purpose (admin groups need no station), optionally one group or one station's. */
export async function groupsFor(db: Tx, purpose: GroupPurpose, opts: { groupId?: number; stationId?: number } = {}): Promise<GroupTarget[]> {
  return db.group.findMany({
    where: {
      purpose,
      ...(purpose === "admin" ? {} : { stationId: opts.stationId ?? { not: null } }),
      ...(opts.groupId !== undefined ? { id: opts.groupId } : {}),
    },
    select: { id: true, platform: true, chatId: true, name: true, stationId: true },
    orderBy: { id: "asc" },
  });
}

export function postTo(g: Pick<GroupTarget, "platform" | "chatId">, message: OutboundMessage): OutboxItem {
  return { platform: g.platform, chatId: g.chatId, chatType: "group", kind: "post", message };
}

/** The seven local days before `dueDate` (Monday 09:00 → last Monday to Sunday). */
export function lastWeek(dueDate: string, today: string, tz: string): Range & { label: string } {
  const first = addDays(dueDate, -7);
  return { from: startOfDay(first, tz), to: startOfDay(dueDate, tz), today, tz, label: `${shortDate(first)}—${shortDate(addDays(dueDate, -1))}` };
}

/** The calendar month before `dueDate`'s month. */
export function lastMonth(dueDate: string, today: string, tz: string): Range & { label: string; firstDay: string; endDay: string } {
  const [y, m] = dueDate.split("-").map(Number);
  const endDay = `${y}-${String(m).padStart(2, "0")}-01`;
  const firstDay = m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, "0")}-01`;
  return { from: startOfDay(firstDay, tz), to: startOfDay(endDay, tz), today, tz, firstDay, endDay, label: `${Number(firstDay.slice(0, 4))}年${Number(firstDay.slice(5, 7))}月` };
}

/** "12月9日（周三）" */
export const mdw = (d: string) => `${shortDate(d)}（${WEEKDAY_NAMES[isoWeekday(d)]}）`;

/** Names of each station's active deputies, in roster order. */
export async function stationDeputies(db: Tx, stationIds?: number[]): Promise<Map<number, { id: number; name: string }[]>> {
  const rows = await db.$queryRaw<{ stationId: number; id: number; name: string }[]>`
    SELECT ds."stationId", d.id, d.name FROM "DeputyStation" ds JOIN "Deputy" d ON d.id = ds."deputyId"
    WHERE d.active ${stationIds ? Prisma.sql`AND ds."stationId" IN (${Prisma.join(stationIds.length ? stationIds : [0])})` : Prisma.empty}
    ORDER BY ds."stationId", d.id`;
  const out = new Map<number, { id: number; name: string }[]>();
  for (const r of rows) out.set(r.stationId, [...(out.get(r.stationId) ?? []), { id: r.id, name: r.name }]);
  return out;
}

export const percent = (n: number | undefined) => (n === undefined ? "—" : `${n}%`);

/** "A类 3、C类 1": the result classes that occur. */
export const classes = (f: Figures) =>
  (["A", "B", "C", "D"] as const)
    .filter((c) => f.byClass[c])
    .map((c) => `${c}类 ${f.byClass[c]}`)
    .join("、");

/** "#道路交通 路灯坏了" reads "路灯坏了" in a list that already names the category. */
export const withoutTags = (text: string) => text.replace(/[#＃]\S+\s*/g, "").trim() || text;
