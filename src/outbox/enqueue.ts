import type { Tx } from "../db/client.ts";
import type { AddressedMessage } from "../channels/types.ts";
import { storable } from "../domain/storable.ts";

export interface OutboxItem extends AddressedMessage {
  /** As stored with the group or identity; the worker finds its channel. */
  platform: string;
  /** A post that must exist once only (e.g. a scheduled summary for one period). */
  dedupeKey?: string;
  /** Not sent before this instant; default the database clock. Callers on the app clock pass it (tests move that clock). */
  notBefore?: Date;
}

/** Writes outgoing messages in the caller's transaction, so they exist exactly when the change does. */
export async function enqueue(tx: Tx, items: OutboxItem[]): Promise<void> {
  if (!items.length) return;
  await tx.outboxMessage.createMany({
    data: items.map((i) => ({
      platform: i.platform,
      chatId: i.chatId,
      chatType: i.chatType,
      kind: i.kind,
      // A text cut anywhere upstream must not make the whole transaction fail on PostgreSQL's JSON rules.
      payload: storable(i.message) as object,
      replyTo: i.replyTo as object | undefined,
      dedupeKey: i.dedupeKey,
      nextAttemptAt: i.notBefore,
    })),
    skipDuplicates: true,
  });
}
