import type { OutboundMessage } from "../types.ts";
import { renderRich, type Rich } from "../../domain/rich-text.ts";
import { inertPlain, plainOwn } from "../escape.ts";

/** The plain-text form of a message, as a phone would show it. */
export function renderPlain(m: OutboundMessage, mentionNames: string[] = []): string {
  const lines: string[] = [];
  if (mentionNames.length) lines.push(mentionNames.map((n) => `@${n}`).join(" "));
  // The bot's "**" dropped; people's text shown as typed (mentions defused), so masks stay "138****5678".
  lines.push(renderRich(m.body, inertPlain, plainOwn));
  if (m.imageUrl) lines.push(`[图片] ${m.imageUrl}`);
  if (m.buttons?.length) lines.push(m.buttons.map((b) => `[${b.label}]`).join(" "));
  return lines.join("\n");
}

/** A title or other parts as plain text. */
export function plainText(r: Rich): string {
  return renderRich(r, inertPlain, plainOwn);
}
