// The private follow page /f/:token: a matter's progress for its submitter, and the form to rate it.
import { Router, type Request, type Response } from "express";
import type { CoreContext } from "../core/context.ts";
import type { Actor } from "../core/actors.ts";
import { AppError } from "../errors.ts";
import { UserText } from "../domain/user-text.ts";
import type { RatingValue } from "../domain/lifecycle.ts";
import { FOLLOW_TOKEN, hashFollowToken } from "../core/opinions/submit-code.ts";
import { rateOpinion } from "../core/opinions/rate.ts";
import { enqueue } from "../outbox/enqueue.ts";
import { followPage } from "./pages.ts";
import { sendNotFound, sendPage } from "./respond.ts";
import { storableForm } from "./form.ts";
import { followEventLabel } from "./follow-events.ts";
import type { PublicDates } from "./dates.ts";

const FOLLOW_INCLUDE = { deputy: { select: { name: true } }, unit: { select: { name: true } }, events: { orderBy: { id: "asc" as const } } };
const RATINGS: Record<string, RatingValue> = { SATISFIED: "SATISFIED", BASICALLY: "BASICALLY", DISSATISFIED: "DISSATISFIED" };

const maskedOrNull = (text: string | null) => (text === null ? null : UserText.masked(text).value);

export function followRoutes(ctx: CoreContext, dates: PublicDates): Router {
  const { db } = ctx;
  const r = Router();

  async function loadFollowed(token: string) {
    if (!FOLLOW_TOKEN.test(token)) return null;
    return db.opinion.findUnique({
      where: { followToken: hashFollowToken(token) },
      include: { ...FOLLOW_INCLUDE, group: true, mergedInto: { include: FOLLOW_INCLUDE } },
    });
  }
  type Followed = NonNullable<Awaited<ReturnType<typeof loadFollowed>>>;
  type Shown = Omit<Followed, "group" | "mergedInto">;

  function renderFollow(req: Request, res: Response, followed: Followed, status: number, opts: { notice?: string; error?: string } = {}) {
    // A merged matter is handled under the original number: show that one's progress instead (read-only).
    const o: Shown = followed.status === "MERGED" && followed.mergedInto ? followed.mergedInto : followed;
    const merged = o === followed ? undefined : followed.number;
    sendPage(
      req,
      res,
      status,
      followPage(
        {
          number: o.number,
          category: o.category,
          status: o.status,
          // The link may be forwarded: the matter's text, and the answers (which may quote it), are masked here too.
          text: UserText.masked(o.text).value,
          createdAt: dates.ymd.format(o.createdAt),
          dueDate: o.dueDate ? dates.calendarDate.format(o.dueDate) : null,
          deputyName: o.deputy?.name ?? null,
          unitName: o.unit?.name ?? null,
          replyText: maskedOrNull(o.replyText),
          resultClass: o.resultClass,
          resultText: maskedOrNull(o.resultText),
          closeReason: maskedOrNull(o.closeReason),
          rating: o.rating,
          ratingComment: maskedOrNull(o.ratingComment),
          timeline: o.events.map((e) => ({ at: dates.dayTime.format(e.createdAt), label: followEventLabel(e) })),
        },
        { action: req.originalUrl.split("?")[0]!, ...opts, ...(merged ? { mergedFrom: merged } : {}) },
      ),
    );
  }

  r.get("/f/:token", async (req, res) => {
    const o = await loadFollowed(req.params.token);
    if (!o) return sendNotFound(req, res);
    renderFollow(req, res, o, 200);
  });

  r.post("/f/:token", storableForm, async (req, res) => {
    const o = await loadFollowed(req.params.token);
    if (!o) return sendNotFound(req, res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const rating = RATINGS[String(body.rating ?? "")];
    const comment = typeof body.comment === "string" && body.comment.trim() ? body.comment.trim().slice(0, 500) : undefined;
    if (!rating) return renderFollow(req, res, o, 400, { error: "请选择满意、基本满意或不满意。" });
    const actor: Actor = {
      role: "citizen",
      platform: "web",
      userId: `citizen:${o.citizenId}`,
      name: "反映人（代表码）",
      ...(o.citizenId ? { citizenId: o.citizenId } : {}),
    };
    try {
      await db.$transaction(async (tx) => {
        const { notices } = await rateOpinion(ctx, tx, o, rating, comment, actor);
        await enqueue(
          tx,
          notices.map((n) => ({ ...n.target, kind: "post" as const, message: n.message })),
        );
      });
      ctx.nudgeOutbox();
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return renderFollow(req, res, o, 409, { error: err.userMessage });
    }
    const fresh = (await loadFollowed(req.params.token))!;
    renderFollow(req, res, fresh, 200, { notice: rating === "DISSATISFIED" ? "已收到您的评价：不满意。该事项将重新办理。" : "感谢您的评价！" });
  });

  return r;
}
