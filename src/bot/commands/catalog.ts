// Every chat command, defined once: its verbs, how its arguments parse, its help line and what it
// does. The parser (bot/parse.ts), the dispatch (bot/handle.ts) and the help text derive from this
// table; its order is the order of the help lines (the parser tries longer verbs first itself).
import type { OutboundMessage } from "../../channels/types.ts";
import { ensureCitizen, type Role } from "../../core/actors.ts";
import { join, md, trusted } from "../../domain/rich-text.ts";
import { text } from "../../domain/matter-text.ts";
import type { RatingValue, ResultClass } from "../../domain/lifecycle.ts";
import { intake } from "../../core/opinions/intake.ts";
import { cosign } from "../../core/opinions/cosign.ts";
import { rate } from "../../core/opinions/rate.ts";
import { claim } from "../../core/opinions/claim.ts";
import { assign } from "../../core/opinions/assign.ts";
import { reply } from "../../core/opinions/reply.ts";
import { close } from "../../core/opinions/close.ts";
import { answerOnSpot } from "../../core/opinions/answer-on-spot.ts";
import { transfer } from "../../core/opinions/transfer.ts";
import { merge } from "../../core/opinions/merge.ts";
import { reject } from "../../core/opinions/reject.ts";
import type { CommandEnv } from "../env.ts";
import { defineCommand, exact, NUM, numbered, parseRating, usage, type Audience, type CommandDef } from "./define.ts";
import { deputies, mine, query, showIdentity } from "./citizen.ts";
import { todo } from "./todo.ts";
import { bindGroup, setWebhook } from "./group.ts";
import { setPurpose, weeklyNow } from "./jobs.ts";
import { bindIdentity } from "./binding.ts";
import { matterOutOfScope } from "./group-scope.ts";

/** Whoever wrote the message, as the citizen who raises or supports a matter. */
const speaker = (env: CommandEnv) => ensureCitizen(env.tx, env.actor, env.msg.senderName);

type Numbered = { number: number };
const SMALL_TALK = "您好！反映问题请@我并发送「意见 + 具体内容」，例如：意见 村口路灯坏了。发送「帮助」查看全部用法。";
const PURPOSES = { 村民群: "village", 社区群: "village", 站点工作群: "station-staff", 工作群: "station-staff", 管理员群: "admin" } as const;

export const COMMANDS = {
  help: defineCommand({ verbs: ["帮助", "help", "菜单", "命令", "使用说明", "说明", "?", "？"], parse: exact, run: (env) => env.reply(help(env.actor.role)) }),

  opinion: defineCommand<{ text: string; tagged: boolean }>({
    verbs: ["意见", "建议", "反映", "投诉", "求助"],
    parse: (rest, verb) => (rest.length ? { text: rest, tagged: false } : usage(`请在「${verb}」后写上具体内容，例如：${verb} 村口路灯坏了一周了`)),
    help: { for: "citizen", line: "「意见 内容」反映问题或提建议（也可带 #意见 标签）" },
    run: async (env, { text: body }) => {
      const { msg } = env;
      const full = msg.quote ? `${body}\n（引用：${msg.quote}）` : body;
      await intake(env, await speaker(env), { text: full, platform: msg.platform, messageId: msg.messageId, senderId: msg.senderId });
    },
  }),
  query: defineCommand<Numbered>({
    verbs: ["查询"],
    soft: ["查看", "进度", "查"],
    parse: numbered("查询", "查询 27", (n) => ({ number: n })),
    help: { for: "citizen", line: "「查询 编号」查看办理进度" },
    run: (env, a) => query(env, a.number),
  }),
  mine: defineCommand({
    verbs: ["我的意见", "我的建议", "我的反映", "我的"],
    parse: exact,
    help: { for: "citizen", line: "「我的」查看我反映过的事项" },
    run: (env) => mine(env),
  }),
  cosign: defineCommand<Numbered>({
    verbs: ["附议", "+1"],
    soft: ["同意", "支持"],
    parse: numbered("附议", "附议 27", (n) => ({ number: n })),
    help: { for: "citizen", line: "「附议 编号」支持别人反映的问题" },
    run: async (env, a) => cosign(env, a.number, await speaker(env)),
  }),
  rate: defineCommand<Numbered & { rating: RatingValue; comment?: string }>({
    verbs: ["评价"],
    parse: numbered("评价", "评价 27 满意", (n, rest) => {
      const r = parseRating(rest);
      if (!r) return usage(`请写明评价：满意、基本满意 或 不满意，例如：评价 ${n} 满意`);
      return { number: n, rating: r.rating, ...(r.rest ? { comment: r.rest } : {}) };
    }),
    help: { for: "citizen", line: "「评价 编号 满意/基本满意/不满意」评价办理结果" },
    run: (env, a) => rate(env, a.number, a.rating, a.comment),
  }),
  deputies: defineCommand({
    verbs: ["本群代表", "代表名单", "联系代表", "代表"],
    parse: exact,
    help: { for: "citizen", line: "「代表」查看本群人大代表" },
    run: (env) => deputies(env),
  }),

  showIdentity: defineCommand({
    verbs: ["亮身份", "亮明身份", "亮个身份"],
    parse: () => ({}),
    help: { for: "deputy", line: "「亮身份」在群里亮明代表身份" },
    run: (env) => showIdentity(env),
  }),
  todo: defineCommand({
    verbs: ["我的待办", "待办事项", "待办"],
    parse: exact,
    help: { for: "deputy", line: "「待办」查看待处理事项" },
    run: (env) => todo(env),
  }),
  claim: defineCommand<Numbered>({
    verbs: ["认领", "领办", "接单"],
    parse: numbered("认领", "认领 27", (n) => ({ number: n })),
    help: { for: "deputy", line: "「认领 编号」认领跟进" },
    run: (env, a) => claim(env, a.number),
  }),
  assign: defineCommand<Numbered & { unit: string; days?: number }>({
    verbs: ["转办", "交办"],
    parse: numbered("转办", "转办 27 县交通运输局 10天", (n, rest) => {
      const m = /^(.+?)(?:\s+(\d{1,3})\s*(?:个)?(?:工作日|天|日)?)?$/.exec(rest);
      if (!m || !m[1].trim()) return usage(`请写承办单位，例如：转办 ${n} 县交通运输局 10天`);
      return { number: n, unit: m[1].trim(), ...(m[2] ? { days: Number(m[2]) } : {}) };
    }),
    help: { for: "deputy", line: "「转办 编号 承办单位 [N天]」交有关单位办理" },
    run: (env, a) => assign(env, a.number, a.unit, a.days),
  }),
  reply: defineCommand<Numbered & { text: string }>({
    verbs: ["答复", "回复"],
    parse: numbered("答复", "答复 27 已联系供电所，本周内修复", (n, text) =>
      text ? { number: n, text } : usage(`请写上答复内容，例如：答复 ${n} 已联系供电所，本周内修复`),
    ),
    help: { for: "deputy", line: "「答复 编号 内容」答复群众" },
    run: (env, a) => reply(env, a.number, a.text),
  }),
  close: defineCommand<Numbered & { resultClass: ResultClass; text: string }>({
    verbs: ["办结"],
    parse: numbered("办结", "办结 27 A 路灯已修复", (n, rest) => {
      const m = /^([ABCDabcd])(?:类)?(?:[\s,，:：]+|$)([\s\S]*)$/.exec(rest);
      if (!m) return usage(`请写结果类别 A/B/C/D 和结果，例如：办结 ${n} A 路灯已修复（A已解决 B正在解决 C暂不能解决 D留作参考）`);
      const result = m[2].trim();
      if (!result) return usage(`请写上办理结果，例如：办结 ${n} ${m[1].toUpperCase()} 路灯已修复`);
      return { number: n, resultClass: m[1].toUpperCase() as ResultClass, text: result };
    }),
    help: { for: "deputy", line: "「办结 编号 A/B/C/D 结果」办结（A已解决 B正在解决 C暂不能解决 D留作参考）" },
    run: (env, a) => close(env, a.number, a.resultClass, a.text),
  }),
  answerOnSpot: defineCommand<Numbered & { text: string }>({
    verbs: ["当场答复", "现场答复"],
    parse: numbered("当场答复", "当场答复 27 已联系电工今天维修", (n, text) =>
      text ? { number: n, text } : usage(`请写上答复内容，例如：当场答复 ${n} 已联系电工今天维修`),
    ),
    help: { for: "deputy", line: "「当场答复 编号 内容」当场答复并办结" },
    run: (env, a) => answerOnSpot(env, a.number, a.text),
  }),
  transfer: defineCommand<Numbered & { note?: string }>({
    verbs: ["转信访"],
    parse: numbered("转信访", "转信访 27", (n, note) => ({ number: n, ...(note ? { note } : {}) })),
    help: { for: "deputy", line: "「转信访 编号」个人信访件转信访部门" },
    run: (env, a) => transfer(env, a.number, a.note),
  }),
  merge: defineCommand<Numbered & { into: number }>({
    verbs: ["合并"],
    parse: numbered("合并", "合并 31 27（把31合并到27）", (n, rest) => {
      const m = new RegExp(`^(?:到|至|入|进)?\\s*${NUM}$`).exec(rest);
      return m ? { number: n, into: Number(m[1]) } : undefined;
    }),
    help: { for: "deputy", line: "「合并 编号 原编号」重复事项合并" },
    run: (env, a) => merge(env, a.number, a.into, (original) => matterOutOfScope(env, "merge", original)),
  }),

  bindGroup: defineCommand<{ station: string }>({
    verbs: ["绑定本群", "本群绑定", "绑定群"],
    parse: (rest) => (rest ? { station: rest } : usage("请写联络站名称，例如：绑定本群 城关镇代表联络站")),
    help: { for: "staff", line: "「绑定本群 联络站名称」把本群绑定到联络站" },
    run: (env, a) => bindGroup(env, a.station),
  }),
  reject: defineCommand<Numbered & { reason: string }>({
    verbs: ["不予受理"],
    parse: numbered("不予受理", "不予受理 27 属于个人纠纷，建议走司法途径", (n, reason) =>
      reason ? { number: n, reason } : usage(`请写明不予受理的理由，例如：不予受理 ${n} 属于民事纠纷`),
    ),
    help: { for: "staff", line: "「不予受理 编号 理由」" },
    run: (env, a) => reject(env, a.number, a.reason),
  }),
  setWebhook: defineCommand<{ url: string; secret?: string }>({
    verbs: ["设置推送地址", "设置群机器人", "设置webhook"],
    parse: (rest) => {
      const [url, secret] = rest.split(/\s+/);
      if (!url || !/^https?:\/\/\S+$/i.test(url)) return usage("请写群机器人的推送地址，例如：设置推送地址 https://…");
      return { url, ...(secret ? { secret } : {}) };
    },
    help: { for: "staff", line: "「设置推送地址 URL」设置本群群机器人推送地址" },
    run: (env, a) => setWebhook(env, a.url, a.secret),
  }),
  setPurpose: defineCommand<{ purpose: (typeof PURPOSES)[keyof typeof PURPOSES] }>({
    verbs: ["设置本群用途", "本群用途", "设置群用途"],
    parse: (rest) => {
      const purpose = PURPOSES[rest as keyof typeof PURPOSES];
      return purpose ? { purpose } : usage("请写本群用途：村民群、站点工作群 或 管理员群，例如：设置本群用途 站点工作群");
    },
    help: { for: "staff", line: "「设置本群用途 村民群/站点工作群/管理员群」决定本群收到哪些定时汇总" },
    run: (env, a) => setPurpose(env, a.purpose),
  }),
  weekly: defineCommand({
    verbs: ["周报", "本周汇总", "每周汇总"],
    parse: exact,
    help: { for: "staff", line: "「周报」立即发送本群上周汇总" },
    run: (env) => weeklyNow(env),
  }),

  // 绑定 <code>: a deputy links their account with a console binding code. Only a code-shaped
  // argument makes it a command, so "绑定银行卡…" stays an opinion (and 绑定本群 is tried first).
  bindIdentity: defineCommand<{ code: string }>({
    verbs: ["绑定"],
    parse: (rest) =>
      rest === ""
        ? usage("请发送「绑定 绑定码」，绑定码由联络站工作人员在管理控制台生成。")
        : /^[A-Za-z0-9]{8}$/.test(rest)
          ? { code: rest.toUpperCase() }
          : undefined,
    run: (env, a) => bindIdentity(env, a.code),
  }),

  // No verbs: the parser gives these itself. Greetings and very short texts get a one-line hint;
  // a known command used wrongly gets its usage.
  smallTalk: defineCommand({ verbs: [], run: (env) => env.reply(text(trusted(SMALL_TALK))) }),
  usage: defineCommand<{ message: string }>({ verbs: [], run: (env, a) => env.reply(text(trusted(a.message))) }),
};

type Args<D> = D extends CommandDef<infer A> ? A : never;
export type CommandName = keyof typeof COMMANDS;
export type Command = { [N in CommandName]: { name: N } & Args<(typeof COMMANDS)[N]> }[CommandName];

export function runCommand(env: CommandEnv, { name, ...args }: Command): Promise<void> | void {
  return (COMMANDS[name] as CommandDef<object>).run(env, args);
}

const SECTIONS: { audience: Audience; title: string; shownTo: (role: Role) => boolean }[] = [
  { audience: "citizen", title: "群众", shownTo: () => true },
  { audience: "deputy", title: "代表", shownTo: (role) => role !== "citizen" },
  { audience: "staff", title: "工作人员", shownTo: (role) => role === "staff" || role === "admin" },
];

/** The help lines for the speaker's role: everyone sees the citizens' section. */
export function help(role: Role): OutboundMessage {
  const defs = Object.values(COMMANDS);
  const sections = SECTIONS.filter((s) => s.shownTo(role)).map((s) => {
    const lines = defs.filter((d) => d.help?.for === s.audience).map((d) => `- ${d.help!.line}`);
    return trusted(`**${s.title}**\n${lines.join("\n")}`);
  });
  return { title: md`使用帮助`, body: md`我是人大代表联络助手，可以这样用（@我 再发）：\n${join(sections, "\n")}` };
}
