import type { OutboundMessage } from "../types.ts";

/** The plain-text form of a message, as a phone would show it. */
export function renderPlain(m: OutboundMessage, mentionNames: string[] = []): string {
  const lines: string[] = [];
  if (mentionNames.length) lines.push(mentionNames.map((n) => `@${n}`).join(" "));
  lines.push(m.body.replace(/\*\*(.+?)\*\*/g, "$1"));
  if (m.imageUrl) lines.push(`[图片] ${m.imageUrl}`);
  if (m.buttons?.length) lines.push(m.buttons.map((b) => `[${b.label}]`).join(" "));
  return lines.join("\n");
}
