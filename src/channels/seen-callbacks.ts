// Durable memory of signed callbacks already accepted (F9), in the database so that it holds across
// restarts and instances for as long as the callback's timestamp is accepted. Like WeCom's
// in-memory TtlSet (wecom/replay.ts), but that one may forget: WeCom's signature covers the body,
// so a repeat is the same message, which the inbox dedupes by id anyway. DingTalk's covers only
// the timestamp: a captured (timestamp, sign) would carry any body.
import type { Db } from "../db/client.ts";

/** "new": first use; "repeat": the same message again (a platform retry); "replayed": another message under a used signature. */
export type Seen = "new" | "repeat" | "replayed";

export interface SeenCallbacks {
  claim(key: string, messageId: string, expiresAt: Date): Promise<Seen>;
  /** Forgets a claim whose message could not be stored, so the platform's retry is accepted. */
  release(key: string): Promise<void>;
}

const PRUNE_EVERY_MS = 60_000;

export function createSeenCallbacks(db: Db, now: () => Date): SeenCallbacks {
  let prunedAt = 0;
  return {
    async claim(key, messageId, expiresAt) {
      const at = now();
      if (at.getTime() - prunedAt > PRUNE_EVERY_MS) {
        prunedAt = at.getTime();
        await db.seenCallback.deleteMany({ where: { expiresAt: { lt: at } } });
      }
      // A claim released between the insert and the read (its message failed to store) is tried again.
      for (let attempt = 0; attempt < 2; attempt++) {
        const { count } = await db.seenCallback.createMany({ data: [{ key, messageId, expiresAt }], skipDuplicates: true });
        if (count === 1) return "new";
        const seen = await db.seenCallback.findUnique({ where: { key } });
        if (seen) return seen.messageId === messageId ? "repeat" : "replayed";
      }
      return "replayed";
    },
    async release(key) {
      await db.seenCallback.deleteMany({ where: { key } });
    },
  };
}
