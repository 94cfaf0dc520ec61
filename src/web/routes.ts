// Public pages of 代表码: the deputy page and form, QR codes and poster, the private follow page, station 公示.
import { createHmac, randomBytes } from "node:crypto";
import express, { Router, type ErrorRequestHandler, type Request, type Response } from "express";
import { storable, storableText } from "../domain/storable.ts";
import type { CoreContext } from "../core/context.ts";
import type { Actor } from "../core/actors.ts";
import { AppError } from "../errors.ts";
import { UserText, excerpt } from "../domain/user-text.ts";
import { CLOSED_STATUSES, eventLabel as storedEventLabel, type RatingValue } from "../domain/lifecycle.ts";
import { checkCodeForm, honeypotTripped, normalizeForDuplicate } from "../domain/code-abuse.ts";
import { FOLLOW_TOKEN, codeRecipients, hashFollowToken, submitCodeOpinion } from "../core/opinions/submit-code.ts";
import { rateOpinion, reopenedNotice } from "../core/opinions/rate.ts";
import { enqueue } from "../outbox/enqueue.ts";
import { dateToDb } from "../core/dates.ts";
import { describeReceptionSchedule, nextReceptionDay, parseReceptionSchedule } from "../domain/reception.ts";
import { deputyPage, duplicatePage, followPage, messagePage, notFoundPage, posterPage, receivedPage, stationPage, submittedPage, tooManyPage, type DeputyInfo, type PublicMatter } from "./pages.ts";
import { sendPage } from "./respond.ts";
import { RateLimiter } from "../http/rate-limiter.ts";
import { qrPng, qrSvg } from "./qr.ts";
import { NO_PUBLIC_BASE, codeLinks, deputyPath, publicBase } from "../domain/public-links.ts";
import { policyOf, publicWhere } from "../core/visibility.ts";

const DEVICE_COOKIE = "rd_dev";
const RECENT_MATTERS = 5;
const PUBLIC_MATTERS = 50;
const FOLLOW_INCLUDE = { deputy: { select: { name: true } }, unit: { select: { name: true } }, events: { orderBy: { id: "asc" as const } } };
const RATINGS: Record<string, RatingValue> = { SATISFIED: "SATISFIED", BASICALLY: "BASICALLY", DISSATISFIED: "DISSATISFIED" };

export function publicRoutes(ctx: CoreContext): Router {
  const { config, db, logger } = ctx;
  const r = Router();
  const salt = config.CODE_HASH_SALT ?? randomBytes(16).toString("hex");
  const hash = (v: string) => createHmac("sha256", salt).update(v).digest("hex");
  const windowMs = config.CODE_RATE_WINDOW_MIN * 60_000;
  const clock = () => ctx.now().getTime();
  const byIp = new RateLimiter({ max: config.CODE_RATE_PER_IP, windowMs }, clock);
  const byDevice = new RateLimiter({ max: config.CODE_RATE_PER_DEVICE, windowMs }, clock);
  // Form fields are made storable as they are parsed, like JSON bodies (see jsonBody): NUL must not reach PostgreSQL.
  const parseForm = express.urlencoded({ extended: false, limit: "16kb", parameterLimit: 20 });
  const form: typeof parseForm = (req, res, next) =>
    parseForm(req, res, (err?: unknown) => {
      const r = req as Request;
      if (!err && r.body) r.body = Object.fromEntries(Object.entries(r.body as Record<string, unknown>).map(([k, v]) => [storableText(k), storable(v)]));
      next(err);
    });
  const tz = config.BOT_TIMEZONE;
  const policy = policyOf(config);
  const day = new Intl.DateTimeFormat("zh-CN", { timeZone: tz, month: "long", day: "numeric" });
  const dayTime = new Intl.DateTimeFormat("zh-CN", { timeZone: tz, month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false });
  // Calendar dates (UTC midnight of the day) are formatted in UTC so no time zone shifts them.
  const calendarDate = new Intl.DateTimeFormat("zh-CN", { timeZone: "UTC", year: "numeric", month: "long", day: "numeric" });
  const ymd = new Intl.DateTimeFormat("zh-CN", { timeZone: tz, year: "numeric", month: "long", day: "numeric" });
  const notFound = (req: Request, res: Response) => sendPage(req, res, 404, notFoundPage());

  /** The deputy page URL a QR code or poster carries; undefined once a 503 telling the admin why is sent. */
  function codeUrl(req: Request, res: Response, slug: string): string | undefined {
    const base = publicBase(config.PUBLIC_BASE_URL, req);
    if (!base) sendPage(req, res, 503, messagePage("二维码暂不可用", NO_PUBLIC_BASE));
    return base && codeLinks(base, slug).url;
  }
  // A QR code from PUBLIC_BASE_URL may be cached; one from the request's own Host is that request's only.
  const qrCache = config.PUBLIC_BASE_URL ? "public, max-age=3600" : "no-store";

  async function loadDeputy(slug: string) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(slug)) return null;
    return db.deputy.findFirst({ where: { slug, active: true }, include: { stations: { include: { station: true }, orderBy: { stationId: "asc" } } } });
  }
  type LoadedDeputy = NonNullable<Awaited<ReturnType<typeof loadDeputy>>>;

  async function deputyInfo(d: LoadedDeputy): Promise<DeputyInfo> {
    const calendar = await ctx.calendar();
    return {
      name: d.name, level: d.level, duties: d.duties, bio: d.bio, reception: d.reception,
      phone: d.phonePublic ? d.phone : null,
      stations: d.stations.map(({ station: s }) => {
        const schedule = parseReceptionSchedule(s.receptionSchedule);
        const next = schedule ? nextReceptionDay(schedule, ctx.now(), tz, calendar) : null;
        return {
          id: s.id, name: s.name, address: s.address, publicDisclosure: s.publicDisclosure,
          schedule: schedule ? describeReceptionSchedule(schedule) : null,
          nextDay: next ? calendarDate.format(next) : null,
        };
      }),
    };
  }

  async function handledMatters(stationIds: number[], take: number): Promise<PublicMatter[]> {
    if (!stationIds.length) return [];
    const rows = await db.opinion.findMany({
      // 公示 follows the visibility rule: hidden by staff, private channels and personal categories stay off.
      where: { stationId: { in: stationIds }, status: { in: CLOSED_STATUSES }, AND: [publicWhere(policy)] },
      orderBy: { closedAt: "desc" },
      take,
      select: { number: true, text: true, category: true, createdAt: true, closedAt: true, resultClass: true, rating: true },
    });
    return rows.map((o) => ({ ...o, text: excerpt(o.text, 60).value, createdAt: day.format(o.createdAt), closedAt: o.closedAt ? day.format(o.closedAt) : null }));
  }

  async function renderDeputy(req: Request, res: Response, d: LoadedDeputy, status: number, extra: Pick<Parameters<typeof deputyPage>[0], "errors" | "values"> = {}) {
    const info = await deputyInfo(d);
    const visible = info.stations.filter((s) => s.publicDisclosure).map((s) => s.id);
    const [dict, recent] = await Promise.all([ctx.dictionary(), handledMatters(visible, RECENT_MATTERS)]);
    sendPage(req, res, status, deputyPage({ deputy: info, categories: dict.categories, recent, action: deputyPath(d.slug), maxChars: config.CODE_MAX_TEXT_CHARS, ...extra }));
  }

  /**
   * A long-lived random cookie tells devices apart behind a shared village IP; only its hash is stored.
   * `known` is false when the browser brought none (first visit, or a script): then only the IP counts.
   */
  function device(req: Request, res: Response): { id: string; known: boolean } {
    const found = /(?:^|;\s*)rd_dev=([A-Za-z0-9_-]{16,64})/.exec(req.get("cookie") ?? "")?.[1];
    if (found) return { id: found, known: true };
    const id = randomBytes(16).toString("base64url");
    res.append("set-cookie", `${DEVICE_COOKIE}=${id}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax`);
    return { id, known: false };
  }

  r.get("/d/:slug", async (req, res) => {
    const d = await loadDeputy(req.params.slug);
    if (!d) return notFound(req, res);
    device(req, res);
    await renderDeputy(req, res, d, 200);
  });

  r.post("/d/:slug", form, async (req, res) => {
    const d = await loadDeputy(req.params.slug);
    if (!d) return notFound(req, res);
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
      await db.codeSubmission.create({ data: { deputyId: d.id, ipHash, deviceHash, textHash: textHash(String(body.text ?? "")), outcome: "honeypot", createdAt: ctx.now() } });
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
    sendPage(req, res, 201, submittedPage({ number: result.number, followUrl, category: result.category, dueDate: calendarDate.format(dateToDb(result.dueDate)), days: result.days, deputyName: d.name }));
  });

  r.get("/d/:slug/qr.svg", async (req, res) => {
    const d = await loadDeputy(req.params.slug);
    if (!d) return notFound(req, res);
    const url = codeUrl(req, res, d.slug);
    if (!url) return;
    res.set("content-type", "image/svg+xml").set("cache-control", qrCache);
    res.send(await qrSvg(url));
  });

  r.get("/d/:slug/qr.png", async (req, res) => {
    const d = await loadDeputy(req.params.slug);
    if (!d) return notFound(req, res);
    const url = codeUrl(req, res, d.slug);
    if (!url) return;
    res.set("content-type", "image/png").set("cache-control", qrCache);
    res.send(await qrPng(url));
  });

  r.get("/d/:slug/poster", async (req, res) => {
    const d = await loadDeputy(req.params.slug);
    if (!d) return notFound(req, res);
    const url = codeUrl(req, res, d.slug);
    if (!url) return;
    sendPage(req, res, 200, posterPage({ deputy: await deputyInfo(d), svg: await qrSvg(url), url }));
  });

  async function loadFollowed(token: string) {
    if (!FOLLOW_TOKEN.test(token)) return null;
    return db.opinion.findUnique({
      where: { followToken: hashFollowToken(token) },
      include: { ...FOLLOW_INCLUDE, group: true, mergedInto: { include: FOLLOW_INCLUDE } },
    });
  }
  type Followed = NonNullable<Awaited<ReturnType<typeof loadFollowed>>>;
  type Shown = Omit<Followed, "group" | "mergedInto">;

  function eventLabel(e: Followed["events"][number]): string {
    const data = (e.data ?? {}) as Record<string, unknown>;
    const who = e.actorRole === "deputy" && e.actorName ? `代表${e.actorName}` : "";
    switch (e.action) {
      case "receive": return "已受理";
      case "claim": return `${who || "代表"}认领跟进`;
      case "assign": return `转交${typeof data.unit === "string" ? `「${data.unit}」` : "承办单位"}办理`;
      case "rate": return "反映人评价";
      case "cosign": return "有群众附议";
      case "mergedFrom": return "合并了相同问题";
      default: return `${who}${storedEventLabel(e.action)}`;
    }
  }

  const maskedOrNull = (text: string | null) => (text === null ? null : UserText.masked(text).value);

  function renderFollow(req: Request, res: Response, followed: Followed, status: number, opts: { notice?: string; error?: string } = {}) {
    // A merged matter is handled under the original number: show that one's progress instead (read-only).
    const o: Shown = followed.status === "MERGED" && followed.mergedInto ? followed.mergedInto : followed;
    const merged = o === followed ? undefined : followed.number;
    sendPage(req, res, status, followPage({
      number: o.number, category: o.category, status: o.status,
      // The link may be forwarded: the matter's text, and the answers (which may quote it), are masked here too.
      text: UserText.masked(o.text).value,
      createdAt: ymd.format(o.createdAt),
      dueDate: o.dueDate ? calendarDate.format(o.dueDate) : null,
      deputyName: o.deputy?.name ?? null, unitName: o.unit?.name ?? null,
      replyText: maskedOrNull(o.replyText), resultClass: o.resultClass, resultText: maskedOrNull(o.resultText), closeReason: maskedOrNull(o.closeReason),
      rating: o.rating, ratingComment: maskedOrNull(o.ratingComment),
      timeline: o.events.map((e) => ({ at: dayTime.format(e.createdAt), label: eventLabel(e) })),
    }, { action: req.originalUrl.split("?")[0]!, ...opts, ...(merged ? { mergedFrom: merged } : {}) }));
  }

  r.get("/f/:token", async (req, res) => {
    const o = await loadFollowed(req.params.token);
    if (!o) return notFound(req, res);
    renderFollow(req, res, o, 200);
  });

  r.post("/f/:token", form, async (req, res) => {
    const o = await loadFollowed(req.params.token);
    if (!o) return notFound(req, res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const rating = RATINGS[String(body.rating ?? "")];
    const comment = typeof body.comment === "string" && body.comment.trim() ? body.comment.trim().slice(0, 500) : undefined;
    if (!rating) return renderFollow(req, res, o, 400, { error: "请选择满意、基本满意或不满意。" });
    const actor: Actor = { role: "citizen", platform: "web", userId: `citizen:${o.citizenId}`, name: "反映人（代表码）", ...(o.citizenId ? { citizenId: o.citizenId } : {}) };
    try {
      await db.$transaction(async (tx) => {
        const to = await rateOpinion(ctx, tx, o, rating, comment, actor);
        if (to !== "IN_PROGRESS") return;
        const message = { body: reopenedNotice(o.number, comment) };
        const targets = o.group
          ? [{ platform: o.group.platform, chatId: o.group.chatId, chatType: "group" as const }]
          : (await codeRecipients(tx, o.deputyId ?? 0, o.stationId)).map((t) => ({ platform: t.platform, chatId: t.userId, chatType: "direct" as const }));
        await enqueue(tx, targets.map((t) => ({ ...t, kind: "post" as const, message })));
      });
      ctx.nudgeOutbox();
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return renderFollow(req, res, o, 409, { error: err.userMessage });
    }
    const fresh = (await loadFollowed(req.params.token))!;
    renderFollow(req, res, fresh, 200, { notice: rating === "DISSATISFIED" ? "已收到您的评价：不满意。该事项将重新办理。" : "感谢您的评价！" });
  });

  r.get("/s/:stationId", async (req, res) => {
    const id = Number(req.params.stationId);
    const station = Number.isSafeInteger(id) && id > 0 ? await db.station.findUnique({ where: { id } }) : null;
    if (!station?.publicDisclosure) return notFound(req, res);
    sendPage(req, res, 200, stationPage({ name: station.name, items: await handledMatters([station.id], PUBLIC_MATTERS) }), { cache: "public" });
  });

  const pageErrors: ErrorRequestHandler = (err, req, res, next) => {
    if (!/^\/[dfs]\//.test(req.path)) return next(err); // errors of other routers pass by untouched
    const e = err as { type?: string };
    if (e.type === "entity.too.large") return sendPage(req, res, 413, messagePage("内容太长", "提交的内容太长了，请精简后再试。"));
    if (e.type === "entity.parse.failed" || e.type === "encoding.unsupported" || e.type === "charset.unsupported" || e.type === "parameters.too.many") {
      return sendPage(req, res, 400, messagePage("提交有误", "提交的内容无法识别，请返回重新填写。"));
    }
    if (err instanceof AppError) return sendPage(req, res, err.status, messagePage("操作未完成", err.userMessage));
    // The router's own 400 (a path whose percent-escapes do not decode): a bad link, not a failure.
    if ((err as { status?: number }).status === 400) {
      logger.info({ path: req.originalUrl.slice(0, 200) }, "public page: malformed path");
      return sendPage(req, res, 400, messagePage("链接有误", "这个链接不完整或有误，请重新扫码或检查链接。"));
    }
    logger.error({ err, path: req.path }, "public page failed");
    if (res.headersSent) return next(err);
    sendPage(req, res, 503, messagePage("服务暂时不可用", "服务暂时不可用，请稍后重试。"));
  };
  r.use(pageErrors);
  return r;
}
