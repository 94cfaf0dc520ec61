// Maps one Delivery to the ordered WeCom messages that carry it. A long post becomes several
// markdown parts (≤ 4,096 bytes each, numbered); a reply goes as one message (≤ 20,480 bytes)
// on the reply path, anything beyond it and any card that path cannot carry goes on the push
// path. The plan is pure data so it can be remembered between attempts (see send.ts).
import type { Delivery } from "../types.ts";
import type { WecomReplyContext } from "./decode.ts";
import { md } from "../../domain/rich-text.ts";
import { renderCard, renderMarkdown, toPlainText, type TemplateCard } from "./render.ts";
import { byteLength, MARKDOWN_MAX_BYTES, REPLY_MAX_BYTES, splitMarkdown, splitNumbered } from "./split.ts";

export type ReplyRoute = "ws-reply" | "ws-welcome" | "response-url";

export type Unit =
  /** One message on the reply path; `markdown` may be empty when the card says it all. */
  | { kind: "reply"; route: ReplyRoute; markdown: string; card?: TemplateCard; reqId?: string; responseUrl?: string }
  /** One markdown message on the push path (aibot_send_msg or the group webhook). */
  | { kind: "push"; markdown: string }
  /** A card on the push path; `hint` replaces it where cards with buttons cannot go (webhook). */
  | { kind: "push-card"; card: TemplateCard; hint: string };

// Reply windows (doc 101463: replies for 24 h; doc 101138: response_url once within 1 h;
// doc 101031: welcome within 5 s of enter_chat), each with a safety margin.
export const WS_REPLY_WINDOW_MS = 24 * 3_600_000 - 60_000;
export const RESPONSE_URL_WINDOW_MS = 3_600_000 - 60_000;
export const WELCOME_WINDOW_MS = 4_500;

export function parseReplyContext(ctx: Record<string, unknown> | undefined): WecomReplyContext | undefined {
  if (!ctx) return undefined;
  const transport = ctx.transport;
  const receivedAt = ctx.receivedAt;
  if ((transport !== "ws" && transport !== "callback") || typeof receivedAt !== "number") return undefined;
  const out: WecomReplyContext = { transport, receivedAt };
  if (typeof ctx.reqId === "string" && ctx.reqId !== "") out.reqId = ctx.reqId;
  if (typeof ctx.responseUrl === "string" && ctx.responseUrl !== "") out.responseUrl = ctx.responseUrl;
  if (ctx.event === "enter_chat" || ctx.event === "template_card_event") out.event = ctx.event;
  return out;
}

export interface PlanEnv {
  now: number;
  /** A long connection is configured (it may be down right now). */
  wsConfigured: boolean;
  /** The response_url may still be used (valid origin, not yet consumed). */
  responseUrlUsable: (url: string) => boolean;
  taskId: string;
  /** Link for cards that need one when the message has none (PUBLIC_BASE_URL). */
  linkUrl?: string;
}

/** Which reply route a reply delivery can use now, if any. */
function replyRoute(delivery: Delivery, env: PlanEnv): { route: ReplyRoute; reqId?: string; responseUrl?: string } | undefined {
  if (delivery.kind !== "reply") return undefined;
  const ctx = parseReplyContext(delivery.replyTo?.context);
  if (!ctx) return undefined;
  const age = env.now - ctx.receivedAt;
  if (ctx.transport === "ws" && ctx.reqId && env.wsConfigured) {
    if (ctx.event === "enter_chat" && age <= WELCOME_WINDOW_MS) return { route: "ws-welcome", reqId: ctx.reqId };
    // A button press is answered with a new message, not by replying to the event's req_id.
    if (ctx.event === undefined && age <= WS_REPLY_WINDOW_MS) return { route: "ws-reply", reqId: ctx.reqId };
  }
  if (ctx.responseUrl && age <= RESPONSE_URL_WINDOW_MS && env.responseUrlUsable(ctx.responseUrl)) {
    return { route: "response-url", responseUrl: ctx.responseUrl };
  }
  return undefined;
}

function pushChunks(markdown: string): Unit[] {
  return splitNumbered(markdown, MARKDOWN_MAX_BYTES).map((m) => ({ kind: "push", markdown: m }));
}

/** The first ≤ 20,480-byte piece for the reply path and the rest for the push path. */
function replyPieces(markdown: string): { first: string; rest: string } {
  if (byteLength(markdown) <= REPLY_MAX_BYTES) return { first: markdown, rest: "" };
  const parts = splitMarkdown(markdown, REPLY_MAX_BYTES - 64);
  return { first: `${parts[0]}\n（未完，续见下条）`, rest: parts.slice(1).join("\n") };
}

export function buildPlan(delivery: Delivery, env: PlanEnv): Unit[] {
  const m = delivery.message;
  const full = renderMarkdown(m, { buttonHints: true });
  const plain = renderMarkdown(m, { buttonHints: false });
  const rc = renderCard(m, env.taskId, env.linkUrl);
  const hintOnly = rc?.hasButtons
    ? renderMarkdown({ body: md``, ...(m.title ? { title: m.title } : {}), ...(m.buttons ? { buttons: m.buttons } : {}) }, { buttonHints: true })
    : full;
  const route = replyRoute(delivery, env);

  if (route?.route === "ws-welcome") {
    // The welcome reply is plain text (doc 101031 "回复欢迎语").
    return [{ kind: "reply", ...route, markdown: toPlainText(full).slice(0, 2000) }];
  }
  if (route?.route === "ws-reply") {
    if (rc?.carriesBody) return [{ kind: "reply", ...route, markdown: "", card: rc.card }];
    if (rc?.hasButtons) {
      const { first, rest } = replyPieces(plain);
      return [{ kind: "reply", ...route, markdown: first, card: rc.card }, ...pushChunks(rest)];
    }
    const { first, rest } = replyPieces(full);
    return [{ kind: "reply", ...route, markdown: first }, ...pushChunks(rest)];
  }
  if (route?.route === "response-url") {
    // One message only: the card if it says everything, else markdown (+ the card pushed after).
    if (rc?.carriesBody) return [{ kind: "reply", ...route, markdown: "", card: rc.card }];
    if (rc?.hasButtons && env.wsConfigured) {
      const { first, rest } = replyPieces(plain);
      return [{ kind: "reply", ...route, markdown: first }, ...pushChunks(rest), { kind: "push-card", card: rc.card, hint: hintOnly }];
    }
    const { first, rest } = replyPieces(full);
    return [{ kind: "reply", ...route, markdown: first }, ...pushChunks(rest)];
  }
  return pushPlan(full, plain, hintOnly, rc);
}

function pushPlan(full: string, plain: string, hintOnly: string, rc: ReturnType<typeof renderCard>): Unit[] {
  if (rc?.carriesBody) return [{ kind: "push-card", card: rc.card, hint: full }];
  if (rc?.hasButtons) return [...pushChunks(plain), { kind: "push-card", card: rc.card, hint: hintOnly }];
  return pushChunks(full);
}

/** When the reply path refuses a unit, the same content goes on the push path instead. */
export function replyFallback(unit: Extract<Unit, { kind: "reply" }>, delivery: Delivery): Unit[] {
  const m = delivery.message;
  const full = renderMarkdown(m, { buttonHints: true });
  if (unit.route === "ws-welcome") return pushChunks(full);
  if (unit.card && unit.markdown === "") return [{ kind: "push-card", card: unit.card, hint: full }];
  if (unit.card) {
    const hintOnly = renderMarkdown(
      { body: md``, ...(m.title ? { title: m.title } : {}), ...(m.buttons ? { buttons: m.buttons } : {}) },
      { buttonHints: true },
    );
    return [...pushChunks(unit.markdown), { kind: "push-card", card: unit.card, hint: hintOnly }];
  }
  return pushChunks(unit.markdown);
}
