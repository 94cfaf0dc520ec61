// Durable intake: a message is stored (unique by platform + message id) before the platform is
// acknowledged; handling runs afterwards, per chat in arrival order, and rows left unhandled by a
// crash are picked up again at start-up.
import { md } from "../domain/rich-text.ts";
import type { InboundMessage } from "../channels/types.ts";
import type { CoreContext } from "../core/context.ts";
import { isUniqueViolation } from "../db/errors.ts";
import { handleMessage, isForTheBot, type HandleResult } from "./handle.ts";
import { text } from "../domain/matter-text.ts";
import { enqueue } from "../outbox/enqueue.ts";
import { storable } from "../domain/storable.ts";

const MAX_ATTEMPTS = 5;

export interface Inbox {
  /** Stores and schedules; resolves once stored. `handled` resolves with the replies. */
  receive(msg: InboundMessage): Promise<{ duplicate: boolean; ignored: boolean; handled: Promise<HandleResult | undefined> }>;
  /** Schedules stored rows not handled yet and not in hand here: a previous run's, or ones whose handling failed. */
  recover(): Promise<number>;
  /** Shutdown: queued messages are not started (they stay stored, unhandled, for the next start); in-flight ones finish. */
  stop(): void;
  /** Waits for everything scheduled so far. */
  idle(): Promise<void>;
}

function revive(payload: unknown): InboundMessage {
  const m = payload as InboundMessage & { sentAt: string };
  return { ...m, sentAt: new Date(m.sentAt) };
}

export function createInbox(ctx: CoreContext): Inbox {
  const chains = new Map<string, Promise<unknown>>();
  const pending = new Set<Promise<unknown>>();
  const inFlight = new Set<number>();

  // Handling is bounded so that storing new messages (the platform's ack waits on it) always
  // finds a free database connection, however deep the backlog.
  const limit = ctx.config.INBOX_CONCURRENCY;
  let active = 0;
  let stopping = false;
  const waiting: (() => void)[] = [];
  async function withSlot<T>(fn: () => Promise<T>): Promise<T> {
    if (active < limit) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next)
        next(); // the slot passes straight on
      else active--;
    }
  }

  async function process(rowId: number, msg: InboundMessage): Promise<HandleResult | undefined> {
    const claim = async (tx: Parameters<Parameters<typeof handleMessage>[2]>[0]) => {
      const { count } = await tx.inboundMessage.updateMany({ where: { id: rowId, handledAt: null }, data: { handledAt: ctx.now() } });
      return count === 1;
    };
    try {
      return await handleMessage(ctx, msg, claim);
    } catch (err) {
      const row = await ctx.db.inboundMessage
        .update({ where: { id: rowId }, data: { attempts: { increment: 1 }, error: String(err instanceof Error ? err.message : err).slice(0, 500) } })
        .catch(() => undefined);
      ctx.logger.error({ err, messageId: msg.messageId, platform: msg.platform, attempts: row?.attempts }, "handling an inbound message failed");
      if (row && row.attempts >= MAX_ATTEMPTS) await giveUp(rowId, msg);
      return undefined;
    }
  }

  /** A message that keeps failing gets an apology instead of silence, and is left for staff in the inbox table. */
  async function giveUp(rowId: number, msg: InboundMessage): Promise<void> {
    await ctx.db.$transaction(async (tx) => {
      const { count } = await tx.inboundMessage.updateMany({ where: { id: rowId, handledAt: null }, data: { handledAt: ctx.now() } });
      if (count) {
        await enqueue(tx, [
          {
            platform: msg.platform,
            chatId: msg.chatId,
            chatType: msg.chatType,
            kind: "reply",
            message: text(md`抱歉，这条消息处理出错，已记录并通知工作人员，请稍后再试。`),
            replyTo: { messageId: msg.messageId, ...(msg.replyContext ? { context: msg.replyContext } : {}) },
          },
        ]);
      }
    });
    ctx.nudgeOutbox();
  }

  function schedule(rowId: number, msg: InboundMessage): Promise<HandleResult | undefined> {
    inFlight.add(rowId);
    const key = `${msg.platform}:${msg.chatId}`;
    const previous = chains.get(key) ?? Promise.resolve();
    const next = previous.then(() => withSlot(async () => (stopping ? undefined : process(rowId, msg))));
    const settled = next.catch(() => undefined);
    chains.set(key, settled);
    pending.add(settled);
    settled.finally(() => {
      inFlight.delete(rowId);
      pending.delete(settled);
      if (chains.get(key) === settled) chains.delete(key);
    });
    return next;
  }

  return {
    async receive(raw) {
      const msg = storable(raw);
      if (!isForTheBot(msg)) return { duplicate: false, ignored: true, handled: Promise.resolve(undefined) };
      try {
        const row = await ctx.db.inboundMessage.create({
          data: { platform: msg.platform, messageId: msg.messageId, chatId: msg.chatId, senderId: msg.senderId, payload: msg as object, receivedAt: ctx.now() },
          select: { id: true },
        });
        return { duplicate: false, ignored: false, handled: schedule(row.id, msg) };
      } catch (err) {
        if (isUniqueViolation(err)) return { duplicate: true, ignored: false, handled: Promise.resolve(undefined) };
        throw err;
      }
    },
    async recover() {
      const rows = (await ctx.db.inboundMessage.findMany({ where: { handledAt: null }, orderBy: { id: "asc" }, take: 10_000 })).filter(
        (r) => !inFlight.has(r.id),
      );
      for (const row of rows) void schedule(row.id, revive(row.payload));
      if (rows.length) ctx.logger.info({ count: rows.length }, "resuming unhandled inbound messages");
      return rows.length;
    },
    stop() {
      stopping = true;
    },
    async idle() {
      while (pending.size) await Promise.all([...pending]);
    },
  };
}
