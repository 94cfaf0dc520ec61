// 代表码: an opinion left on a deputy's public page enters the same chain as a chat opinion,
// attributed to that deputy and station, with a private follow token instead of a chat identity.
import { createHash, randomBytes } from "node:crypto";
import type { Tx } from "../../db/client.ts";
import type { CoreContext } from "../context.ts";
import type { Actor } from "../actors.ts";
import type { CodeForm } from "../../domain/code-abuse.ts";
import { noticeDue } from "../../domain/code-abuse.ts";
import { excerpt } from "../../domain/user-text.ts";
import { lines, md } from "../../domain/rich-text.ts";
import { named } from "../../domain/matter-text.ts";
import { enqueue, type OutboxItem } from "../../outbox/enqueue.ts";
import { createOpinion } from "./create.ts";

export const CODE_CHANNEL = "代表码";

/** 32 random bytes, base64url: the citizen's only key to the matter. */
export const newFollowToken = (): string => randomBytes(32).toString("base64url");
/** Only the hash is stored, so a database dump or export never reveals a working follow link. */
export const hashFollowToken = (token: string): string => createHash("sha256").update(token).digest("hex");
export const FOLLOW_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface CodeSubmissionInput {
  deputy: { id: number; name: string };
  stationId: number | null;
  form: CodeForm;
  ipHash: string;
  /** Null when the browser brought no device cookie. */
  deviceHash: string | null;
  textHash: string;
}

export type CodeSubmissionResult =
  { kind: "accepted"; number: number; token: string; category: string; dueDate: string; days: number } | { kind: "duplicate"; number: number };

export async function submitCodeOpinion(ctx: CoreContext, input: CodeSubmissionInput): Promise<CodeSubmissionResult> {
  const result = await ctx.db.$transaction(
    async (tx) => {
      // One submission per deputy at a time: duplicate check and notice throttle stay exact under concurrency.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`code:${input.deputy.id}`}))`;
      const now = ctx.now();
      const since = new Date(now.getTime() - ctx.config.CODE_DUPLICATE_WINDOW_MIN * 60_000);
      const same = await tx.codeSubmission.findFirst({
        where: {
          deputyId: input.deputy.id,
          textHash: input.textHash,
          outcome: "accepted",
          createdAt: { gte: since },
          // Same device; a client without a device cookie is matched by its IP instead.
          ...(input.deviceHash ? { deviceHash: input.deviceHash } : { ipHash: input.ipHash }),
        },
        orderBy: { id: "desc" },
      });
      if (same?.opinionId) {
        await tx.codeSubmission.create({
          data: {
            deputyId: input.deputy.id,
            opinionId: same.opinionId,
            ipHash: input.ipHash,
            deviceHash: input.deviceHash,
            textHash: input.textHash,
            outcome: "duplicate",
            createdAt: now,
          },
        });
        const o = await tx.opinion.findUniqueOrThrow({ where: { id: same.opinionId }, select: { number: true } });
        return { kind: "duplicate" as const, number: o.number };
      }

      const token = newFollowToken();
      const citizen = await tx.citizen.create({ data: { name: null, phone: input.form.phone ?? null } });
      const actor: Actor = { role: "citizen", platform: "web", userId: `citizen:${citizen.id}`, name: "群众（代表码）", citizenId: citizen.id };
      const { opinion, dueDate, days } = await createOpinion(
        ctx,
        tx,
        {
          text: input.form.text,
          channel: CODE_CHANNEL,
          citizenId: citizen.id,
          stationId: input.stationId,
          deputyId: input.deputy.id,
          place: input.form.place,
          contactPhone: input.form.phone,
          category: input.form.category,
          followToken: hashFollowToken(token),
        },
        actor,
      );
      const last = await tx.codeSubmission.findFirst({
        where: { deputyId: input.deputy.id, notified: true },
        orderBy: { id: "desc" },
        select: { id: true, createdAt: true },
      });
      const notify = noticeDue(last?.createdAt ?? null, now, ctx.config.CODE_NOTIFY_THROTTLE_MIN * 60_000);
      if (notify) {
        const others = await tx.codeSubmission.count({ where: { deputyId: input.deputy.id, outcome: "accepted", id: { gt: last?.id ?? 0 } } });
        const notice = await codeNotice(ctx, tx, input, { number: opinion.number, category: opinion.category, text: opinion.text }, others);
        // On the app clock, like every other enqueue on a request path (tests move that clock).
        await enqueue(
          tx,
          notice.map((item) => ({ ...item, notBefore: now })),
        );
      }
      await tx.codeSubmission.create({
        data: {
          deputyId: input.deputy.id,
          opinionId: opinion.id,
          ipHash: input.ipHash,
          deviceHash: input.deviceHash,
          textHash: input.textHash,
          outcome: "accepted",
          notified: notify,
          createdAt: now,
        },
      });
      return { kind: "accepted" as const, number: opinion.number, token, category: opinion.category, dueDate, days };
    },
    { timeout: 20_000, maxWait: 20_000 },
  );
  if (result.kind === "accepted") ctx.nudgeOutbox();
  return result;
}

/** Where a new code submission is announced: the deputy in a direct chat, else the station's staff. */
export async function codeRecipients(tx: Tx, deputyId: number, stationId: number | null): Promise<{ platform: string; userId: string }[]> {
  const own = await tx.identity.findFirst({ where: { deputyId }, orderBy: { id: "asc" }, select: { platform: true, userId: true } });
  if (own) return [own];
  if (!stationId) return [];
  const staff = await tx.identity.findMany({
    where: { staff: { active: true, stations: { some: { stationId } } } },
    orderBy: { id: "asc" },
    select: { platform: true, userId: true, staffId: true },
  });
  const firstPerStaff = new Map(staff.map((s) => [s.staffId, s] as const).reverse());
  return [...firstPerStaff.values()].map(({ platform, userId }) => ({ platform, userId }));
}

async function codeNotice(
  ctx: CoreContext,
  tx: Tx,
  input: CodeSubmissionInput,
  o: { number: number; category: string; text: string },
  earlier: number,
): Promise<OutboxItem[]> {
  const to = await codeRecipients(tx, input.deputy.id, input.stationId);
  if (!to.length) {
    ctx.logger.warn({ deputyId: input.deputy.id, number: o.number }, "代表码意见无人可通知：代表和联络站工作人员都没有绑定平台账号");
    return [];
  }
  const body = lines(
    md`【代表码】${named(input.deputy.name)}代表的代表码收到新意见 #${o.number}（${named(o.category)}）`,
    md`内容：${excerpt(o.text, 60)}`,
    earlier > 0 && md`此前另有 ${earlier} 条代表码意见尚未提醒，发送「待办」查看全部。`,
    md`发送「查询 ${o.number}」查看，「认领 ${o.number}」跟进。`,
  );
  return to.map((r) => ({
    platform: r.platform,
    chatId: r.userId,
    chatType: "direct" as const,
    kind: "post" as const,
    message: { title: md`代表码新意见 #${o.number}`, body },
  }));
}
