// The bot's words: short, phone-friendly Simplified Chinese.
import type { OutboundMessage } from "../channels/types.ts";
import { RESULT_LABEL, RATING_LABEL, STATUS_LABEL, type ResultClass, type Status } from "../domain/lifecycle.ts";
import { shortDate } from "../core/dates.ts";
import type { Role } from "../core/actors.ts";

export const LEVEL_LABEL: Record<string, string> = { NATIONAL: "全国", PROVINCE: "省", CITY: "市", COUNTY: "县（区）", TOWNSHIP: "乡镇（街道）" };

/** Cut by code points: slicing UTF-16 units could split an emoji into a lone surrogate, which PostgreSQL refuses in JSON. */
export function excerpt(text: string, max = 60): string {
  const flat = [...text.replace(/\s+/g, " ").trim()];
  return flat.length > max ? `${flat.slice(0, max).join("")}…` : flat.join("");
}

export const text = (body: string): OutboundMessage => ({ body });

export function receipt(o: { number: number; category: string; text: string }, dueDate: string, days: number, duplicates: { number: number }[]): OutboundMessage {
  const lines = [
    `已受理您的意见，编号 **#${o.number}**`,
    `分类：${o.category}`,
    `内容：${excerpt(o.text)}`,
    `接下来：联络站将安排代表跟进并交相关单位办理，预计 ${shortDate(dueDate)} 前答复（${days}个工作日）。`,
    `发送「查询 ${o.number}」随时查看进度。`,
  ];
  if (duplicates.length) {
    const nums = duplicates.map((d) => `#${d.number}`).join("、");
    lines.push(`近期已有类似反映 ${nums}，也可发送「附议 ${duplicates[0].number}」表示支持。`);
  }
  return { title: `意见已受理 #${o.number}`, body: lines.join("\n"), card: "receipt", fields: [
    { label: "编号", value: `#${o.number}` },
    { label: "分类", value: o.category },
    { label: "预计答复", value: shortDate(dueDate) },
  ] };
}

export interface OpinionView {
  number: number;
  text: string;
  category: string;
  status: Status;
  dueDate: string | null;
  deputyName?: string | null;
  unitName?: string | null;
  replyText?: string | null;
  resultClass?: ResultClass | null;
  resultText?: string | null;
  rating?: keyof typeof RATING_LABEL | null;
  cosignCount: number;
  mergedIntoNumber?: number | null;
  closeReason?: string | null;
  overdueDays?: number;
  events: { at: Date; label: string }[];
}

export function statusReport(o: OpinionView, timeZone: string): OutboundMessage {
  const fmt = new Intl.DateTimeFormat("zh-CN", { timeZone, month: "numeric", day: "numeric" });
  const lines = [`#${o.number}【${STATUS_LABEL[o.status]}】${o.category}`, `内容：${excerpt(o.text)}`];
  if (o.deputyName) lines.push(`跟进代表：${o.deputyName}`);
  if (o.unitName) lines.push(`承办单位：${o.unitName}`);
  if (o.dueDate && ["RECEIVED", "IN_PROGRESS"].includes(o.status)) {
    lines.push(o.overdueDays ? `办理时限：${shortDate(o.dueDate)}（已超期 ${o.overdueDays} 个工作日，已督办）` : `办理时限：${shortDate(o.dueDate)}`);
  }
  if (o.replyText) lines.push(`答复：${excerpt(o.replyText, 120)}`);
  if (o.resultClass) lines.push(`办理结果：${o.resultClass}类（${RESULT_LABEL[o.resultClass]}）${o.resultText ? `：${excerpt(o.resultText, 120)}` : ""}`);
  if (o.closeReason && ["TRANSFERRED", "REJECTED"].includes(o.status)) lines.push(`说明：${o.closeReason}`);
  if (o.mergedIntoNumber) lines.push(`已与 #${o.mergedIntoNumber} 合并办理，请关注 #${o.mergedIntoNumber}。`);
  if (o.rating) lines.push(`评价：${RATING_LABEL[o.rating]}`);
  if (o.cosignCount) lines.push(`附议：${o.cosignCount} 人`);
  if (o.events.length) lines.push(`进展：${o.events.slice(-4).map((e) => `${fmt.format(e.at)} ${e.label}`).join(" → ")}`);
  return { title: `#${o.number} ${STATUS_LABEL[o.status]}`, body: lines.join("\n") };
}

const CITIZEN_HELP = [
  "「意见 内容」反映问题或提建议（也可带 #意见 标签）",
  "「查询 编号」查看办理进度",
  "「我的」查看我反映过的事项",
  "「附议 编号」支持别人反映的问题",
  "「评价 编号 满意/基本满意/不满意」评价办理结果",
  "「代表」查看本群人大代表",
];
const DEPUTY_HELP = [
  "「亮身份」在群里亮明代表身份",
  "「待办」查看待处理事项",
  "「认领 编号」认领跟进",
  "「转办 编号 承办单位 [N天]」交有关单位办理",
  "「答复 编号 内容」答复群众",
  "「办结 编号 A/B/C/D 结果」办结（A已解决 B正在解决 C暂不能解决 D留作参考）",
  "「当场答复 编号 内容」当场答复并办结",
  "「转信访 编号」个人信访件转信访部门",
  "「合并 编号 原编号」重复事项合并",
];
const STAFF_HELP = ["「绑定本群 联络站名称」把本群绑定到联络站", "「不予受理 编号 理由」", "「设置推送地址 URL」设置本群群机器人推送地址", "「设置本群用途 村民群/站点工作群/管理员群」决定本群收到哪些定时汇总", "「周报」立即发送本群上周汇总"];

export function help(role: Role): OutboundMessage {
  const sections = [`**群众**\n${CITIZEN_HELP.map((l) => `- ${l}`).join("\n")}`];
  if (role !== "citizen") sections.push(`**代表**\n${DEPUTY_HELP.map((l) => `- ${l}`).join("\n")}`);
  if (role === "staff" || role === "admin") sections.push(`**工作人员**\n${STAFF_HELP.map((l) => `- ${l}`).join("\n")}`);
  return { title: "使用帮助", body: `我是人大代表联络助手，可以这样用（@我 再发）：\n${sections.join("\n")}` };
}

export const SMALL_TALK = "您好！反映问题请@我并发送「意见 + 具体内容」，例如：意见 村口路灯坏了。发送「帮助」查看全部用法。";

export interface DeputyCard {
  name: string;
  level: string;
  duties: string | null;
  stations: string[];
  reception: string | null;
  phone: string | null;
  bio: string | null;
  pageUrl?: string;
  /** The 代表码 QR image. */
  qrUrl?: string;
}

export function identityCard(d: DeputyCard): OutboundMessage {
  const lines = [`我是${LEVEL_LABEL[d.level] ?? ""}人大代表 **${d.name}**`];
  if (d.duties) lines.push(`职务：${d.duties}`);
  if (d.stations.length) lines.push(`所在联络站：${d.stations.join("、")}`);
  if (d.bio) lines.push(`简介：${d.bio}`);
  if (d.reception) lines.push(`接待时间：${d.reception}`);
  lines.push(d.phone ? `联系电话：${d.phone}` : "联系方式：在本群@我，或发送「意见 内容」给助手");
  if (d.pageUrl) lines.push(`代表码页面：${d.pageUrl}（扫码或点开即可给我留言）`);
  lines.push("大家有困难和建议，欢迎随时反映！");
  return { title: `人大代表 ${d.name} 亮身份`, body: lines.join("\n"), card: "identity", unmasked: true, ...(d.pageUrl ? { url: d.pageUrl } : {}), ...(d.qrUrl ? { imageUrl: d.qrUrl } : {}), fields: [
    { label: "姓名", value: d.name },
    { label: "层级", value: `${LEVEL_LABEL[d.level] ?? ""}人大代表` },
    ...(d.stations.length ? [{ label: "联络站", value: d.stations.join("、") }] : []),
  ] };
}

export function ratingButtons(number: number) {
  return (["满意", "基本满意", "不满意"] as const).map((label) => ({ label, command: `评价 ${number} ${label}` }));
}

/** 【办理反馈】: the answer or result, posted back where the matter was raised. */
export function feedback(o: { number: number; text: string; resultClass?: ResultClass | null; unitName?: string | null }, kind: "reply" | "close" | "onSpot", content: string, submitterId?: string | null): OutboundMessage {
  const lines = [`**【办理反馈】#${o.number}**`, `群众反映：${excerpt(o.text)}`];
  if (o.unitName) lines.push(`承办单位：${o.unitName}`);
  if (kind === "reply") lines.push(`答复：${content}`);
  else {
    lines.push(`${kind === "onSpot" ? "当场答复" : "办理结果"}：${content}`);
    if (o.resultClass) lines.push(`结果类别：${o.resultClass}类（${RESULT_LABEL[o.resultClass]}）`);
    lines.push(`请反映人评价：发送「评价 ${o.number} 满意/基本满意/不满意」，或点下方按钮。`);
  }
  const closing = kind !== "reply";
  return {
    title: `办理反馈 #${o.number}`,
    body: lines.join("\n"),
    card: closing ? "rating" : "feedback",
    ...(submitterId ? { mentions: [submitterId] } : {}),
    ...(closing ? { buttons: ratingButtons(o.number) } : {}),
  };
}
