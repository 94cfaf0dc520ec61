// One rendered part → the JSON each send path expects.
import type { RenderedPart } from "./render.ts";

/**
 * Body for a sessionWebhook or a custom-robot webhook (same format):
 * https://open.dingtalk.com/document/orgapp/robot-reply-and-send-messages
 * https://open.dingtalk.com/document/orgapp/custom-robots-send-group-messages
 * Mentions only work when "@userId" is in the text as well as in at.atUserIds.
 */
export function webhookBody(part: RenderedPart, atUserIds: string[], msgUuid?: string): Record<string, unknown> {
  const withAt = part.isLast && atUserIds.length > 0;
  const text = withAt ? `${part.text}\n\n${atUserIds.map((u) => `@${u}`).join(" ")}` : part.text;
  const at = withAt ? { at: { atUserIds, isAtAll: false } } : {};
  const uuid = msgUuid ? { msgUuid } : {};
  if (part.buttons.length === 0) return { msgtype: "markdown", markdown: { title: part.title, text }, ...at, ...uuid };
  if (part.buttons.length === 1) {
    const [b] = part.buttons;
    return { msgtype: "actionCard", actionCard: { title: part.title, text, singleTitle: b!.title, singleURL: b!.url }, ...at, ...uuid };
  }
  return {
    msgtype: "actionCard",
    actionCard: { title: part.title, text, btnOrientation: "0", btns: part.buttons.map((b) => ({ title: b.title, actionURL: b.url })) },
    ...at,
    ...uuid,
  };
}

/**
 * msgKey + msgParam for the enterprise robot OpenAPI (group and 1-on-1 sends):
 * https://open.dingtalk.com/document/orgapp/types-of-messages-sent-by-robots
 * sampleActionCard has one button; sampleActionCard2..5 have two to five vertical buttons.
 */
export function openApiMessage(part: RenderedPart): { msgKey: string; msgParam: string } {
  const n = part.buttons.length;
  if (n === 0) return { msgKey: "sampleMarkdown", msgParam: JSON.stringify({ title: part.title, text: part.text }) };
  if (n === 1) {
    const [b] = part.buttons;
    return {
      msgKey: "sampleActionCard",
      msgParam: JSON.stringify({ title: part.title, text: part.text, singleTitle: b!.title, singleURL: b!.url }),
    };
  }
  const param: Record<string, string> = { title: part.title, text: part.text };
  part.buttons.forEach((b, i) => {
    param[`actionTitle${i + 1}`] = b.title;
    param[`actionURL${i + 1}`] = b.url;
  });
  return { msgKey: `sampleActionCard${n}`, msgParam: JSON.stringify(param) };
}
