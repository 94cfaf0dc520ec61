// Renders the platform-neutral OutboundMessage as WeCom markdown (webhook doc 91770 /
// 99110 "markdown类型", `<@userid>` mentions) and, where it helps, as a template_card
// (doc 101032 "模板卡片类型": text_notice for identity/receipt, button_interaction for rating).
// People's text arrives as separate parts and is made inert here (channels/escape.ts): the
// markdown form neutralises markup, links and <@userid>; card fields get the plain form.
import type { OutboundMessage } from "../types.ts";
import { renderRich, type Rich } from "../../domain/rich-text.ts";
import { inertMarkdown } from "../escape.ts";
import { plainText } from "../../domain/plain-text.ts";

const asMarkdown = (r: Rich): string => renderRich(r, inertMarkdown);
const asPlain = (r: Rich): string => plainText(r).trim();

/** Button keys carry the command a press stands for (WeCom allows 1,024 bytes per key). */
const KEY_PREFIX = "cmd:";
const KEY_MAX_BYTES = 1024;

export function buttonKey(command: string): string {
  return KEY_PREFIX + command;
}

/** The command of a pressed button, or undefined for keys this bot did not make. */
export function parseButtonKey(key: string): string | undefined {
  if (!key.startsWith(KEY_PREFIX)) return undefined;
  const command = key.slice(KEY_PREFIX.length).trim();
  return command === "" ? undefined : command;
}

/** Markdown → plain text, for card fields and the plain-text welcome reply. */
export function toPlainText(markdown: string): string {
  return markdown
    .replace(/<font[^>]*>(.*?)<\/font>/g, "$1")
    .replace(/<@[^>]+>/g, "")
    .replace(/\[([^\]]*)\]\(([^)]*)\)/g, "$1 $2")
    .replace(/\*\*(.*?)\*\*/g, "$1")
    .replace(/__(.*?)__/g, "$1")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/^>\s?/gm, "")
    .trim();
}

function truncate(text: string, maxChars: number): string {
  const chars = Array.from(text.replace(/\s+/g, " ").trim());
  return chars.length <= maxChars ? chars.join("") : chars.slice(0, maxChars - 1).join("") + "…";
}

function fitsChars(text: string, maxChars: number): boolean {
  return Array.from(text).length <= maxChars;
}

/** Hints telling people what to type when the buttons cannot be shown (webhook, plain markdown). */
function buttonHints(message: OutboundMessage, body: string): string | undefined {
  const buttons = message.buttons ?? [];
  if (buttons.length === 0) return undefined;
  // The body is complete on its own; add hints only when it does not already name the commands
  // (either each command verbatim, or their common stem and every label: "评价 27 满意/基本满意/不满意").
  const stem = commonPrefix(buttons.map((b) => b.command)).trim();
  const named = buttons.every((b) => body.includes(b.command)) || (stem.length >= 2 && body.includes(stem) && buttons.every((b) => body.includes(b.label)));
  if (named) return undefined;
  return "@我并回复：" + buttons.map((b) => `\`${b.command}\``).join(" ｜ ");
}

function commonPrefix(items: string[]): string {
  if (items.length === 0) return "";
  let p = items[0];
  for (const s of items.slice(1)) while (!s.startsWith(p)) p = p.slice(0, -1);
  return p;
}

export function renderMarkdown(message: OutboundMessage, opts: { buttonHints: boolean }): string {
  const lines: string[] = [];
  const mentions = (message.mentions ?? []).filter((m) => /^[\w.@-]{1,64}$/.test(m));
  if (mentions.length > 0) lines.push(mentions.map((m) => `<@${m}>`).join(" "));
  const body = asMarkdown(message.body).trim();
  const title = message.title ? asMarkdown(message.title).trim() : "";
  if (title) lines.push(`**${title}**`);
  if (body !== "") lines.push(body);
  for (const f of message.fields ?? []) {
    const value = asMarkdown(f.value);
    if (!body.includes(value)) lines.push(`${f.label}：${value}`);
  }
  if (message.url) lines.push(`[查看详情](${message.url})`);
  // WeCom markdown shows no images: the QR code travels as a link.
  if (message.imageUrl) lines.push(`[代表码二维码](${message.imageUrl})`);
  const hints = opts.buttonHints ? buttonHints(message, body) : undefined;
  if (hints) lines.push(hints);
  return lines.join("\n");
}

export interface TemplateCard {
  card_type: "text_notice" | "button_interaction";
  task_id?: string;
  [field: string]: unknown;
}

export interface RenderedCard {
  card: TemplateCard;
  /** True when the card alone shows the whole body; otherwise it must follow the markdown. */
  carriesBody: boolean;
  hasButtons: boolean;
}

// Suggested maxima from doc 101032 (in characters): main_title.title 26, desc 30,
// sub_title_text 112, horizontal keyname 5 / value 26, button text 10, ≤ 6 buttons / rows.
// Text is only truncated where the body still carries it in full.
const SUB_TITLE_MAX = 112;

/**
 * Body lines a text_notice card must still show as text: lines that only repeat a field shown
 * as a row (e.g. "分类：道路交通") or the card's link are left out.
 */
function uncoveredLines(plainBody: string, rows: { label: string; value: string }[], url: string): string[] {
  const values = rows.map((r) => r.value).filter((v) => v.length >= 2);
  return plainBody
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.includes(url) && !values.some((v) => l.includes(v)));
}

/**
 * A template_card for the card kinds that benefit from one, or undefined when a plain
 * markdown message is the better (or only) rendering. taskId must be unique per bot.
 * linkUrl (e.g. PUBLIC_BASE_URL) stands in for message.url as the card's required link.
 */
export function renderCard(message: OutboundMessage, taskId: string, linkUrl?: string): RenderedCard | undefined {
  const buttons = (message.buttons ?? []).slice(0, 6);
  const plainBody = asPlain(message.body);
  const plainTitle = message.title ? asPlain(message.title) : undefined;
  const plainFields = (message.fields ?? []).map((f) => ({ label: f.label, value: asPlain(f.value) }));
  const horizontal = plainFields.slice(0, 6).map((f) => ({ keyname: truncate(f.label, 5), value: truncate(f.value, 26) }));
  const usable = buttons.length > 0 && buttons.every((b) => Buffer.byteLength(buttonKey(b.command)) <= KEY_MAX_BYTES);

  if (usable) {
    // Cards cannot @-mention: when someone is called on to press (the submitter asked to rate),
    // the mention travels in a markdown message before the card.
    const carriesBody = fitsChars(plainBody, SUB_TITLE_MAX) && (message.mentions ?? []).length === 0;
    const card: TemplateCard = {
      card_type: "button_interaction",
      main_title: { title: truncate(plainTitle || "请选择", 26) },
      ...(carriesBody && plainBody !== "" ? { sub_title_text: plainBody } : {}),
      ...(horizontal.length > 0 && carriesBody ? { horizontal_content_list: horizontal } : {}),
      button_list: buttons.map((b, i) => ({ text: truncate(b.label, 10), style: i === 0 ? 1 : i === buttons.length - 1 ? 3 : 2, key: buttonKey(b.command) })),
      task_id: taskId,
    };
    return { card, carriesBody, hasButtons: true };
  }

  // text_notice requires a card_action (a link): without one, markdown is the better fit.
  // Its mentions (the core adds the asker to group replies) are dropped: the card answers them.
  const url = message.url ?? linkUrl;
  if ((message.card === "identity" || message.card === "receipt") && url) {
    const fields = plainFields;
    const [first, ...rest] = fields;
    const emphasis = message.card === "receipt" && first ? { title: truncate(first.value, 10), desc: truncate(first.label, 15) } : undefined;
    const rows = (emphasis ? rest : fields).slice(0, 6);
    const shown = emphasis ? [first, ...rows] : rows;
    const text = uncoveredLines(plainBody, shown, url).join("\n");
    // The card must say everything the body says; if the rest does not fit, send markdown.
    if (!fitsChars(text, SUB_TITLE_MAX) || rows.some((r) => !fitsChars(r.value, 26) || !fitsChars(r.label, 5))) return undefined;
    const card: TemplateCard = {
      card_type: "text_notice",
      main_title: { title: truncate(plainTitle || (message.card === "identity" ? "代表亮身份" : "意见已受理"), 26) },
      ...(emphasis ? { emphasis_content: emphasis } : {}),
      ...(text !== "" ? { sub_title_text: text } : {}),
      ...(rows.length > 0 ? { horizontal_content_list: rows.map((f) => ({ keyname: f.label, value: f.value })) } : {}),
      card_action: { type: 1, url },
      task_id: taskId,
    };
    return { card, carriesBody: true, hasButtons: false };
  }
  return undefined;
}
