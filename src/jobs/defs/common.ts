// How the job definitions address a group: one post, claimed once per job, period and group.
import type { OutboundMessage } from "../../channels/types.ts";
import type { OutboxItem } from "../../outbox/enqueue.ts";
import type { GroupTarget } from "../../core/groups.ts";
import type { Target } from "../types.ts";

export function postTo(g: Pick<GroupTarget, "platform" | "chatId">, message: OutboundMessage): OutboxItem {
  return { platform: g.platform, chatId: g.chatId, chatType: "group", kind: "post", message };
}

/** The group's post in a run; `message` runs in the claiming transaction, undefined posts nothing. */
export function groupPost(job: string, period: string, g: GroupTarget, message: () => OutboundMessage | undefined): Target {
  return {
    key: `${job}:${period}:group-${g.id}`,
    label: `group ${g.id} ${g.name ?? ""}`.trim(),
    build: () => {
      const m = message();
      return m ? [postTo(g, m)] : [];
    },
  };
}
