// One reminder to rate a closed matter, N days after closing; then never again (the claim is per
// matter and per closing, so a matter reopened and closed again may be reminded once more).
import { ratingButtons } from "../../domain/matter-text.ts";
import { excerpt } from "../../domain/user-text.ts";
import { lines, md } from "../../domain/rich-text.ts";
import type { OutboundMessage } from "../../channels/types.ts";
import type { Job } from "../types.ts";
import { withoutTags } from "../../core/summaries/format.ts";
import { postTo } from "./common.ts";

const DAY_MS = 86_400_000;
/** Matters closed long before the job existed are not chased at first deploy. */
const LOOK_BACK_DAYS = 14;

export function ratingReminder(o: { number: number; text: string }, submitterId: string | null): OutboundMessage {
  return {
    title: md`请评价 #${o.number}`,
    card: "rating",
    body: lines(
      md`**【请您评价】#${o.number}**`,
      md`您反映的「${excerpt(withoutTags(o.text), 30)}」已办结，请对办理结果作出评价：`,
      md`发送「评价 ${o.number} 满意/基本满意/不满意」，或点下方按钮。`,
    ),
    buttons: ratingButtons(o.number),
    ...(submitterId ? { mentions: [submitterId] } : {}),
  };
}

export function ratingReminderJob(schedule: string, afterDays: number): Job {
  return {
    name: "rating-reminder",
    title: "评价提醒",
    schedule,
    catchUpDays: 0,
    period: (dueDate) => dueDate,
    async plan(ctx, run) {
      const cutoff = new Date(run.due.getTime() - afterDays * DAY_MS);
      const rows = await ctx.db.opinion.findMany({
        where: {
          status: "CLOSED",
          rating: null,
          closedAt: { lte: cutoff, gt: new Date(cutoff.getTime() - LOOK_BACK_DAYS * DAY_MS) },
          groupId: run.groupId ?? { not: null },
        },
        select: {
          id: true,
          number: true,
          text: true,
          reopenCount: true,
          submitterPlatformUserId: true,
          group: { select: { id: true, platform: true, chatId: true } },
        },
        orderBy: { number: "asc" },
      });
      return rows.map((o) => ({
        key: `rating-reminder:opinion-${o.id}:closing-${o.reopenCount}`,
        label: `group ${o.group!.id} #${o.number}`,
        build: () => [postTo(o.group!, ratingReminder(o, o.submitterPlatformUserId))],
      }));
    },
  };
}
