// One inbound message → one transaction: the change it asks for, its events, its replies and
// posts in the outbox, and the inbox row marked handled. A refusal is a reply, not a failure.
import type { InboundMessage, OutboundMessage } from "../channels/types.ts";
import type { CoreContext } from "../core/context.ts";
import type { Tx } from "../db/client.ts";
import { findActor } from "../core/actors.ts";
import { AppError } from "../errors.ts";
import { md, trusted } from "../domain/rich-text.ts";
import { UserText } from "../domain/user-text.ts";
import { enqueue, type OutboxItem } from "../outbox/enqueue.ts";
import { parseCommand } from "./parse.ts";
import type { CommandEnv } from "./env.ts";
import { text } from "../domain/matter-text.ts";
import { help, runCommand } from "./commands/catalog.ts";
import { auditRefusal } from "./commands/group-scope.ts";

/** What a message needs before it is worth storing: addressed to the bot, or carrying an intake tag. */
export function isForTheBot(msg: InboundMessage): boolean {
  return msg.kind === "enter_chat" || parseCommand(msg.text, msg.addressedToBot) !== undefined;
}

export function validateLength(msg: InboundMessage, max: number): string | undefined {
  if (msg.kind === "enter_chat") return undefined;
  const t = msg.text.trim();
  if (!t) return "您好像没有写内容。发送「帮助」查看用法。";
  if ([...t].length > max) return `内容太长了（超过 ${max} 字），请精简后分几条发送。`;
  return undefined;
}

export interface HandleResult {
  replies: OutboundMessage[];
}

/**
 * Handles one stored inbound message. `claim` marks its inbox row handled inside the same
 * transaction and returns false when another worker already did (exactly once).
 */
export async function handleMessage(ctx: CoreContext, msg: InboundMessage, claim: (tx: Tx) => Promise<boolean>): Promise<HandleResult | undefined> {
  const log = ctx.logger.child({ platform: msg.platform, messageId: msg.messageId, chatId: msg.chatId });
  const outbox: OutboxItem[] = [];
  const replyItem = (message: OutboundMessage): OutboxItem => ({
    platform: msg.platform,
    chatId: msg.chatId,
    chatType: msg.chatType,
    kind: "reply",
    // In a group, a reply @-mentions whoever asked, except a card meant for everyone (亮身份).
    message: msg.chatType === "group" && !message.mentions && message.card !== "identity" ? { ...message, mentions: [msg.senderId] } : message,
    replyTo: { messageId: msg.messageId, ...(msg.replyContext ? { context: msg.replyContext } : {}) },
  });

  const commit = async (body: (tx: Tx) => Promise<void>): Promise<boolean> =>
    ctx.db.$transaction(
      async (tx) => {
        if (!(await claim(tx))) return false;
        await body(tx);
        await enqueue(
          tx,
          outbox.map((item) => ({ ...item, notBefore: ctx.now() })),
        );
        return true;
      },
      { timeout: 20_000, maxWait: 20_000 },
    );

  try {
    const done = await commit(async (tx) => {
      const group = await recordGroup(ctx, tx, msg, outbox);
      const actor = await findActor(tx, msg.platform, msg.senderId, msg.senderName);
      const env: CommandEnv = {
        ctx,
        tx,
        msg,
        actor,
        group,
        outbox,
        reply: (m) => outbox.push(replyItem(m)),
        post: (target, m) => outbox.push({ platform: target.platform, chatId: target.chatId, chatType: target.chatType ?? "group", kind: "post", message: m }),
      };
      if (msg.kind === "enter_chat") {
        env.reply(help(actor.role));
        return;
      }
      const problem = validateLength(msg, ctx.config.MAX_MESSAGE_CHARS);
      if (problem) return env.reply(text(trusted(problem)));
      const cmd = parseCommand(msg.text, msg.addressedToBot);
      if (cmd) await runCommand(env, cmd);
    });
    if (!done) return undefined;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    log.info({ code: err.code, senderId: msg.senderId }, "command refused");
    outbox.length = 0;
    // A refusal may quote what was typed (a unit or station name): shown as people's text, never markup.
    outbox.push(replyItem(text(md`${UserText.unmasked(err.userMessage)}`)));
    const done = await commit((tx) => auditRefusal(tx, err));
    if (!done) return undefined;
  }
  ctx.nudgeOutbox();
  return { replies: outbox.filter((i) => i.kind === "reply").map((i) => i.message) };
}

/** A group seen for the first time is recorded unbound, and staff are told how to bind it. */
async function recordGroup(ctx: CoreContext, tx: Tx, msg: InboundMessage, outbox: OutboxItem[]) {
  if (msg.chatType !== "group") return null;
  const existing = await tx.group.findUnique({ where: { platform_chatId: { platform: msg.platform, chatId: msg.chatId } } });
  if (existing) {
    if (msg.chatName && existing.name !== msg.chatName) return tx.group.update({ where: { id: existing.id }, data: { name: msg.chatName } });
    return existing;
  }
  const created = await tx.group.upsert({
    where: { platform_chatId: { platform: msg.platform, chatId: msg.chatId } },
    create: { platform: msg.platform, chatId: msg.chatId, name: msg.chatName, createdAt: ctx.now() },
    update: {},
  });
  ctx.logger.info({ platform: msg.platform, chatId: msg.chatId, name: msg.chatName }, "new group recorded (unbound)");
  outbox.push({
    platform: msg.platform,
    chatId: msg.chatId,
    chatType: "group",
    kind: "post",
    message: {
      body: md`大家好，我是人大代表联络助手。本群尚未绑定代表联络站，请联络站工作人员@我发送「绑定本群 联络站名称」完成绑定。群众可@我发送「意见 内容」反映问题。`,
    },
  });
  return created;
}
