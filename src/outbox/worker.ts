// The only thing that talks to platform send APIs. Rows are claimed with a lease, one per chat
// at a time and oldest first, so each chat sees its messages in order, across instances.
// Deliveries run independently (F10): a chat whose webhook hangs holds only its own next row;
// every finished delivery looks for more work at once, so other chats never wait for it.
import { storedMessage } from "./stored-message.ts";
import type { Db } from "../db/client.ts";
import type { Channel, Delivery, OutboundMessage, Platform, SendResult } from "../channels/types.ts";
import type { Logger } from "../logger.ts";
import { backoffMs } from "./backoff.ts";

const BATCH = 32;
const NO_CHANNEL_RETRY_MS = 5 * 60_000;

interface ClaimedRow {
  id: number;
  platform: string;
  chatId: string;
  chatType: string;
  kind: string;
  payload: unknown;
  replyTo: Delivery["replyTo"] | null;
  attempts: number;
  webhookUrl: string | null;
  webhookSecret: string | null;
}

export interface OutboxWorker {
  start(): void;
  stop(): Promise<void>;
  nudge(): void;
  /** Sends everything due now, until nothing is left (tests, and a clean shutdown). */
  drain(): Promise<void>;
  register(channel: Channel): void;
}

export function createOutboxWorker(deps: { db: Db; logger: Logger; pollMs: number; leaseMs?: number; now?: () => Date }): OutboxWorker {
  const { db, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const channels = new Map<string, Channel>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = true;
  /** Deliveries under way in this process, by row id. */
  const inflight = new Map<number, Promise<void>>();

  async function claim(limit: number): Promise<ClaimedRow[]> {
    const at = now();
    return db.$queryRaw<ClaimedRow[]>`
      UPDATE "OutboxMessage" AS o SET "lockedUntil" = ${new Date(at.getTime() + (deps.leaseMs ?? 60_000))}
      FROM (
        SELECT m.id FROM "OutboxMessage" m
        WHERE m.status = 'PENDING' AND m."nextAttemptAt" <= ${at}
          AND (m."lockedUntil" IS NULL OR m."lockedUntil" < ${at})
          AND NOT EXISTS (
            SELECT 1 FROM "OutboxMessage" e
            WHERE e.platform = m.platform AND e."chatId" = m."chatId" AND e.status = 'PENDING' AND e.id < m.id)
        ORDER BY m.id LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ) AS due
      WHERE o.id = due.id
      RETURNING o.id, o.platform, o."chatId", o."chatType", o.kind, o.payload, o."replyTo", o.attempts,
        (SELECT g2."webhookUrl" FROM "Group" g2 WHERE g2.platform = o.platform AND g2."chatId" = o."chatId") AS "webhookUrl",
        (SELECT g2."webhookSecret" FROM "Group" g2 WHERE g2.platform = o.platform AND g2."chatId" = o."chatId") AS "webhookSecret"`;
  }

  async function deliver(row: ClaimedRow): Promise<void> {
    const channel = channels.get(row.platform);
    let result: SendResult;
    if (!channel) {
      result = { ok: false, error: `未配置 ${row.platform} 通道`, retryAfterMs: NO_CHANNEL_RETRY_MS };
    } else {
      try {
        result = await channel.send({
          id: row.id,
          platform: row.platform as Platform,
          chatId: row.chatId,
          chatType: row.chatType === "direct" ? "direct" : "group",
          kind: row.kind === "reply" ? "reply" : "post",
          message: storedMessage(row.payload),
          ...(row.replyTo ? { replyTo: row.replyTo } : {}),
          groupSettings: { webhookUrl: row.webhookUrl, webhookSecret: row.webhookSecret },
          attempts: row.attempts,
        });
      } catch (err) {
        result = { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    }
    const log = logger.child({ outboxId: row.id, platform: row.platform, chatId: row.chatId });
    if (result.ok) {
      await db.outboxMessage.update({ where: { id: row.id }, data: { status: "SENT", sentAt: now(), lockedUntil: null, attempts: { increment: 1 } } });
      log.debug("outbox sent");
    } else if (result.permanent) {
      await db.outboxMessage.update({
        where: { id: row.id },
        data: { status: "FAILED", lastError: result.error.slice(0, 500), lockedUntil: null, attempts: { increment: 1 } },
      });
      log.error({ error: result.error }, "outbox message failed permanently");
    } else {
      const wait = Math.max(result.retryAfterMs ?? 0, backoffMs(row.attempts + 1));
      await db.outboxMessage.update({
        where: { id: row.id },
        data: { lastError: result.error.slice(0, 500), lockedUntil: null, attempts: { increment: 1 }, nextAttemptAt: new Date(now().getTime() + wait) },
      });
      log.warn({ error: result.error, retryInMs: wait }, "outbox send failed, will retry");
    }
  }

  /** Claims what is due and starts sending it without waiting; true when something was claimed. */
  async function pass(): Promise<boolean> {
    const room = BATCH - inflight.size;
    if (room <= 0) return false;
    const rows = await claim(room);
    for (const row of rows) {
      if (inflight.has(row.id)) continue; // its lease ran out while this process is still sending it
      const delivery = deliver(row)
        .catch((err) => logger.warn({ err, outboxId: row.id }, "outbox delivery not recorded; retried after its lease"))
        .finally(() => {
          inflight.delete(row.id);
          // The chat's next row is due now, and there is room for another chat's.
          if (!stopped) kick();
        });
      inflight.set(row.id, delivery);
    }
    return rows.length > 0;
  }

  async function loop(): Promise<void> {
    do {
      again = false;
      try {
        while (await pass()) {
          if (stopped) break;
        }
      } catch (err) {
        logger.warn({ err }, "outbox pass failed; will retry");
      }
    } while (again && !stopped);
  }

  function kick(): void {
    if (running) {
      again = true;
      return;
    }
    running = loop().finally(() => (running = undefined));
  }

  return {
    register(channel) {
      channels.set(channel.platform, channel);
    },
    start() {
      stopped = false;
      timer = setInterval(kick, deps.pollMs);
      timer.unref();
      kick();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
      await Promise.all(inflight.values());
    },
    nudge() {
      if (!stopped) kick();
    },
    async drain() {
      for (;;) {
        await running;
        if (await pass()) continue;
        // Done when nothing is being sent or claimed; a finished delivery may make its chat's next row due.
        const busy: Promise<void>[] = [...inflight.values(), ...(running ? [running] : [])];
        if (busy.length === 0) return;
        await Promise.race(busy);
      }
    },
  };
}
