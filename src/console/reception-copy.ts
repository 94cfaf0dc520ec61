// Minimal local copy of the jobs branch's src/domain/reception.ts contract (replaced at merge).
import { z } from "zod";

export const receptionScheduleSchema = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("monthly"), day: z.number().int().min(1).max(31) }),
    z.object({ kind: z.literal("weekly"), weekday: z.number().int().min(1).max(7) }),
  ])
  .and(
    z.object({
      time: z.string().regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, "时间格式应为 HH:MM-HH:MM"),
      place: z.string().trim().min(1).max(100),
      deputyIds: z.array(z.number().int().positive()).default([]),
      holidayRule: z.enum(["next-workday", "keep"]).default("next-workday"),
    }),
  );
export type ReceptionSchedule = z.infer<typeof receptionScheduleSchema>;

const WEEKDAYS = ["一", "二", "三", "四", "五", "六", "日"];

export function describeReceptionSchedule(s: ReceptionSchedule): string {
  const when = s.kind === "monthly" ? `每月${s.day}日` : `每周${WEEKDAYS[s.weekday - 1]}`;
  return `${when} ${s.time}，${s.place}`;
}
