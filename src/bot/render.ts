// The bot's words: short, phone-friendly Simplified Chinese.
import type { OutboundMessage } from "../channels/types.ts";
import { isActive, RESULT_LABEL, RATING_LABEL, STATUS_LABEL, type ResultClass, type Status } from "../domain/lifecycle.ts";
import { shortDate } from "../core/dates.ts";
import { UserText, excerpt } from "../domain/user-text.ts";
import { join, md, trusted, type Piece } from "../domain/rich-text.ts";
import { LEVEL_LABEL, named } from "../domain/matter-text.ts";

export interface OpinionView {
  number: number;
  text: string;
  category: string;
  status: Status;
  dueDate: string | null;
  deputyName?: string | null;
  unitName?: string | null;
  replyText?: string | null;
  resultClass?: ResultClass | null;
  resultText?: string | null;
  rating?: keyof typeof RATING_LABEL | null;
  cosignCount: number;
  mergedIntoNumber?: number | null;
  closeReason?: string | null;
  overdueDays?: number;
  events: { at: Date; label: string }[];
}

/**
 * 查询: `full` shows the text unmasked — only where the reader may see everything (the
 * submitter or staff in a direct chat); everywhere else it is masked.
 */
export function statusReport(o: OpinionView, timeZone: string, full = false): OutboundMessage {
  const fmt = new Intl.DateTimeFormat("zh-CN", { timeZone, month: "numeric", day: "numeric" });
  const said = (raw: string, max: number) => (full ? UserText.unmasked(raw) : UserText.masked(raw)).excerpt(max);
  const status = trusted(STATUS_LABEL[o.status]);
  const lines: Piece[] = [md`#${o.number}【${status}】${named(o.category)}`, md`内容：${said(o.text, 60)}`];
  if (o.deputyName) lines.push(md`跟进代表：${named(o.deputyName)}`);
  if (o.unitName) lines.push(md`承办单位：${named(o.unitName)}`);
  if (o.dueDate && isActive(o.status)) {
    const due = trusted(shortDate(o.dueDate));
    lines.push(o.overdueDays ? md`办理时限：${due}（已超期 ${o.overdueDays} 个工作日，已督办）` : md`办理时限：${due}`);
  }
  if (o.replyText) lines.push(md`答复：${said(o.replyText, 120)}`);
  if (o.resultClass)
    lines.push(md`办理结果：${trusted(o.resultClass)}类（${trusted(RESULT_LABEL[o.resultClass])}）${o.resultText ? md`：${said(o.resultText, 120)}` : md``}`);
  if (o.closeReason && ["TRANSFERRED", "REJECTED"].includes(o.status)) lines.push(md`说明：${said(o.closeReason, 200)}`);
  if (o.mergedIntoNumber) lines.push(md`已与 #${o.mergedIntoNumber} 合并办理，请关注 #${o.mergedIntoNumber}。`);
  if (o.rating) lines.push(md`评价：${trusted(RATING_LABEL[o.rating])}`);
  if (o.cosignCount) lines.push(md`附议：${o.cosignCount} 人`);
  if (o.events.length)
    lines.push(
      md`进展：${join(
        o.events.slice(-4).map((e) => md`${trusted(fmt.format(e.at))} ${trusted(e.label)}`),
        " → ",
      )}`,
    );
  return { title: md`#${o.number} ${status}`, body: join(lines, "\n") };
}

export interface DeputyCard {
  name: string;
  level: string;
  duties: string | null;
  stations: string[];
  reception: string | null;
  phone: string | null;
  bio: string | null;
  pageUrl?: string;
  /** The 代表码 QR image. */
  qrUrl?: string;
}

/** 亮身份: an official's own public contact data, shown unmasked (the phone is there to be called). */
export function identityCard(d: DeputyCard): OutboundMessage {
  const own = (s: string) => UserText.unmasked(s);
  const level = trusted(LEVEL_LABEL[d.level] ?? "");
  const stations = join(d.stations.map(own), "、");
  const lines: Piece[] = [md`我是${level}人大代表 **${own(d.name)}**`];
  if (d.duties) lines.push(md`职务：${own(d.duties)}`);
  if (d.stations.length) lines.push(md`所在联络站：${stations}`);
  if (d.bio) lines.push(md`简介：${own(d.bio)}`);
  if (d.reception) lines.push(md`接待时间：${own(d.reception)}`);
  lines.push(d.phone ? md`联系电话：${own(d.phone)}` : md`联系方式：在本群@我，或发送「意见 内容」给助手`);
  if (d.pageUrl) lines.push(md`代表码页面：${trusted(d.pageUrl)}（扫码或点开即可给我留言）`);
  lines.push(md`大家有困难和建议，欢迎随时反映！`);
  return {
    title: md`人大代表 ${own(d.name)} 亮身份`,
    body: join(lines, "\n"),
    card: "identity",
    ...(d.pageUrl ? { url: d.pageUrl } : {}),
    ...(d.qrUrl ? { imageUrl: d.qrUrl } : {}),
    fields: [
      { label: "姓名", value: md`${own(d.name)}` },
      { label: "层级", value: md`${level}人大代表` },
      ...(d.stations.length ? [{ label: "联络站", value: stations }] : []),
    ],
  };
}
