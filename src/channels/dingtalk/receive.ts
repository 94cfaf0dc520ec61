// The one path a robot message takes from either transport into the core: decode, then ingest.
// The caller acknowledges the platform only when this resolves with stored/duplicate/skipped;
// it rejects when ingest could not store the message, so the platform re-delivers.
import type { Logger } from "pino";
import type { Ingest } from "../types.ts";
import { decodeRobotMessage } from "./decode.ts";

export type ReceiveResult =
  { status: "stored" | "duplicate"; messageId: string } | { status: "skipped"; reason: string } | { status: "invalid"; reason: string };

export async function receiveRobotMessage(payload: unknown, deps: { ingest: Ingest; logger: Logger; now: () => Date }): Promise<ReceiveResult> {
  const decoded = decodeRobotMessage(payload, deps.now);
  if (!decoded.ok) {
    deps.logger.warn({ reason: decoded.reason }, decoded.skip ? "dingtalk message skipped" : "dingtalk payload rejected");
    return decoded.skip ? { status: "skipped", reason: decoded.reason } : { status: "invalid", reason: decoded.reason };
  }
  const m = decoded.message;
  const { duplicate } = await deps.ingest(m);
  deps.logger.info({ messageId: m.messageId, chatType: m.chatType, duplicate }, "dingtalk message received");
  return { status: duplicate ? "duplicate" : "stored", messageId: m.messageId };
}
