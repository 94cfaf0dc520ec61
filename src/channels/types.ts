// The platform-neutral boundary: channels turn platform payloads into InboundMessage
// and render OutboundMessage their own way. Nothing past this file knows a payload shape.
import type { Rich } from "../domain/rich-text.ts";

export const PLATFORMS = ["simulator", "wecom", "dingtalk"] as const;
export type Platform = (typeof PLATFORMS)[number];

export type ChatType = "group" | "direct";

export interface InboundMessage {
  platform: Platform;
  /** The platform's message id: the dedupe key (unique per platform). */
  messageId: string;
  chatId: string;
  chatType: ChatType;
  chatName?: string;
  senderId: string;
  senderName?: string;
  /** Text with the leading @-mention of the bot removed. */
  text: string;
  /** True when the message @-mentions the bot or comes in a direct chat. */
  addressedToBot: boolean;
  sentAt: Date;
  /** "message" for text; "enter_chat" when a user opens a direct chat with the bot. */
  kind?: "message" | "enter_chat";
  /** Text of a quoted message, kept as context. */
  quote?: string;
  /** Opaque platform data a channel needs to reply (response_url, sessionWebhook…). */
  replyContext?: Record<string, unknown>;
}

export interface OutboundButton {
  label: string;
  /** The command text a press stands for, e.g. "评价 27 满意"; channels send it back as an InboundMessage. */
  command: string;
}

/** Hint that lets a channel render a richer card; the plain body is always complete on its own. */
export type CardKind = "identity" | "receipt" | "rating" | "feedback" | "summary" | "reminder";

export interface OutboundMessage {
  title?: Rich;
  /** The bot's words (lines, "**bold**", "- " bullets) and people's text as separate parts; see domain/rich-text.ts. */
  body: Rich;
  /** Platform user ids to @-mention. */
  mentions?: string[];
  buttons?: OutboundButton[];
  card?: CardKind;
  /** Structured fields for cards (e.g. number, status), optional. */
  fields?: { label: string; value: Rich }[];
  /** An absolute URL the message links to (e.g. a deputy page). */
  url?: string;
  /** An absolute image URL (e.g. the deputy's QR code): an image where the platform's markdown allows, a link otherwise. */
  imageUrl?: string;
}

/** A message and the chat it goes to: written to the outbox (outbox/enqueue.ts), later handed to a channel as a Delivery. */
export interface AddressedMessage {
  chatId: string;
  chatType: ChatType;
  kind: "reply" | "post";
  message: OutboundMessage;
  /** For replies: the inbound message id and its reply context. */
  replyTo?: { messageId: string; context?: Record<string, unknown> };
}

/** One outbox row handed to a channel for delivery. */
export interface Delivery extends AddressedMessage {
  id: number;
  platform: Platform;
  /** Per-group delivery settings (e.g. a webhook URL); secrets, never logged. */
  groupSettings?: { webhookUrl?: string | null; webhookSecret?: string | null };
  attempts: number;
}

export type SendResult = { ok: true } | { ok: false; error: string; retryAfterMs?: number; permanent?: boolean };

export interface Channel {
  readonly platform: Platform;
  send(delivery: Delivery): Promise<SendResult>;
  start?(): Promise<void>;
  stop?(): Promise<void>;
  /** Reported under /healthz, e.g. { connection: "open" }. */
  health?(): Record<string, unknown>;
}

/** What the core gives a channel: store an inbound message durably (dedupe), handle it later. */
export interface Ingest {
  /** Resolves once the message is durably stored (or known as a duplicate): only then ack the platform. Throws when it could not be stored. */
  (message: InboundMessage): Promise<{ duplicate: boolean }>;
}
