import type { Tx } from "../db/client.ts";
import type { InboundMessage, OutboundMessage } from "../channels/types.ts";
import type { CoreContext } from "../core/context.ts";
import type { Actor } from "../core/actors.ts";
import type { OutboxItem } from "../outbox/enqueue.ts";
import type { Group } from "../generated/prisma/client.ts";

/** What a command sees: the transaction, the speaker, the chat, and where its messages go. */
export interface CommandEnv {
  ctx: CoreContext;
  tx: Tx;
  msg: InboundMessage;
  actor: Actor;
  /** The group this message came from (null in a direct chat). */
  group: Group | null;
  reply(message: OutboundMessage): void;
  /** A post to another chat (e.g. feedback in the group where a matter was raised). */
  post(target: { platform: string; chatId: string; chatType?: "group" | "direct" }, message: OutboundMessage): void;
  readonly outbox: OutboxItem[];
}
