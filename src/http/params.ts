// Query and path parameters parsed strictly: a value the database or the date functions cannot
// take is a 400 with a reason here, not an exception further in.
import { z } from "zod";

/** A real calendar date: 2024-02-31 and 2024-13-01 are refused rather than rolled over or thrown on later. */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD")
  .refine((d) => {
    const [y, m, day] = d.split("-").map(Number) as [number, number, number];
    const parsed = new Date(Date.UTC(y, m - 1, day));
    return y >= 1970 && y <= 2999 && parsed.getUTCMonth() === m - 1 && parsed.getUTCDate() === day;
  }, "不是有效的日期（YYYY-MM-DD）");

/** Row ids and opinion numbers are 32-bit integers in the database. */
export const rowId = z.coerce.number().int().positive().max(2_147_483_647, "超出范围");

export const pageParams = {
  page: z.coerce.number().int().min(1).max(100_000, "页码超出范围").default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};
