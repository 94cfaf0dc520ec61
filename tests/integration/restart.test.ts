// The app is stopped mid-flow with work stored but not done; a new process on the same
// database finishes it, and nothing is lost or done twice.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createTestSchema, dropTestSchema, startTestApp } from "../helpers/test-app.ts";
import { SimGroup, numberIn } from "../helpers/sim-group.ts";
import { seedRoster } from "../helpers/roster.ts";

const dataDir = mkdtempSync(path.join(tmpdir(), "renda-restart-"));
const schema = await createTestSchema();
const env = { DATA_DIR: dataDir };
afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await dropTestSchema(schema);
});

describe("restart mid-flow", () => {
  it("finishes stored messages and undelivered posts after a restart, exactly once", async () => {
    const first = await startTestApp(env, { schema, keepSchema: true });
    await seedRoster(first.baseUrl);
    const group = new SimGroup(first.baseUrl, "restart-village");
    await group.say("staff-liu", "绑定本群 东风镇代表联络站");
    const n = numberIn(await group.say("villager-zhang", "意见 村委会门前的排水沟堵了，一下雨就淹"));
    await group.say("dep-wang", `认领 ${n}`);

    // As if the process died right after acknowledging the platform: the message is stored,
    // not handled; and a post is in the outbox, not delivered.
    await first.app.outbox.drain();
    await first.app.db.inboundMessage.create({
      data: {
        platform: "simulator",
        messageId: "crash-1",
        chatId: "restart-village",
        senderId: "villager-li",
        payload: {
          platform: "simulator",
          messageId: "crash-1",
          chatId: "restart-village",
          chatType: "group",
          senderId: "villager-li",
          senderName: "李阿姨",
          text: "意见 村里的健身器材坏了两个，老人锻炼不方便",
          addressedToBot: true,
          sentAt: new Date().toISOString(),
        },
      },
    });
    await first.app.db.outboxMessage.create({
      data: {
        platform: "simulator",
        chatId: "restart-village",
        chatType: "group",
        kind: "post",
        payload: { body: "重启前未送达的通知" },
        nextAttemptAt: new Date(Date.now() + 60_000),
      },
    });
    await first.stop();

    const second = await startTestApp(env, { schema, keepSchema: true });
    try {
      await second.app.inbox.idle();
      await second.app.db.outboxMessage.updateMany({ where: { status: "PENDING" }, data: { nextAttemptAt: new Date() } });
      await second.app.outbox.drain();
      const g2 = new SimGroup(second.baseUrl, "restart-village");
      const lines = await g2.transcript();
      const receipts = lines.filter((l) => l.direction === "out" && l.text.includes("健身器材"));
      expect(receipts).toHaveLength(1);
      expect(lines.filter((l) => l.text === "重启前未送达的通知")).toHaveLength(1);
      expect(await second.app.db.opinion.count({ where: { text: { contains: "健身器材" } } })).toBe(1);
      expect(await second.app.db.inboundMessage.count({ where: { handledAt: null } })).toBe(0);

      // The flow goes on where it stopped.
      expect(await g2.say("dep-wang", `办结 ${n} A 排水沟已疏通`)).toContain("【办理反馈】");
      const o = await second.app.db.opinion.findUniqueOrThrow({ where: { number: n } });
      expect(o.status).toBe("CLOSED");
      expect(o.deputyId).not.toBeNull();
      await second.app.outbox.drain();
      expect(await second.app.db.outboxMessage.count({ where: { status: "PENDING" } })).toBe(0);
      expect(await second.app.db.outboxMessage.count({ where: { status: "SENT", sentAt: null } })).toBe(0);
    } finally {
      await second.stop();
    }
  });
});
