// OutboundMessage → DingTalk markdown parts + buttons (platform-neutral to payload-neutral).
// Markdown subset: https://open.dingtalk.com/document/orgapp/message-types-and-data-format
//
// Buttons: DingTalk ActionCard buttons are links, not callbacks. Each button links to
// dtmd://dingtalkclient/sendMessage?content=<command>; pressing it makes the user's client send
// the command text to the robot as the user's own message, which arrives like any other message
// (presser = sender, its own msgId). The command is also written into the text, so a user whose
// client does not follow the link can @ the robot and type it.
//
// People's text arrives as separate parts and is made inert here (channels/escape.ts): no link,
// image, heading, <font> or dtmd:// command link can come from it. Titles are plain text.
import type { CardKind, OutboundMessage } from "../types.ts";
import { renderRich, type Rich } from "../../domain/rich-text.ts";
import { inertMarkdown } from "../escape.ts";
import { plainText } from "../../domain/plain-text.ts";

const asMarkdown = (r: Rich): string => renderRich(r, inertMarkdown);
const asPlain = (r: Rich): string => plainText(r).trim();
import { jsonBytes, splitByBytes } from "./split.ts";

export const MSG_PARAM_MAX_BYTES = 15_000;
const MAX_BUTTONS = 5; // sampleActionCard2..5: up to five vertical buttons
const BUTTON_TITLE_MAX = 20;
const TITLE_MAX = 100;

export interface RenderedButton {
  title: string;
  url: string;
}

export interface RenderedPart {
  title: string;
  text: string;
  /** Buttons go on the last part only. */
  buttons: RenderedButton[];
  isLast: boolean;
}

export interface RenderedMessage {
  parts: RenderedPart[];
  /** Staff ids to @-mention (webhook sends only; the OpenAPI group send has no @). */
  atUserIds: string[];
}

const DEFAULT_TITLES: Record<CardKind, string> = {
  identity: "代表亮身份",
  receipt: "意见受理回执",
  rating: "请评价办理结果",
  feedback: "办理情况反馈",
  summary: "意见建议汇总",
  reminder: "温馨提醒",
};

export function commandUrl(command: string): string {
  return `dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent(command)}`;
}

export function renderMessage(msg: OutboundMessage, opts: { maxBytes?: number } = {}): RenderedMessage {
  const plainTitle = msg.title ? asPlain(msg.title) : "";
  const body = asMarkdown(msg.body);
  const title = truncate(plainTitle || (msg.card ? DEFAULT_TITLES[msg.card] : "") || firstLine(asPlain(msg.body)) || "消息", TITLE_MAX);
  const buttons: RenderedButton[] = [];
  const extraLines: string[] = [];
  const all = msg.buttons ?? [];
  all.forEach((b, i) => {
    if (i < MAX_BUTTONS) buttons.push({ title: truncate(b.label, BUTTON_TITLE_MAX), url: commandUrl(b.command) });
    else extraLines.push(`- [${b.label}](${commandUrl(b.command)})`);
  });
  // Unless the body already tells people what to type, say it: the links may not work on every client.
  if (all.length > 0 && !all.some((b) => body.includes(b.command))) extraLines.push(`也可 @我 发送：${all.map((b) => `「${b.command}」`).join(" ")}`);
  if (msg.url) {
    if (buttons.length === 0) buttons.push({ title: "查看详情", url: msg.url });
    else extraLines.push(`[查看详情](${msg.url})`);
  }
  if (msg.imageUrl) extraLines.push(`![代表码](${msg.imageUrl})`);
  const markdownTitle = msg.title ? asMarkdown(msg.title).trim() : "";
  const heading = markdownTitle ? `#### ${markdownTitle}` : "";
  const text = toMarkdown([heading, body, ...extraLines].filter(Boolean).join("\n"));

  // Budget: the whole msgParam JSON (title, buttons, keys, part marker) must fit.
  const overhead = jsonBytes(title) + buttons.reduce((n, b) => n + jsonBytes(b.title) + jsonBytes(b.url) + 40, 0) + 200;
  const chunks = splitByBytes(text, (opts.maxBytes ?? MSG_PARAM_MAX_BYTES) - overhead);
  const parts = chunks.map((chunk, i): RenderedPart => {
    const isLast = i === chunks.length - 1;
    const marker = chunks.length > 1 ? `（${i + 1}/${chunks.length}）` : "";
    return { title: truncate(title, TITLE_MAX - marker.length) + marker, text: chunk, buttons: isLast ? buttons : [], isLast };
  });
  // Encrypted ids ("$:LWCP_v1:…") are not userIds and cannot be @-mentioned.
  const atUserIds = [...new Set((msg.mentions ?? []).filter((u) => u && !u.startsWith("$:")))];
  return { parts, atUserIds };
}

/** DingTalk needs a blank line between paragraphs; consecutive list items stay together. */
export function toMarkdown(body: string): string {
  const lines = body
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== "");
  let out = "";
  lines.forEach((line, i) => {
    if (i > 0) out += isListItem(line) && isListItem(lines[i - 1]!) ? "\n" : "\n\n";
    out += line;
  });
  return out;
}

function isListItem(line: string): boolean {
  return /^\s*([-*+]|\d+\.)\s/.test(line);
}

function firstLine(body: string): string {
  const line = body.split(/\r?\n/).find((l) => l.trim()) ?? "";
  // Already plain (the bot's "**" dropped): people's text, masks included, is kept as it is.
  return line.replace(/^\s*-\s+/, "").trim();
}

function truncate(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join("")}…`;
}
