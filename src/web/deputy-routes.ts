// The deputy page /d/:slug and its 代表码 form: honeypot, form check, rate limits per IP and device, submission.
import { createHmac, randomBytes } from "node:crypto";
import { Router, type Request, type Response } from "express";
import type { CoreContext } from "../core/context.ts";
import { checkCodeForm, honeypotTripped, normalizeForDuplicate } from "../domain/code-abuse.ts";
import { submitCodeOpinion } from "../core/opinions/submit-code.ts";
import { dateToDb } from "../core/dates.ts";
import { SlidingWindowLimiter } from "../domain/sliding-window.ts";
import { deputyPage, duplicatePage, receivedPage, submittedPage, tooManyPage } from "./pages.ts";
import { sendNotFound, sendPage } from "./respond.ts";
import { deputyPath, publicBase } from "../domain/public-links.ts";
import { storableForm } from "./form.ts";
import { device } from "./device.ts";
import { deputyInfo, handledMatters, loadDeputy, type LoadedDeputy } from "./page-data.ts";
import type { PublicDates } from "./dates.ts";

const RECENT_MATTERS = 5;

export function deputyRoutes(ctx: CoreContext, dates: PublicDates): Router {
  const { config, db, logger } = ctx;
  const r = Router();
  const salt = config.CODE_HASH_SALT ?? randomBytes(16).toString("hex");
  const hash = (v: string) => createHmac("sha256", salt).update(v).digest("hex");
  const windowMs = config.CODE_RATE_WINDOW_MIN * 60_000;
  const clock = () => ctx.now().getTime();
  const byIp = new SlidingWindowLimiter([{ limit: config.CODE_RATE_PER_IP, windowMs }], clock);
  const byDevice = new SlidingWindowLimiter([{ limit: config.CODE_RATE_PER_DEVICE, windowMs }], clock);

  async function renderDeputy(
    req: Request,
    res: Response,
    d: LoadedDeputy,
    status: number,
    extra: Pick<Parameters<typeof deputyPage>[0], "errors" | "values"> = {},
  ) {
    const info = await deputyInfo(ctx, dates, d);
    const visible = info.stations.filter((s) => s.publicDisclosure).map((s) => s.id);
    const [dict, recent] = await Promise.all([ctx.dictionary(), handledMatters(ctx, dates, visible, RECENT_MATTERS)]);
    sendPage(
      req,
      res,
      status,
      deputyPage({ deputy: info, categories: dict.categories, recent, action: deputyPath(d.slug), maxChars: config.CODE_MAX_TEXT_CHARS, ...extra }),
    );
  }

  r.get("/d/:slug", async (req, res) => {
    const d = await loadDeputy(db, req.params.slug);
    if (!d) return sendNotFound(req, res);
    device(req, res);
    await renderDeputy(req, res, d, 200);
  });

  r.post("/d/:slug", storableForm, async (req, res) => {
    const d = await loadDeputy(db, req.params.slug);
    if (!d) return sendNotFound(req, res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const dev = device(req, res);
    const ipHash = hash(`ip:${req.ip ?? "unknown"}`);
    const deviceHash = dev.known ? hash(`dev:${dev.id}`) : null;
    const textHash = (text: string) => hash(`text:${d.id}:${normalizeForDuplicate(text)}`);
    const limited = () => {
      const wait = Math.max(byIp.take(ipHash), deviceHash ? byDevice.take(deviceHash) : 0);
      if (wait > 0) {
        logger.warn({ deputyId: d.id }, "代表码提交过于频繁，已拒绝");
        res.set("retry-after", String(Math.ceil(wait / 1000)));
        sendPage(req, res, 429, tooManyPage(Math.max(1, Math.ceil(wait / 60_000))));
      }
      return wait > 0;
    };
    const back = deputyPath(d.slug);
    if (honeypotTripped(body.website)) {
      if (limited()) return;
      logger.warn({ deputyId: d.id }, "代表码表单的隐藏字段被填写（疑似机器提交），已丢弃");
      await db.codeSubmission.create({
        data: { deputyId: d.id, ipHash, deviceHash, textHash: textHash(String(body.text ?? "")), outcome: "honeypot", createdAt: ctx.now() },
      });
      return sendPage(req, res, 200, receivedPage(back));
    }
    const dict = await ctx.dictionary();
    const checked = checkCodeForm(body, { maxTextChars: config.CODE_MAX_TEXT_CHARS, categories: dict.categories });
    if (!checked.ok) return renderDeputy(req, res, d, 400, { errors: checked.errors, values: checked.value });
    if (limited()) return;
    const started = Date.now();
    const result = await submitCodeOpinion(ctx, {
      deputy: d,
      stationId: d.stations[0]?.stationId ?? null,
      form: checked.value,
      ipHash,
      deviceHash,
      textHash: textHash(checked.value.text),
    });
    if (result.kind === "duplicate") {
      logger.info({ deputyId: d.id, number: result.number }, "代表码重复提交，未新建事项");
      return sendPage(req, res, 200, duplicatePage({ number: result.number, back }));
    }
    logger.info({ deputyId: d.id, number: result.number, ms: Date.now() - started }, "代表码意见已受理");
    // With no trusted origin the link stays relative: right for this browser, whatever Host it sent.
    const followUrl = `${publicBase(config.PUBLIC_BASE_URL, req) ?? ""}/f/${result.token}`;
    sendPage(
      req,
      res,
      201,
      submittedPage({
        number: result.number,
        followUrl,
        category: result.category,
        dueDate: dates.calendarDate.format(dateToDb(result.dueDate)),
        days: result.days,
        deputyName: d.name,
      }),
    );
  });

  return r;
}
