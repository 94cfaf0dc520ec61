// What a verb on a matter sees and what it answers with: the open transaction, who acts, and two
// outlets for its words. The acknowledgement goes to whoever acted; notices go to other chats
// (the matter's group). Chat commands and the console both provide these, so neither fakes the other.
import type { Tx } from "../../db/client.ts";
import type { OutboundMessage } from "../../channels/types.ts";
import type { CoreContext } from "../context.ts";
import type { Actor } from "../actors.ts";

export interface VerbEnv {
  ctx: CoreContext;
  tx: Tx;
  actor: Actor;
  reply(message: OutboundMessage): void;
  post(target: { platform: string; chatId: string; chatType?: "group" | "direct" }, message: OutboundMessage): void;
}

/** A notice for the matter's group, when it has one. */
export function tellGroupOf(env: VerbEnv, group: { platform: string; chatId: string } | null, message: OutboundMessage): void {
  if (group) env.post(group, message);
}
