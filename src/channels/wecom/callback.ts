// The AI bot's callback URL (docs 101033 "URL验证", 100719 "接收消息", 91144 "加解密方案"):
// GET verifies the URL (echo the decrypted echostr), POST carries {"encrypt": …} messages.
// verify.ts decides whether a request is genuine; here: a request already accepted is answered
// 200 with nothing done, then receive.ts takes the message to ingest. We answer as soon as ingest
// has stored the message (it is handled asynchronously by the core); if it cannot be stored we
// answer 503 so WeCom retries.
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import type { Logger } from "pino";
import type { Ingest, InboundMessage } from "../types.ts";
import { TtlSet, TIMESTAMP_WINDOW_S } from "./replay.ts";
import { verifyCallback, verifyUrl, type Rejection } from "./verify.ts";
import { receiveWecomPayload } from "./receive.ts";

export interface CallbackRouterDeps {
  token: string;
  encodingAesKey: string;
  ingest: Ingest;
  logger: Logger;
  now: () => Date;
  /** Larger bodies get 413. Real callbacks are a few KB. */
  maxBodyBytes?: number;
  /** WeCom waits about 5 s; answer 503 before that if storing takes too long. */
  ackTimeoutMs?: number;
}

type Verdict = { status: number; error?: string };

/** Ingest did not store the message (in time): WeCom is asked to retry. */
class NotStored extends Error {}

export function createCallbackRouter(deps: CallbackRouterDeps): Router {
  const log = deps.logger.child({ transport: "callback" });
  const nowMs = () => deps.now().getTime();
  const verifyOptions = () => ({ token: deps.token, aesKey: deps.encodingAesKey, nowMs: nowMs() });
  // Signatures of accepted requests are remembered for the whole timestamp window: after it
  // the timestamp check rejects a replay anyway.
  const acceptedRequests = new TtlSet(TIMESTAMP_WINDOW_S * 2 * 1000, 50_000, nowMs);
  const acceptedMsgIds = new TtlSet(24 * 3_600_000, 50_000, nowMs);
  const inFlight = new Map<string, Promise<Verdict>>();
  const ackTimeoutMs = deps.ackTimeoutMs ?? 4_000;

  /** Ingest, or a rejection once WeCom would stop waiting for our answer. */
  const ingestInTime = async (m: InboundMessage) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        deps.ingest(m),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error("ingest timeout")), ackTimeoutMs);
        }),
      ]);
    } catch (err) {
      log.error({ msgid: m.messageId, err: err instanceof Error ? err.message : String(err) }, "企业微信消息未能保存，返回 503 让企业微信重试");
      throw new NotStored();
    } finally {
      clearTimeout(timer);
    }
  };

  const handle = async (payload: unknown, signature: string): Promise<Verdict> => {
    try {
      const r = await receiveWecomPayload(payload, { ingest: ingestInTime, seen: acceptedMsgIds, logger: log, now: deps.now(), transport: "callback" });
      if (r.status === "invalid") return rejected({ ok: false, status: 400, reason: "回调内容格式不符" });
      acceptedRequests.add(signature);
      return { status: 200 };
    } catch (err) {
      if (!(err instanceof NotStored)) throw err;
      return { status: 503, error: "暂时无法处理，请稍后重试" };
    }
  };

  const router = express.Router();

  // URL verification: echo the decrypted echostr as bare text within 1 s (doc 101033).
  router.get("/", (req: Request, res: Response) => {
    try {
      const v = verifyUrl(req.query, verifyOptions());
      if (!v.ok) return send(res, rejected(v));
      log.info("企业微信回调 URL 验证通过");
      res.status(200).type("text/plain").send(v.echo);
    } catch (err) {
      failed(res, err);
    }
  });

  router.post("/", express.raw({ type: () => true, limit: deps.maxBodyBytes ?? 256 * 1024 }), async (req: Request, res: Response) => {
    try {
      const v = verifyCallback(req.query, Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "", verifyOptions());
      if (!v.ok) return send(res, rejected(v));
      if (acceptedRequests.has(v.signature)) {
        log.info("重复的回调请求（签名已受理），忽略");
        res.status(200).end();
        return;
      }
      // The same request arriving twice at once (WeCom retry racing the first try) shares one ingest.
      let pending = inFlight.get(v.signature);
      if (!pending) {
        pending = handle(v.payload, v.signature).finally(() => inFlight.delete(v.signature));
        inFlight.set(v.signature, pending);
      }
      send(res, await pending);
    } catch (err) {
      failed(res, err);
    }
  });

  // Body-parser failures (oversize, aborted) land here.
  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const e = err as { type?: string; status?: number };
    if (e?.type === "entity.too.large" || e?.status === 413) {
      log.warn("企业微信回调请求体过大，已拒绝");
      res.status(413).json({ error: "请求体过大" });
      return;
    }
    log.warn({ type: e?.type }, "企业微信回调请求体无法读取");
    res.status(400).json({ error: "请求体无法读取" });
  });

  function rejected(r: Rejection): Verdict {
    log[r.status === 401 ? "warn" : "info"]({ status: r.status, reason: r.reason }, "企业微信回调被拒绝");
    return { status: r.status, error: r.reason };
  }

  function failed(res: Response, err: unknown): void {
    log.error({ err: err instanceof Error ? err.message : String(err) }, "企业微信回调处理出错");
    res.status(400).json({ error: "无法处理的请求" });
  }

  return router;
}

function send(res: Response, v: Verdict): void {
  if (v.status === 200) res.status(200).end();
  else res.status(v.status).json({ error: v.error });
}
