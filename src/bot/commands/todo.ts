// 待办: a deputy's or staff member's open matters, split between what the group may read and a
// direct message. The verbs on one matter live in core/opinions/, shared with the console.
import { AppError } from "../../errors.ts";
import { reachable } from "../../core/actors.ts";
import { transition } from "../../core/opinions/transition.ts";
import { shortDate, dateFromDb } from "../../core/dates.ts";
import { ACTIVE_STATUSES, isDismissed, STATUS_LABEL } from "../../domain/lifecycle.ts";
import { matterText, text } from "../../domain/matter-text.ts";
import { groupTarget, policyOf, seenBy, viewerOf } from "../../core/visibility.ts";
import { showsText, type Shown } from "../../domain/visibility.ts";
import type { Opinion } from "../../generated/prisma/client.ts";
import { join, md, trusted, type Rich } from "../../domain/rich-text.ts";
import type { CommandEnv } from "../env.ts";
import { opinionToHandle, findOpinion } from "../../core/opinions/load.ts";
import type { OutboundMessage } from "../../channels/types.ts";

export async function todo(env: CommandEnv): Promise<void> {
  const { actor, group, msg } = env;
  if (actor.role === "citizen")
    throw new AppError("not_official", { userMessage: "「待办」仅限人大代表和工作人员使用。群众请发送「我的」查看自己反映的事项。" });
  const stationIds = actor.role === "admin" ? undefined : [...new Set([...(actor.deputy?.stationIds ?? []), ...(actor.staff?.stationIds ?? [])])];
  const list = await env.tx.opinion.findMany({
    where: {
      status: { in: ACTIVE_STATUSES },
      ...reachable(actor),
      ...(stationIds ? { OR: [{ stationId: { in: stationIds } }, ...(actor.deputy ? [{ deputyId: actor.deputy.id }] : [])] } : {}),
      ...(actor.deputy && actor.role === "deputy" ? { AND: [{ OR: [{ deputyId: null }, { deputyId: actor.deputy.id }] }] } : {}),
    },
    orderBy: [{ dueDate: "asc" }, { number: "asc" }],
    take: 15,
  });
  if (!list.length) {
    env.reply(text(md`暂无待办事项。`));
    return;
  }
  const policy = policyOf(env.ctx.config);
  const inDirect = seenBy({ kind: "direct", viewer: viewerOf(actor) }, policy);
  if (!group) {
    env.reply(
      todoList(
        env,
        list.map((o) => ({ o, shown: inDirect(o) })).filter((x) => showsText(x.shown)),
        md`待办`,
      ),
    );
    return;
  }
  // In a group only what that group may read; the rest goes to the asker's direct chat, through the outbox.
  const inGroup = seenBy(groupTarget(group), policy);
  const here = list.map((o) => ({ o, shown: inGroup(o) })).filter((x) => showsText(x.shown));
  const away = list
    .filter((o) => !showsText(inGroup(o)))
    .map((o) => ({ o, shown: inDirect(o) }))
    .filter((x) => showsText(x.shown));
  if (away.length) env.post({ platform: msg.platform, chatId: msg.senderId, chatType: "direct" }, todoList(env, away, md`不在群里显示的待办`));
  const note = away.length ? md`另有 ${away.length} 件不宜在群里显示（如代表码、个人事项），已私信发给您（如未收到，请先私聊我一次再发「待办」）。` : undefined;
  if (!here.length) {
    env.reply(text(note ?? md`暂无待办事项。`));
    return;
  }
  const shown = todoList(env, here, md`待办`);
  env.reply(note ? { ...shown, body: md`${shown.body}\n${note}` } : shown);
}

function todoList(env: CommandEnv, items: { o: Opinion; shown: Shown }[], heading: Rich): OutboundMessage {
  const today = env.ctx.today();
  const lines = items.map(({ o, shown }) => {
    const due = o.dueDate ? dateFromDb(o.dueDate) : null;
    const late = due && due < today ? "（已超期）" : "";
    return md`- #${o.number}【${trusted(STATUS_LABEL[o.status])}${trusted(o.deputyId ? "" : "·待认领")}】${matterText(shown, o.text, 20)} 时限${trusted(due ? shortDate(due) : "—")}${trusted(late)}`;
  });
  return { title: md`待办事项`, body: md`${heading} ${items.length} 件（按时限排序）：\n${join(lines, "\n")}` };
}
