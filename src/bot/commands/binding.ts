// 绑定 <code>: a deputy links the platform account they are writing from, with a one-time code from
// the console. Only in a direct chat: a code seen in a group is exposed, so it is voided.
import { md, trusted } from "../../domain/rich-text.ts";
import { AppError } from "../../errors.ts";
import { hashBindingCode } from "../../domain/binding-code.ts";
import { named, text } from "../../domain/matter-text.ts";
import type { CommandEnv } from "../env.ts";

export async function bindIdentity(env: CommandEnv, code: string): Promise<void> {
  const { tx, msg, ctx } = env;
  const now = ctx.now();
  const row = await tx.bindingCode.findUnique({ where: { codeHash: hashBindingCode(code) } });
  const usable = row && !row.usedAt && !row.voidedAt && row.expiresAt > now;
  if (msg.chatType === "group") {
    // A reply, not a refusal: a refusal would roll the voiding back.
    if (usable) await tx.bindingCode.update({ where: { id: row.id }, data: { voidedAt: now } });
    env.reply(
      text(md`绑定码不能发在群里${trusted(usable ? "：这个绑定码已公开，已作废" : "")}。请联系工作人员重新生成，并在与我的单聊中发送「绑定 绑定码」。`),
    );
    return;
  }
  if (!usable) throw new AppError("bad_code", { userMessage: "绑定码无效、已使用或已过期，请联系联络站工作人员重新生成。" });
  const deputy = await tx.deputy.findUnique({ where: { id: row.deputyId } });
  if (!deputy || !deputy.active) throw new AppError("bad_code", { userMessage: "绑定码对应的代表已停用，请联系联络站工作人员。" });
  const identity = await tx.identity.findUnique({ where: { platform_userId: { platform: msg.platform, userId: msg.senderId } } });
  if (identity?.staffId || (identity?.deputyId && identity.deputyId !== deputy.id)) {
    throw new AppError("identity_taken", { userMessage: "您的账号已绑定到其他代表或工作人员，请联系联络站工作人员处理。" });
  }
  const { count } = await tx.bindingCode.updateMany({ where: { id: row.id, usedAt: null, voidedAt: null }, data: { usedAt: now } });
  if (count === 0) throw new AppError("bad_code", { userMessage: "绑定码已被使用，请联系联络站工作人员重新生成。" });
  await tx.identity.upsert({
    where: { platform_userId: { platform: msg.platform, userId: msg.senderId } },
    create: { platform: msg.platform, userId: msg.senderId, displayName: deputy.name, deputyId: deputy.id },
    update: { deputyId: deputy.id, displayName: deputy.name },
  });
  env.reply(text(md`绑定成功：您的账号已绑定为人大代表 ${named(deputy.name)}。在群里@我发送「亮身份」即可亮明身份，发送「待办」查看待办事项。`));
}
