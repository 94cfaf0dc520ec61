// Delivers one outbox row. Route: a reply goes to its sessionWebhook while valid; otherwise (or when
// that fails or has expired, errcode 300001) the group's custom-robot webhook if staff set one, else
// the OpenAPI group send; a 1-on-1 chat uses the OpenAPI 1-on-1 send. Never sleeps: an exhausted
// budget or a throttling answer returns retryAfterMs and the outbox tries again later.
import type { Logger } from "pino";
import type { Delivery, SendResult } from "../types.ts";
import type { DingtalkReplyContext } from "./decode.ts";
import { BUDGETS } from "./budgets.ts";
import { maskUrl } from "../mask-url.ts";
import { sendDirectMessage, sendGroupMessage, type OpenApiDeps } from "./openapi.ts";
import { isAuthFailure, permanent, throttled, transient, type Outcome } from "./outcome.ts";
import { openApiMessage, webhookBody } from "./payloads.ts";
import { renderMessage, type RenderedMessage, type RenderedPart } from "./render.ts";
import { signCustomRobotUrl } from "./sign.ts";
import type { TokenSource } from "./token.ts";
import { classifyRobotAnswer, postWebhook, SESSION_EXPIRED } from "./webhook.ts";
import { allowedUrl } from "../../domain/webhook-address.ts";
import { SlidingWindowLimiter, type Window } from "../../domain/sliding-window.ts";

/** A sessionWebhook this close to expiry is not worth trying. */
const SESSION_MARGIN_MS = 30_000;
/** DingTalk gives a sessionWebhook about 90 minutes; an expiry further out than this is not DingTalk's. */
const SESSION_MAX_MS = 2 * 3_600_000;
const MAX_TRACKED = 5_000;

export interface SenderDeps {
  api: OpenApiDeps;
  tokens: TokenSource;
  fetch: typeof fetch;
  /** Origin of custom robots and sessionWebhooks (DINGTALK_WEBHOOK_BASE); nothing else is posted to. */
  webhookBase: string;
  timeoutMs?: number;
  now: () => Date;
  logger: Logger;
}

export function createSender(deps: SenderDeps): (delivery: Delivery) => Promise<SendResult> {
  // Budgets run on real time even when the app's clock is simulated.
  const clock = () => performance.now();
  const robotLimiter = new SlidingWindowLimiter([BUDGETS.customRobot], clock);
  const apiLimiter = new SlidingWindowLimiter([BUDGETS.api], clock);
  // Parts of a split message already delivered, so a retry continues instead of repeating them.
  const sentParts = new Map<number, number>();

  return async function send(delivery) {
    const log = deps.logger.child({ deliveryId: delivery.id, chatType: delivery.chatType, kind: delivery.kind });
    const rendered = renderMessage(delivery.message);
    const done = sentParts.get(delivery.id) ?? 0;
    const progress = { done };
    let result: Outcome | undefined;

    const ctx = delivery.kind === "reply" ? (delivery.replyTo?.context as Partial<DingtalkReplyContext> | undefined) : undefined;
    const session = ctx ? usableSession(ctx) : undefined;
    if (session) {
      result = await viaSession(session, rendered, progress);
      if (!result.ok) log.info({ error: result.error }, "dingtalk sessionWebhook failed; falling back");
    } else if (ctx?.sessionWebhook) {
      log.info("dingtalk sessionWebhook expired or not DingTalk's; falling back");
    }
    if (!result?.ok) result = await viaChat(delivery, rendered, progress, log);

    if (result.ok || ("permanent" in result && result.permanent)) sentParts.delete(delivery.id);
    else remember(delivery.id, progress.done);
    if (!result.ok) log.warn({ error: result.error, retryAfterMs: "retryAfterMs" in result ? result.retryAfterMs : undefined }, "dingtalk send failed");
    return isAuthFailure(result) ? transient(result.error) : result;
  };

  /** The callback's sessionWebhook, when it is DingTalk's and still (plausibly) valid. */
  function usableSession(ctx: Partial<DingtalkReplyContext>): URL | undefined {
    const expires = Number(ctx.sessionWebhookExpiredTime ?? 0);
    const now = deps.now().getTime();
    if (!ctx.sessionWebhook || expires - SESSION_MARGIN_MS <= now || expires > now + SESSION_MAX_MS) return undefined;
    return allowedUrl("dingtalk-session", ctx.sessionWebhook, deps.webhookBase);
  }

  function remember(id: number, done: number): void {
    sentParts.delete(id);
    if (done === 0) return;
    sentParts.set(id, done);
    if (sentParts.size > MAX_TRACKED) sentParts.delete(sentParts.keys().next().value!);
  }

  async function viaSession(url: URL, rendered: RenderedMessage, progress: { done: number }): Promise<Outcome> {
    return eachPart(rendered, progress, async (part) => {
      const answer = await postWebhook(deps.fetch, url, webhookBody(part, rendered.atUserIds), deps.timeoutMs);
      if (answer.errcode === 0) return { ok: true };
      return transient(
        answer.errcode === SESSION_EXPIRED ? "session expired (300001)" : `sessionWebhook errcode ${answer.errcode ?? "-"} HTTP ${answer.status}`,
      );
    });
  }

  async function viaChat(delivery: Delivery, rendered: RenderedMessage, progress: { done: number }, log: Logger): Promise<Outcome> {
    const remaining = rendered.parts.length - progress.done;
    const stored = delivery.chatType === "group" ? delivery.groupSettings?.webhookUrl : undefined;
    if (stored) {
      // Set before addresses were checked, or edited in the database: never called (F5).
      const webhookUrl = allowedUrl("dingtalk-robot", stored, deps.webhookBase)?.toString();
      if (!webhookUrl) {
        log.warn({ webhook: maskUrl(stored) }, "dingtalk group push address is not a DingTalk custom robot; not used");
        return permanent("群推送地址不是钉钉自定义机器人地址，请工作人员重新「设置推送地址」");
      }
      const wait = robotLimiter.take(webhookUrl, slots(remaining, BUDGETS.customRobot));
      if (wait > 0) return throttled("custom robot budget (20/min) used up", wait);
      log.debug({ webhook: maskUrl(webhookUrl) }, "dingtalk custom robot send");
      const secret = delivery.groupSettings?.webhookSecret;
      return eachPart(rendered, progress, async (part, index) => {
        const url = secret ? signCustomRobotUrl(webhookUrl, secret, deps.now().getTime()) : webhookUrl;
        // msgUuid makes a retried part idempotent on the platform side.
        return classifyRobotAnswer(await postWebhook(deps.fetch, url, webhookBody(part, rendered.atUserIds, `renda-${delivery.id}-${index}`), deps.timeoutMs));
      });
    }
    // A member without a staff id is known only by an encrypted id, which the 1-on-1 API cannot address.
    if (delivery.chatType === "direct" && delivery.chatId.startsWith("$:")) return permanent("1-on-1 send needs a staff userId");
    const api = delivery.chatType === "group" ? "groupMessages" : "oToMessages";
    const wait = apiLimiter.take(api, slots(remaining, BUDGETS.api));
    if (wait > 0) return throttled(`${api} budget (20 QPS) used up`, wait);
    return eachPart(rendered, progress, (part) =>
      withToken((token) => {
        const msg = openApiMessage(part);
        return delivery.chatType === "group"
          ? sendGroupMessage(deps.api, token, { openConversationId: delivery.chatId, ...msg })
          : sendDirectMessage(deps.api, token, { userId: delivery.chatId, ...msg });
      }),
    );
  }

  /** One retry with a fresh token when the API rejected the cached one. */
  async function withToken(call: (token: string) => Promise<Outcome>): Promise<Outcome> {
    for (let attempt = 0; ; attempt++) {
      let token: string;
      try {
        token = await deps.tokens.get();
      } catch (err) {
        return transient(`access token: ${(err as Error).message}`, 30_000);
      }
      const result = await call(token);
      if (!isAuthFailure(result) || attempt > 0) return result;
      deps.tokens.invalidate(token);
    }
  }
}

/** Slots a message of `parts` parts takes at once: a long message still goes out, one window at a time. */
function slots(parts: number, budget: Window): number {
  return Math.min(parts, budget.limit);
}

async function eachPart(
  rendered: RenderedMessage,
  progress: { done: number },
  sendPart: (part: RenderedPart, index: number) => Promise<Outcome>,
): Promise<Outcome> {
  for (let i = progress.done; i < rendered.parts.length; i++) {
    const result = await sendPart(rendered.parts[i]!, i);
    if (!result.ok) return result;
    progress.done = i + 1;
  }
  return { ok: true };
}
