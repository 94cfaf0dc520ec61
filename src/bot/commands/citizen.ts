// Chat reads for everyone: a matter's progress, one's own matters, the group's deputies, a deputy's card.
import { AppError } from "../../errors.ts";
import { reachable } from "../../core/actors.ts";
import { dateFromDb } from "../../core/dates.ts";
import { STATUS_LABEL, eventLabel, isActive } from "../../domain/lifecycle.ts";
import { identityCard, statusReport } from "../render.ts";
import { matterText, named, text, LEVEL_LABEL, NUMBER_ONLY } from "../../domain/matter-text.ts";
import { groupTarget, policyOf, seenBy, shownInChat, unseen, viewerOf } from "../../core/visibility.ts";
import { showsText } from "../../domain/visibility.ts";
import { join, md, trusted } from "../../domain/rich-text.ts";
import type { CommandEnv } from "../env.ts";
import { loadOpinion, type LoadedOpinion } from "../../core/opinions/load.ts";
import { codeLinks, publicBase } from "../../domain/public-links.ts";

export async function query(env: CommandEnv, number: number): Promise<void> {
  const { tx, actor, msg, group } = env;
  const policy = policyOf(env.ctx.config);
  const o = await loadOpinion(env, number);
  // Not there, or not for this chat: the same answer, so sequential numbers reveal nothing (F1).
  if (!o) throw unseen(number);
  const here = await shownInChat(tx, policy, { group, actor }, o);
  const own = group ? await shownInChat(tx, policy, { group: null, actor }, o) : here;
  if (group && !showsText(here) && own === "full") {
    // Asked in a group that may not read it, by someone who may: the details go to their direct chat.
    env.post({ platform: msg.platform, chatId: msg.senderId, chatType: "direct" }, await report(env, o, true));
    env.reply(text(md`#${number} 的详情已私信发给您（如未收到，请先私聊我一次再发「查询 ${number}」）。`));
    return;
  }
  if (here === "nothing") throw unseen(number);
  if (here === "number") {
    env.reply(text(md`#${number}【${trusted(STATUS_LABEL[o.status])}】${NUMBER_ONLY}`));
    return;
  }
  env.reply(await report(env, o, here === "full"));
}

async function report(env: CommandEnv, o: LoadedOpinion, full: boolean) {
  const events = await env.tx.opinionEvent.findMany({ where: { opinionId: o.id }, orderBy: { id: "asc" }, select: { action: true, createdAt: true } });
  const calendar = await env.ctx.calendar(env.tx);
  const due = o.dueDate ? dateFromDb(o.dueDate) : null;
  const overdueDays = due && isActive(o.status) ? calendar.workingDaysBetween(due, env.ctx.today()) : 0;
  return statusReport(
    {
      ...o,
      dueDate: due,
      deputyName: o.deputy?.name,
      unitName: o.unit?.name,
      mergedIntoNumber: o.mergedInto?.number,
      overdueDays,
      events: events.map((e) => ({ at: e.createdAt, label: eventLabel(e.action) })),
    },
    env.ctx.config.BOT_TIMEZONE,
    full,
  );
}

export async function mine(env: CommandEnv): Promise<void> {
  const { actor, tx, group } = env;
  const list = actor.citizenId
    ? await tx.opinion.findMany({ where: { citizenId: actor.citizenId, ...reachable(actor) }, orderBy: { number: "desc" }, take: 10 })
    : [];
  if (!list.length) {
    env.reply(text(md`您还没有反映过事项。@我发送「意见 具体内容」即可反映。`));
    return;
  }
  // One's own matters: in full in the direct chat; in a group only those that group may read.
  const see = seenBy(group ? groupTarget(group) : { kind: "direct", viewer: viewerOf(actor) }, policyOf(env.ctx.config));
  const shown = list.map((o) => ({ o, shown: see(o) })).filter((x) => showsText(x.shown));
  const elsewhere = list.length - shown.length;
  const lines = shown.map(({ o, shown }) => md`- #${o.number}【${trusted(STATUS_LABEL[o.status])}】${matterText(shown, o.text, 24)}`);
  const rest = elsewhere ? md`另有 ${elsewhere} 件不在本群显示，请私聊我发送「我的」查看。` : md``;
  const body = shown.length ? md`您最近反映的事项：\n${join(lines, "\n")}\n${elsewhere ? md`${rest}\n` : md``}发送「查询 编号」查看详情。` : rest;
  env.reply({ title: md`我反映的事项`, body });
}

export async function deputies(env: CommandEnv): Promise<void> {
  const stationId = env.group?.stationId;
  if (!stationId) {
    env.reply(
      text(env.group ? md`本群尚未绑定联络站，暂无代表信息。请联系工作人员发送「绑定本群 联络站名称」。` : md`请在村（社区）群里发送「代表」查看本群代表。`),
    );
    return;
  }
  const list = await env.tx.deputy.findMany({ where: { active: true, stations: { some: { stationId } } }, orderBy: { id: "asc" } });
  if (!list.length) {
    env.reply(text(md`本联络站还没有登记代表。`));
    return;
  }
  const lines = list.map(
    (d) =>
      md`- ${named(d.name)}（${trusted(LEVEL_LABEL[d.level] ?? "")}人大代表${d.duties ? md`，${named(d.duties)}` : md``}）${d.reception ? md` 接待：${named(d.reception)}` : md``}`,
  );
  env.reply({ title: md`本群人大代表`, body: md`本群人大代表：\n${join(lines, "\n")}\n有事请@我发送「意见 内容」，代表会跟进。` });
}

export async function showIdentity(env: CommandEnv): Promise<void> {
  const deputy = env.actor.deputy;
  if (!deputy) throw new AppError("not_deputy", { userMessage: "「亮身份」仅限已登记的人大代表使用。如您是代表，请联系联络站工作人员登记。" });
  const stations = await env.tx.station.findMany({ where: { id: { in: deputy.stationIds } }, select: { name: true } });
  const base = publicBase(env.ctx.config.PUBLIC_BASE_URL);
  const links = base ? codeLinks(base, deputy.slug) : undefined;
  env.reply(
    identityCard({
      name: deputy.name,
      level: deputy.level,
      duties: deputy.duties,
      stations: stations.map((s) => s.name),
      reception: deputy.reception,
      phone: deputy.phonePublic ? deputy.phone : null,
      bio: deputy.bio,
      ...(links ? { pageUrl: links.url, qrUrl: links.pngUrl } : {}),
    }),
  );
}
