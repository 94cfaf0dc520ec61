// Shape of an AI-bot (智能机器人) callback body, identical in callback mode (decrypted JSON,
// docs 100719 "接收消息", 101027 "接收事件") and on the long connection (frame body, doc 101463).
// Validated loosely: unknown fields pass, the fields we rely on must have the right type.
import { z } from "zod";

const text = z.object({ content: z.string() }).passthrough();

const mixedItem = z
  .object({
    msgtype: z.string(),
    text: text.optional(),
    image: z.object({ url: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();

const quote = z
  .object({
    msgtype: z.string(),
    text: text.optional(),
    voice: text.optional(),
    mixed: z
      .object({ msg_item: z.array(mixedItem) })
      .passthrough()
      .optional(),
  })
  .passthrough();

const cardEventDetail = z
  .object({
    card_type: z.string().optional(),
    event_key: z.string().optional(),
    task_id: z.string().optional(),
  })
  .passthrough();

export const wecomPayloadSchema = z
  .object({
    msgid: z.string().min(1).max(256),
    aibotid: z.string().optional(),
    chatid: z.string().min(1).max(256).optional(),
    chattype: z.enum(["single", "group"]).optional(),
    from: z.object({ userid: z.string().min(1).max(256) }).passthrough(),
    create_time: z.number().optional(),
    response_url: z.string().optional(),
    msgtype: z.string(),
    text: text.optional(),
    voice: text.optional(),
    mixed: z
      .object({ msg_item: z.array(mixedItem) })
      .passthrough()
      .optional(),
    quote: quote.optional(),
    event: z
      .object({
        eventtype: z.string(),
        // The event's own detail object is keyed by its type (e.g. template_card_event);
        // the SDK's typings show the fields flat on `event`, so both are accepted.
        template_card_event: cardEventDetail.optional(),
        event_key: z.string().optional(),
        task_id: z.string().optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

export type WecomPayload = z.infer<typeof wecomPayloadSchema>;
