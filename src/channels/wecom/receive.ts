// The one path a WeCom message takes from either transport into the core: shape check, msgid
// dedupe, decode, then ingest. A msgid seen recently is not ingested twice (WeCom re-sends; the
// core dedupes too). Rejects when ingest could not store the message: the transport then makes
// WeCom re-deliver (callback: 503) or retries itself (long connection).
import type { Logger } from "pino";
import type { Ingest } from "../types.ts";
import { decodePayload, type Transport } from "./decode.ts";
import { wecomPayloadSchema } from "./payload.ts";
import type { TtlSet } from "./replay.ts";

/** seen: its msgid was accepted recently; ignored: nothing for the core (decode.ts says why). */
export type ReceiveResult = { status: "stored" | "duplicate" | "seen" | "ignored" | "invalid" };

const LABEL: Record<Transport, string> = { callback: "回调", ws: "长连接" };

export async function receiveWecomPayload(
  body: unknown,
  deps: { ingest: Ingest; seen: TtlSet; logger: Logger; now: Date; transport: Transport; reqId?: string },
): Promise<ReceiveResult> {
  const { seen, logger: log } = deps;
  const label = LABEL[deps.transport];
  const parsed = wecomPayloadSchema.safeParse(body);
  if (!parsed.success) return { status: "invalid" };
  const p = parsed.data;
  if (seen.has(p.msgid)) {
    log.info({ msgid: p.msgid }, `重复的${label}（msgid 已受理），忽略`);
    return { status: "seen" };
  }
  const decoded = decodePayload(p, { transport: deps.transport, reqId: deps.reqId, now: deps.now });
  if ("ignored" in decoded) {
    log.info({ msgid: p.msgid, msgtype: p.msgtype, reason: decoded.ignored }, `企业微信${label}已忽略`);
    seen.add(p.msgid);
    return { status: "ignored" };
  }
  const m = decoded.message;
  const { duplicate } = await deps.ingest(m);
  seen.add(m.messageId);
  log.info({ msgid: m.messageId, chatType: m.chatType, kind: m.kind, duplicate }, `企业微信${label}消息已受理`);
  return { status: duplicate ? "duplicate" : "stored" };
}
