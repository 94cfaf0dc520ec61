// The plain-text form of an outbound message, as a phone would show it: the simulator's chat, the
// console's copy of a notice, and the plain fields of WeCom cards and DingTalk titles. Plain text
// needs no markup escaping, but "@" in people's text is made full-width so it can't pass for a mention.
import type { OutboundMessage } from "../channels/types.ts";
import { renderRich, type Rich } from "./rich-text.ts";

/** People's text inside a plain-text message: literal already; only mentions are defused. */
export function inertPlain(text: string): string {
  return text.replace(/@/g, "＠");
}

/** The bot's own light markup ("**bold**") dropped, for plain-text renderings. */
export function plainOwn(text: string): string {
  return text.replace(/\*\*/g, "");
}

/** A message body, title or other parts as plain text. */
export function plainText(r: Rich): string {
  return renderRich(r, inertPlain, plainOwn);
}

/** The plain-text form of a message, as a phone would show it. */
export function renderPlain(m: OutboundMessage, mentionNames: string[] = []): string {
  const lines: string[] = [];
  if (mentionNames.length) lines.push(mentionNames.map((n) => `@${n}`).join(" "));
  // The bot's "**" dropped; people's text shown as typed (mentions defused), so masks stay "138****5678".
  lines.push(plainText(m.body));
  if (m.imageUrl) lines.push(`[图片] ${m.imageUrl}`);
  if (m.buttons?.length) lines.push(m.buttons.map((b) => `[${b.label}]`).join(" "));
  return lines.join("\n");
}
