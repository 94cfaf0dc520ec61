// The simulator plays the platform: it keeps the chat transcript the way WeCom or DingTalk would.
import type { Db } from "../../db/client.ts";
import type { Channel, Delivery } from "../types.ts";
import { renderPlain } from "../../domain/plain-text.ts";

export function createSimulatorChannel(db: Db): Channel {
  return {
    platform: "simulator",
    async send(d: Delivery) {
      const ids = d.message.mentions ?? [];
      const identities = ids.length ? await db.identity.findMany({ where: { platform: "simulator", userId: { in: ids } } }) : [];
      const names = ids.map((id) => identities.find((i) => i.userId === id)?.displayName ?? id);
      await db.simulatorLine.create({
        data: {
          chatId: d.chatId,
          direction: "out",
          senderName: "人大代表联络助手",
          text: renderPlain(d.message, names),
          payload: { ...d.message, kind: d.kind } as object,
        },
      });
      return { ok: true };
    },
  };
}
