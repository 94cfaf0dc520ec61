// The 台账 as the offices keep it in Excel: one row per matter, every date, the unit, the result, the rating.
import type { CoreContext } from "../core/context.ts";
import { dateFromDb } from "../core/dates.ts";
import { localDate } from "../domain/workdays.ts";
import { RATING_LABEL, RESULT_LABEL, STATUS_LABEL, isOverdue } from "../domain/lifecycle.ts";
import { ledgerInclude, ledgerOrder, ledgerWhere, type LedgerQuery } from "./ledger.ts";
import { toXlsx, type Cell } from "./sheets.ts";

export const LEDGER_HEADERS = [
  "编号",
  "受理日期",
  "联络站",
  "群",
  "分类",
  "内容",
  "反映人",
  "联系电话",
  "状态",
  "跟进代表",
  "承办单位",
  "交办日期",
  "办理时限",
  "答复日期",
  "办结日期",
  "结果类别",
  "办理结果",
  "评价",
  "评价日期",
  "附议人数",
  "重办次数",
  "是否超期",
  "说明",
];
const WIDTHS = [8, 12, 20, 18, 10, 50, 10, 14, 10, 10, 18, 12, 12, 12, 12, 22, 40, 10, 12, 8, 8, 8, 30];
export const MAX_EXPORT_ROWS = 50_000;

export async function ledgerWorkbook(ctx: CoreContext, q: LedgerQuery, scope: number[] | undefined): Promise<Buffer> {
  const day = (d: Date | null) => (d ? localDate(d, ctx.config.BOT_TIMEZONE) : "");
  const today = ctx.today();
  const rows = await ctx.db.opinion.findMany({ where: ledgerWhere(ctx, q, scope), orderBy: ledgerOrder(q), take: MAX_EXPORT_ROWS, include: ledgerInclude });
  const cells: Cell[][] = rows.map((o) => {
    const due = o.dueDate ? dateFromDb(o.dueDate) : "";
    return [
      o.number,
      day(o.createdAt),
      o.station?.name,
      o.group?.name,
      o.category,
      o.text,
      o.citizen?.name,
      o.contactPhone ?? o.citizen?.phone,
      STATUS_LABEL[o.status],
      o.deputy?.name,
      o.unit?.name,
      day(o.assignedAt),
      due,
      day(o.repliedAt),
      day(o.closedAt),
      o.resultClass ? `${o.resultClass} ${RESULT_LABEL[o.resultClass]}` : "",
      o.resultText ?? o.replyText,
      o.rating ? RATING_LABEL[o.rating] : "",
      day(o.ratedAt),
      o.cosignCount,
      o.reopenCount,
      isOverdue(o.status, due, today) ? "是" : "否",
      o.closeReason,
    ];
  });
  return toXlsx([{ name: "意见建议台账", headers: LEDGER_HEADERS, rows: cells, widths: WIDTHS }]);
}
