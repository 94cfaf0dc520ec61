// Executes a delivery's plan (plan.ts) message by message, in order.
//
// One Delivery may become several WeCom messages. Progress is remembered in memory, keyed
// by delivery id: when part 3 of 5 hits a rate limit we return {ok:false, retryAfterMs}
// and the outbox retries later; the retry resumes at part 3 and never resends parts 1–2.
// Limitation: this memory does not survive a restart — a delivery interrupted mid-way by a
// restart is sent again from its first part (parts may then appear twice; never lost).
//
// Routes: reply path = aibot_respond_msg / aibot_respond_welcome_msg on the long connection
// (doc 101463) or the callback's response_url (doc 101138); push path = aibot_send_msg on
// the long connection (doc 101463) or the group webhook (doc 91770), in that order.
import { createHash, randomBytes } from "node:crypto";
import type { Logger } from "pino";
import type { Delivery, SendResult } from "../types.ts";
import { allowedUrl } from "../../domain/webhook-address.ts";
import { SlidingWindowLimiter } from "../../domain/sliding-window.ts";
import { maskUrl } from "../mask-url.ts";
import { postResponseUrl, postWebhook, type HttpOutcome } from "./http-api.ts";
import type { LongConnection, WsOutcome } from "./long-connection.ts";
import { buildPlan, replyFallback, type Unit } from "./plan.ts";
import { LONG_CONNECTION_WINDOWS, WEBHOOK_WINDOWS } from "./budgets.ts";
import { TtlSet } from "./replay.ts";

export interface SenderDeps {
  apiBase: string;
  linkUrl?: string;
  ws?: LongConnection;
  fetch: typeof fetch;
  /** One HTTP send (SEND_TIMEOUT_MS); a hanging webhook must not hold its delivery for long. */
  timeoutMs?: number;
  logger: Logger;
  now: () => Date;
}

interface Progress {
  units: Unit[];
  next: number;
  createdAt: number;
}

const PROGRESS_TTL_MS = 48 * 3_600_000;
const NOT_CONNECTED_RETRY_MS = 5_000;
/** Long-connection errcodes that mean "too many" (global codes 45009 / 45033). */
const WS_RATE_LIMIT_CODES = new Set([45009, 45033]);

type UnitResult = { ok: true } | { ok: false; error: string; retryAfterMs?: number; permanent?: boolean; rejected?: boolean };

export class WecomSender {
  private readonly progress = new Map<number, Progress>();
  private readonly usedResponseUrls: TtlSet;
  private readonly wsLimiter: SlidingWindowLimiter;
  private readonly webhookLimiter: SlidingWindowLimiter;
  private readonly log: Logger;

  constructor(private readonly deps: SenderDeps) {
    const nowMs = () => deps.now().getTime();
    this.usedResponseUrls = new TtlSet(2 * 3_600_000, 100_000, nowMs);
    this.wsLimiter = new SlidingWindowLimiter(LONG_CONNECTION_WINDOWS, nowMs);
    this.webhookLimiter = new SlidingWindowLimiter(WEBHOOK_WINDOWS, nowMs);
    this.log = deps.logger;
  }

  /** How many deliveries are part-way through (for tests and health). */
  get pendingParts(): number {
    return this.progress.size;
  }

  async send(delivery: Delivery): Promise<SendResult> {
    if (delivery.platform !== "wecom") return { ok: false, error: "wrong_platform", permanent: true };
    const now = this.deps.now().getTime();
    this.prune(now);
    let p = this.progress.get(delivery.id);
    if (!p) {
      const units = buildPlan(delivery, {
        now,
        wsConfigured: this.deps.ws !== undefined,
        responseUrlUsable: (u) => !this.usedResponseUrls.has(u) && allowedUrl("wecom-response", u, this.deps.apiBase) !== undefined,
        taskId: `d${delivery.id}_${randomBytes(4).toString("hex")}`,
        linkUrl: this.deps.linkUrl,
      });
      if (units.length === 0) return { ok: true };
      p = { units, next: 0, createdAt: now };
      this.progress.set(delivery.id, p);
    }

    while (p.next < p.units.length) {
      const unit = p.units[p.next];
      const r = await this.sendUnit(unit, delivery);
      if (r.ok) {
        p.next += 1;
        continue;
      }
      if (unit.kind === "reply" && (r.rejected || (r.error === "not_connected" && this.canPushNow(delivery)))) {
        // The reply path is gone (used, expired, refused, or no connection): push the same content.
        this.log.info({ deliveryId: delivery.id, route: unit.route, error: r.error }, "回复通道不可用，改用推送通道");
        p.units.splice(p.next, 1, ...replyFallback(unit, delivery));
        continue;
      }
      this.log.warn(
        { deliveryId: delivery.id, part: p.next + 1, parts: p.units.length, error: r.error, retryAfterMs: r.retryAfterMs, permanent: r.permanent },
        "企业微信消息未发出",
      );
      if (r.permanent) this.progress.delete(delivery.id);
      const { rejected: _rejected, ...result } = r;
      return result;
    }
    this.progress.delete(delivery.id);
    if (p.units.length > 1) this.log.info({ deliveryId: delivery.id, parts: p.units.length }, "企业微信消息已分多条发出");
    return { ok: true };
  }

  private canPushNow(delivery: Delivery): boolean {
    return this.deps.ws?.isOpen() === true || this.webhookOf(delivery) !== undefined;
  }

  private webhookOf(delivery: Delivery): URL | undefined {
    const raw = delivery.chatType === "group" ? delivery.groupSettings?.webhookUrl : undefined;
    return raw ? allowedUrl("wecom-robot", raw, this.deps.apiBase) : undefined;
  }

  private async sendUnit(unit: Unit, delivery: Delivery): Promise<UnitResult> {
    if (unit.kind === "reply") return this.sendReply(unit, delivery);
    return this.sendPush(unit, delivery);
  }

  private async sendReply(unit: Extract<Unit, { kind: "reply" }>, delivery: Delivery): Promise<UnitResult> {
    if (unit.route === "response-url") {
      const url = unit.responseUrl ? allowedUrl("wecom-response", unit.responseUrl, this.deps.apiBase) : undefined;
      if (!url || this.usedResponseUrls.has(unit.responseUrl!)) return { ok: false, error: "response_url_unusable", rejected: true };
      // Active reply (doc 101138): markdown or template_card, once per response_url.
      const body = unit.card ? { msgtype: "template_card", template_card: unit.card } : { msgtype: "markdown", markdown: { content: unit.markdown } };
      const r = await postResponseUrl(this.deps.fetch, url, body, this.deps.timeoutMs);
      if (r.ok || ("rejected" in r && r.rejected)) this.usedResponseUrls.add(unit.responseUrl!);
      return r;
    }
    const ws = this.deps.ws;
    if (!ws || !unit.reqId) return { ok: false, error: "no_reply_path", rejected: true };
    const wait = this.wsLimiter.wait(delivery.chatId);
    if (wait > 0) return { ok: false, error: "rate_limited", retryAfterMs: wait };
    let r: WsOutcome;
    if (unit.route === "ws-welcome") {
      r = await ws.respond(unit.reqId, { msgtype: "text", text: { content: unit.markdown } }, "aibot_respond_welcome_msg");
    } else {
      // Passive reply (doc 101031): a finished stream carries markdown; with a card, stream_with_template_card.
      const stream = { id: `s${delivery.id}_${randomBytes(3).toString("hex")}`, finish: true, content: unit.markdown };
      const body = unit.card
        ? unit.markdown === ""
          ? { msgtype: "template_card", template_card: unit.card }
          : { msgtype: "stream_with_template_card", stream, template_card: unit.card }
        : { msgtype: "stream", stream };
      r = await ws.respond(unit.reqId, body);
    }
    return this.wsResult(r, delivery.chatId, true);
  }

  private wsResult(r: WsOutcome, chatId: string, isReply: boolean): UnitResult {
    if (r.ok) {
      this.wsLimiter.record(chatId);
      return { ok: true };
    }
    if (r.errcode !== undefined && WS_RATE_LIMIT_CODES.has(r.errcode)) {
      this.wsLimiter.block(chatId, 60_000);
      return { ok: false, error: "rate_limited", retryAfterMs: 60_000 };
    }
    if (r.error === "not_connected") return { ok: false, error: "not_connected", retryAfterMs: NOT_CONNECTED_RETRY_MS };
    // An errcode on a reply means the req_id cannot be answered (expired, already used…).
    return { ok: false, error: r.error, rejected: isReply && r.errcode !== undefined };
  }

  private async sendPush(unit: Exclude<Unit, { kind: "reply" }>, delivery: Delivery): Promise<UnitResult> {
    const ws = this.deps.ws;
    const webhook = this.webhookOf(delivery);
    let wsFailure: UnitResult | undefined;
    if (ws?.isOpen()) {
      const wait = this.wsLimiter.wait(delivery.chatId);
      if (wait > 0) return { ok: false, error: "rate_limited", retryAfterMs: wait };
      const body =
        unit.kind === "push-card" ? { msgtype: "template_card", template_card: unit.card } : { msgtype: "markdown", markdown: { content: unit.markdown } };
      const r = this.wsResult(await ws.push(delivery.chatId, body), delivery.chatId, false);
      if (r.ok || r.error === "rate_limited" || !webhook) return r;
      wsFailure = r; // e.g. the chat never messaged the bot: try the group webhook
    }
    if (webhook) return this.sendWebhook(unit, webhook);
    if (wsFailure) return wsFailure;
    if (ws) return { ok: false, error: "not_connected", retryAfterMs: NOT_CONNECTED_RETRY_MS };
    const raw = delivery.groupSettings?.webhookUrl;
    if (raw) {
      this.log.warn({ webhook: maskUrl(raw) }, "群 webhook 地址无效（须为企业微信群机器人地址）");
      return { ok: false, error: "invalid_webhook_url", permanent: true };
    }
    return { ok: false, error: "no_push_path", permanent: true };
  }

  private async sendWebhook(unit: Exclude<Unit, { kind: "reply" }>, url: URL): Promise<UnitResult> {
    const key = createHash("sha256").update(url.toString()).digest("hex");
    const wait = this.webhookLimiter.wait(key);
    if (wait > 0) return { ok: false, error: "rate_limited", retryAfterMs: wait };
    // Group robots take text_notice cards but not cards with buttons (those need a callback).
    const body =
      unit.kind === "push-card" && unit.card.card_type === "text_notice"
        ? { msgtype: "template_card", template_card: unit.card }
        : { msgtype: "markdown", markdown: { content: unit.kind === "push-card" ? unit.hint : unit.markdown } };
    const r: HttpOutcome = await postWebhook(this.deps.fetch, url, body, this.deps.timeoutMs);
    if (r.ok) {
      this.webhookLimiter.record(key);
      return r;
    }
    if (r.error === "rate_limited") this.webhookLimiter.block(key, r.retryAfterMs ?? 60_000);
    if (r.permanent) this.log.warn({ webhook: maskUrl(url.toString()), error: r.error }, "群 webhook 已失效");
    const { rejected: _r, ...rest } = r as { rejected?: boolean } & UnitResult;
    return rest;
  }

  private prune(now: number): void {
    for (const [id, p] of this.progress) if (now - p.createdAt > PROGRESS_TTL_MS) this.progress.delete(id);
  }
}
