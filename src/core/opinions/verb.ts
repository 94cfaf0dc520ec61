// What a verb on a matter sees and what it answers with: the open transaction, who acts, the group
// it was given in, and two outlets for its words. The acknowledgement goes to whoever acted; notices
// go to other chats (the matter's group). Chat commands and the console both provide these, so
// neither fakes the other.
import type { Tx } from "../../db/client.ts";
import type { OutboundMessage } from "../../channels/types.ts";
import type { Group } from "../../generated/prisma/client.ts";
import { md, type Rich } from "../../domain/rich-text.ts";
import { text } from "../../domain/matter-text.ts";
import type { CoreContext } from "../context.ts";
import type { Actor } from "../actors.ts";
import { CODE_CHANNEL } from "./submit-code.ts";

export interface VerbEnv {
  ctx: CoreContext;
  tx: Tx;
  actor: Actor;
  /** The group the verb was given in: null in a direct chat and in the console. */
  group: Group | null;
  reply(message: OutboundMessage): void;
  post(target: { platform: string; chatId: string; chatType?: "group" | "direct" }, message: OutboundMessage): void;
}

type MatterGroup = { platform: string; chatId: string } | null;

/** Whether the verb was given in the matter's own group (its words there need no second post). */
export function inGroupOf(env: VerbEnv, group: MatterGroup): boolean {
  return !!group && !!env.group && group.platform === env.group.platform && group.chatId === env.group.chatId;
}

/** A notice for the matter's group, when it has one. */
export function tellGroupOf(env: VerbEnv, group: MatterGroup, message: OutboundMessage): void {
  if (group) env.post(group, message);
}

/** The group sees an outcome once: as the reply when the verb was given there, else as a post.
 *  `ack` is the sentence for whoever acted; `groupNote` adds what happened in the group. */
export function tellOutcome(env: VerbEnv, o: { group: MatterGroup; channel: string }, message: OutboundMessage, ack: Rich, groupNote?: Rich): void {
  if (inGroupOf(env, o.group)) {
    env.reply(message);
  } else if (!o.group && o.channel === CODE_CHANNEL) {
    // A 代表码 matter has no group: its submitter reads the outcome on the private follow page.
    env.reply(text(md`${ack}。反映人可在代表码查询页面看到。`));
  } else {
    env.reply(text(groupNote ? md`${ack}，${groupNote}。` : md`${ack}。`));
    tellGroupOf(env, o.group, message);
  }
}
