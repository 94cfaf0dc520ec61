// 公示 control: staff hide a matter from the public pages (/s/<id>, the deputy page) or show it,
// station-scoped like every console action and recorded as an event in the matter's history.
import { z } from "zod";
import type { CoreContext } from "../core/context.ts";
import { recordEvent } from "../core/opinions/transition.ts";
import { policyOf } from "../core/visibility.ts";
import { hiddenFromPublic, isPrivateChannel, publicEvent, PUBLIC_EVENT_LABEL } from "../domain/visibility.ts";
import { notFound } from "../errors.ts";
import { actorOf, requireStation, type Principal } from "../http/auth/principal.ts";

/** true: hide; false: show; null: back to the default (private channels and personal categories hidden). */
export const publicDisplayBody = z.object({ hidden: z.boolean().nullable() });

export interface PublicDisplay {
  /** Staff's decision, or null for the default. */
  decision: boolean | null;
  /** Whether the public pages list it (once it is closed). */
  shown: boolean;
  /** Why, in the console's words. */
  reason: string;
}

export function publicDisplay(ctx: CoreContext, o: { channel: string; category: string; publicHidden: boolean | null }): PublicDisplay {
  const shown = !hiddenFromPublic(o, policyOf(ctx.config));
  const reason =
    o.publicHidden !== null
      ? "工作人员设置"
      : isPrivateChannel(o.channel)
        ? "默认：代表码和工作人员登记的事项不公示"
        : !shown
          ? `默认：「${o.category}」属个人事项分类，不公示`
          : "默认：办结后在公示页显示（内容打码）";
  return { decision: o.publicHidden, shown, reason };
}

export async function setPublicDisplay(ctx: CoreContext, p: Principal, number: number, hidden: boolean | null): Promise<PublicDisplay & { message: string }> {
  const updated = await ctx.db.$transaction(async (tx) => {
    const o = await tx.opinion.findUnique({ where: { number }, select: { id: true, stationId: true } });
    if (!o) throw notFound(number);
    requireStation(p, o.stationId);
    const row = await tx.opinion.update({ where: { id: o.id }, data: { publicHidden: hidden }, select: { channel: true, category: true, publicHidden: true } });
    await recordEvent(tx, o.id, { action: publicEvent(hidden), actor: actorOf(p), data: { publicHidden: hidden } });
    return row;
  });
  const display = publicDisplay(ctx, updated);
  return { ...display, message: `#${number} 已${PUBLIC_EVENT_LABEL[publicEvent(hidden)]}：公示页${display.shown ? "显示（内容打码）" : "不显示"}。` };
}
