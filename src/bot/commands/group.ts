// Staff commands that configure the group they are typed in.
import { md, trusted } from "../../domain/rich-text.ts";
import { UserText } from "../../domain/user-text.ts";
import { AppError } from "../../errors.ts";
import type { CommandEnv } from "../env.ts";
import { auditGroupChange, groupInScope, requireStationInScope } from "./group-scope.ts";
import { named, text } from "../../domain/matter-text.ts";
import { maskSecretUrl } from "../../domain/secrets.ts";
import { groupRobotForms, groupRobotUrl } from "../../domain/webhook-address.ts";

export async function bindGroup(env: CommandEnv, stationName: string): Promise<void> {
  const group = await groupInScope(env, "bindGroup");
  const stations = await env.tx.station.findMany({ where: { OR: [{ name: stationName }, { name: { contains: stationName } }] }, take: 5 });
  const station = stations.find((s) => s.name === stationName) ?? (stations.length === 1 ? stations[0] : undefined);
  if (!station) {
    const all = await env.tx.station.findMany({ select: { name: true }, take: 10, orderBy: { id: "asc" } });
    throw new AppError("unknown_station", {
      userMessage:
        stations.length > 1
          ? `「${stationName}」对应多个联络站：${stations.map((s) => s.name).join("、")}，请写全称。`
          : `没有找到联络站「${stationName}」。${all.length ? `已登记：${all.map((s) => s.name).join("、")}` : "请先在管理端登记联络站。"}`,
    });
  }
  requireStationInScope(env, group, station);
  await env.tx.group.update({ where: { id: group.id }, data: { stationId: station.id, boundAt: env.ctx.now() } });
  await auditGroupChange(env, "bindGroup", group, { fromStationId: group.stationId, stationId: station.id });
  // Matters raised before binding follow the group to its station.
  await env.tx.opinion.updateMany({ where: { groupId: group.id, stationId: null }, data: { stationId: station.id } });
  env.reply(text(md`本群已绑定到「${named(station.name)}」。群众@我发送「意见 内容」即可反映问题，代表可发送「亮身份」。`));
}

export async function setWebhook(env: CommandEnv, url: string, secret?: string): Promise<void> {
  const group = await groupInScope(env, "setWebhook");
  // Only the platform's own robot endpoint: the server posts every group message to this address (F5).
  // The accepted form comes from configuration (the bot's own words), so it stays copyable.
  if (!groupRobotUrl(env.msg.platform, url, env.ctx.config)) {
    return env.reply(text(md`推送地址未设置：只接受${trusted(groupRobotForms(env.msg.platform, env.ctx.config))}，请在群机器人设置里复制完整地址。`));
  }
  await env.tx.group.update({ where: { id: group.id }, data: { webhookUrl: url, webhookSecret: secret ?? null } });
  await auditGroupChange(env, "setWebhook", group);
  env.reply(text(md`已设置本群推送地址：${UserText.unmasked(maskSecretUrl(url))}${trusted(secret ? "（含签名密钥）" : "")}。定期汇总和办理反馈将通过它发送。`));
}
