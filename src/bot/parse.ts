// Chat text → command. Pure: tolerant of full-width characters, extra spaces, a leading
// @-mention and synonyms, because villagers type on phones.
import { normalizeText } from "../domain/text.ts";
import type { RatingValue, ResultClass } from "../domain/lifecycle.ts";

export type Command =
  | { name: "opinion"; text: string; tagged: boolean }
  | { name: "query"; number: number }
  | { name: "mine" }
  | { name: "cosign"; number: number }
  | { name: "rate"; number: number; rating: RatingValue; comment?: string }
  | { name: "deputies" }
  | { name: "help" }
  | { name: "showIdentity" }
  | { name: "todo" }
  | { name: "claim"; number: number }
  | { name: "reply"; number: number; text: string }
  | { name: "assign"; number: number; unit: string; days?: number }
  | { name: "close"; number: number; resultClass: ResultClass; text: string }
  | { name: "answerOnSpot"; number: number; text: string }
  | { name: "transfer"; number: number; note?: string }
  | { name: "merge"; number: number; into: number }
  | { name: "reject"; number: number; reason: string }
  | { name: "bindGroup"; station: string }
  | { name: "setWebhook"; url: string; secret?: string }
  | { name: "setPurpose"; purpose: "village" | "station-staff" | "admin" }
  | { name: "weekly" }
  | { name: "bindIdentity"; code: string } // 绑定 <code>: a deputy links their account (console binding code)
  | { name: "smallTalk" } // greetings and very short texts: a one-line hint
  | { name: "usage"; message: string }; // a known command used wrongly

const INTAKE_VERBS = ["意见", "建议", "反映", "投诉", "求助"];
const INTAKE_TAG = /#(意见|建议|反映|投诉|求助)#?/;
// No quantifier inside the repeated group: "[…]+" there made "......x" backtrack exponentially (a chat message could freeze the bot).
const GREETING = /^(你好|您好|大家好|在吗|在不在|有人吗|哈喽|hello|hi|嗨|谢谢|多谢|感谢|谢谢你|谢啦|好的|收到|嗯|哦|ok|早|早上好|晚上好|下午好|再见|拜拜|[?？!！。.，,~～])+$/i;
const MIN_OPINION_CHARS = 5;

/** Number argument: 27, #27 (＃ is normalised to #), 27号. */
const NUM = String.raw`#?\s*(\d{1,9})\s*号?`;

const RATINGS: [RegExp, RatingValue][] = [
  [/^(不满意|很不满意|非常不满意|差评|不好)/, "DISSATISFIED"],
  [/^(基本满意|一般|还行|还可以|比较满意)/, "BASICALLY"],
  [/^(非常满意|很满意|满意|好评)/, "SATISFIED"],
];

export function parseRating(text: string): { rating: RatingValue; rest: string } | undefined {
  for (const [re, rating] of RATINGS) {
    const m = re.exec(text);
    if (m) return { rating, rest: text.slice(m[0].length).replace(/^[\s,，:：。.]+/, "").trim() };
  }
  return undefined;
}

/** Removes leading @-mentions that survived the platform layer ("@人大代表助手 查询 27"). */
export function stripMentions(text: string): string {
  return text.replace(/^(@\S+\s*)+/, "").trim();
}

/** parse returns undefined when the text only looks like this command: the next rule, or intake, gets it. */
type Rule = { verbs: string[]; parse: (rest: string) => Command | undefined };

const usage = (message: string): Command => ({ name: "usage", message });

function numbered(verb: string, example: string, build: (n: number, rest: string) => Command | undefined): (rest: string) => Command {
  return (rest) => {
    const m = new RegExp(`^${NUM}(?:[\\s,，:：]+|$)([\\s\\S]*)$`).exec(rest);
    if (!m) return usage(`请在「${verb}」后写编号，例如：${example}`);
    return build(Number(m[1]), m[2].trim()) ?? usage(`格式不对，例如：${example}`);
  };
}

const exact = (cmd: Command) => (rest: string): Command | undefined => (rest === "" ? cmd : undefined);

/** Everyday words used as synonyms count only with a number after them ("同意 27", not "同意楼上"). */
const soft = (parse: (rest: string) => Command) => (rest: string): Command | undefined => (new RegExp(`^${NUM}`).test(rest) ? parse(rest) : undefined);

// Longer verbs first where one is the prefix of another (当场答复 before 答复).
const RULES: Rule[] = [
  { verbs: ["帮助", "help", "菜单", "命令", "使用说明", "说明", "?", "？"], parse: exact({ name: "help" }) },
  { verbs: ["我的意见", "我的建议", "我的反映", "我的"], parse: exact({ name: "mine" }) },
  { verbs: ["本群代表", "代表名单", "联系代表", "代表"], parse: exact({ name: "deputies" }) },
  { verbs: ["亮身份", "亮明身份", "亮个身份"], parse: () => ({ name: "showIdentity" }) },
  { verbs: ["我的待办", "待办事项", "待办"], parse: exact({ name: "todo" }) },
  { verbs: ["查询"], parse: numbered("查询", "查询 27", (n) => ({ name: "query", number: n })) },
  { verbs: ["查看", "进度", "查"], parse: soft(numbered("查询", "查询 27", (n) => ({ name: "query", number: n }))) },
  { verbs: ["附议", "+1"], parse: numbered("附议", "附议 27", (n) => ({ name: "cosign", number: n })) },
  { verbs: ["同意", "支持"], parse: soft(numbered("附议", "附议 27", (n) => ({ name: "cosign", number: n }))) },
  {
    verbs: ["评价"],
    parse: numbered("评价", "评价 27 满意", (n, rest) => {
      const r = parseRating(rest);
      if (!r) return usage(`请写明评价：满意、基本满意 或 不满意，例如：评价 ${n} 满意`);
      return { name: "rate", number: n, rating: r.rating, ...(r.rest ? { comment: r.rest } : {}) };
    }),
  },
  { verbs: ["认领", "领办", "接单"], parse: numbered("认领", "认领 27", (n) => ({ name: "claim", number: n })) },
  {
    verbs: ["当场答复", "现场答复"],
    parse: numbered("当场答复", "当场答复 27 已联系电工今天维修", (n, text) => (text ? { name: "answerOnSpot", number: n, text } : usage(`请写上答复内容，例如：当场答复 ${n} 已联系电工今天维修`))),
  },
  {
    verbs: ["答复", "回复"],
    parse: numbered("答复", "答复 27 已联系供电所，本周内修复", (n, text) => (text ? { name: "reply", number: n, text } : usage(`请写上答复内容，例如：答复 ${n} 已联系供电所，本周内修复`))),
  },
  {
    verbs: ["转办", "交办"],
    parse: numbered("转办", "转办 27 县交通运输局 10天", (n, rest) => {
      const m = /^(.+?)(?:\s+(\d{1,3})\s*(?:个)?(?:工作日|天|日)?)?$/.exec(rest);
      if (!m || !m[1].trim()) return usage(`请写承办单位，例如：转办 ${n} 县交通运输局 10天`);
      return { name: "assign", number: n, unit: m[1].trim(), ...(m[2] ? { days: Number(m[2]) } : {}) };
    }),
  },
  {
    verbs: ["办结"],
    parse: numbered("办结", "办结 27 A 路灯已修复", (n, rest) => {
      const m = /^([ABCDabcd])(?:类)?(?:[\s,，:：]+|$)([\s\S]*)$/.exec(rest);
      if (!m) return usage(`请写结果类别 A/B/C/D 和结果，例如：办结 ${n} A 路灯已修复（A已解决 B正在解决 C暂不能解决 D留作参考）`);
      const text = m[2].trim();
      if (!text) return usage(`请写上办理结果，例如：办结 ${n} ${m[1].toUpperCase()} 路灯已修复`);
      return { name: "close", number: n, resultClass: m[1].toUpperCase() as ResultClass, text };
    }),
  },
  { verbs: ["转信访"], parse: numbered("转信访", "转信访 27", (n, note) => ({ name: "transfer", number: n, ...(note ? { note } : {}) })) },
  {
    verbs: ["合并"],
    parse: numbered("合并", "合并 31 27（把31合并到27）", (n, rest) => {
      const m = new RegExp(`^(?:到|至|入|进)?\\s*${NUM}$`).exec(rest);
      return m ? { name: "merge", number: n, into: Number(m[1]) } : undefined;
    }),
  },
  {
    verbs: ["不予受理"],
    parse: numbered("不予受理", "不予受理 27 属于个人纠纷，建议走司法途径", (n, reason) => (reason ? { name: "reject", number: n, reason } : usage(`请写明不予受理的理由，例如：不予受理 ${n} 属于民事纠纷`))),
  },
  {
    verbs: ["绑定本群", "本群绑定", "绑定群"],
    parse: (rest) => (rest ? { name: "bindGroup", station: rest } : usage("请写联络站名称，例如：绑定本群 城关镇代表联络站")),
  },
  {
    verbs: ["设置推送地址", "设置群机器人", "设置webhook"],
    parse: (rest) => {
      const [url, secret] = rest.split(/\s+/);
      if (!url || !/^https?:\/\/\S+$/i.test(url)) return usage("请写群机器人的推送地址，例如：设置推送地址 https://…");
      return { name: "setWebhook", url, ...(secret ? { secret } : {}) };
    },
  },
  {
    verbs: ["设置本群用途", "本群用途", "设置群用途"],
    parse: (rest) => {
      const purpose = ({ 村民群: "village", 社区群: "village", 站点工作群: "station-staff", 工作群: "station-staff", 管理员群: "admin" } as const)[rest as "村民群"];
      return purpose ? { name: "setPurpose", purpose } : usage("请写本群用途：村民群、站点工作群 或 管理员群，例如：设置本群用途 站点工作群");
    },
  },
  { verbs: ["周报", "本周汇总", "每周汇总"], parse: exact({ name: "weekly" }) },
  // After 绑定本群: only a code-shaped argument makes it a command, so "绑定银行卡…" stays an opinion.
  {
    verbs: ["绑定"],
    parse: (rest) => (rest === "" ? usage("请发送「绑定 绑定码」，绑定码由联络站工作人员在管理控制台生成。") : /^[A-Za-z0-9]{8}$/.test(rest) ? { name: "bindIdentity", code: rest.toUpperCase() } : undefined),
  },
];

function matchVerb(text: string, verb: string): string | undefined {
  if (!text.toLowerCase().startsWith(verb.toLowerCase())) return undefined;
  const rest = text.slice(verb.length);
  // An ASCII verb must end at a word boundary ("help", not "helpful").
  if (/^[a-z]/i.test(verb) && /^[a-z]/i.test(rest)) return undefined;
  return rest.replace(/^[\s:：,，、]+/, "").trim();
}

/**
 * Parses an addressed message (or a tagged one). Returns undefined for a message that is not
 * addressed to the bot and carries no intake tag: it is not ours to store.
 */
export function parseCommand(raw: string, addressed: boolean): Command | undefined {
  const text = stripMentions(normalizeText(raw));
  const tagged = INTAKE_TAG.test(text);
  if (!addressed) return tagged ? { name: "opinion", text: cleanOpinionText(text), tagged: true } : undefined;
  if (tagged) return { name: "opinion", text: cleanOpinionText(text), tagged: true };

  for (const verb of INTAKE_VERBS) {
    const rest = matchVerb(text, verb);
    if (rest !== undefined) {
      return rest.length ? { name: "opinion", text: rest, tagged: false } : usage(`请在「${verb}」后写上具体内容，例如：${verb} 村口路灯坏了一周了`);
    }
  }
  for (const rule of RULES) {
    for (const verb of rule.verbs) {
      const rest = matchVerb(text, verb);
      const command = rest === undefined ? undefined : rule.parse(rest);
      if (command) return command;
    }
  }
  const content = text.replace(/[\s\p{P}\p{S}]/gu, "");
  if (GREETING.test(text.replace(/\s+/g, "")) || content.length < MIN_OPINION_CHARS) return { name: "smallTalk" };
  return { name: "opinion", text, tagged: false };
}

/** The opinion text without the intake tag itself. */
function cleanOpinionText(text: string): string {
  return text.replace(new RegExp(INTAKE_TAG.source, "g"), " ").replace(/\s+/g, " ").replace(/^[\s:：,，]+/, "").trim();
}
