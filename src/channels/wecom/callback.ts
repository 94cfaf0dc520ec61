// The AI bot's callback URL (docs 101033 "URL验证", 100719 "接收消息", 91144 "加解密方案"):
// GET verifies the URL (echo the decrypted echostr), POST carries {"encrypt": …} messages.
// Checks in order: well-formed (400) → signature, constant time (401) → timestamp window
// (401) → already accepted (200, nothing done) → strict decryption with receiveid "" (400)
// → payload shape (400) → ingest. We answer as soon as ingest has stored the message (it is
// handled asynchronously by the core); if it cannot be stored we answer 503 so WeCom retries.
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import type { Logger } from "pino";
import type { Ingest } from "../types.ts";
import { AIBOT_RECEIVE_ID, decryptStrict, verifySignature, WecomCryptoError } from "./crypto.ts";
import { decodePayload } from "./decode.ts";
import { wecomPayloadSchema } from "./payload.ts";
import { isFresh, TtlSet, TIMESTAMP_WINDOW_S } from "./replay.ts";

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

class Reject extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.length > 0 && v.length <= 4096 ? v : undefined;
}

function readQuery(req: Request, withEcho: boolean) {
  const signature = str(req.query.msg_signature);
  const timestamp = str(req.query.timestamp);
  const nonce = str(req.query.nonce);
  // Base64 never contains spaces; a '+' that arrived un-encoded was decoded to ' '.
  const echostr = withEcho ? str(req.query.echostr)?.replace(/ /g, "+") : undefined;
  if (!signature || !/^[0-9a-fA-F]{40}$/.test(signature)) throw new Reject(400, "缺少或格式错误的 msg_signature");
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) throw new Reject(400, "缺少或格式错误的 timestamp");
  if (!nonce || nonce.length > 128) throw new Reject(400, "缺少或格式错误的 nonce");
  if (withEcho && !echostr) throw new Reject(400, "缺少 echostr");
  return { signature, timestamp, nonce, echostr: echostr ?? "" };
}

export function createCallbackRouter(deps: CallbackRouterDeps): Router {
  const log = deps.logger.child({ transport: "callback" });
  const nowMs = () => deps.now().getTime();
  const windowMs = TIMESTAMP_WINDOW_S * 2 * 1000;
  // Signatures of accepted requests are remembered for the whole timestamp window: after it
  // the timestamp check rejects a replay anyway.
  const acceptedRequests = new TtlSet(windowMs, 50_000, nowMs);
  const acceptedMsgIds = new TtlSet(24 * 3_600_000, 50_000, nowMs);
  const inFlight = new Map<string, Promise<Verdict>>();
  const ackTimeoutMs = deps.ackTimeoutMs ?? 4_000;

  const authenticate = (signature: string, timestamp: string, nonce: string, encrypted: string) => {
    if (!verifySignature(deps.token, timestamp, nonce, encrypted, signature)) throw new Reject(401, "签名校验失败");
    if (!isFresh(timestamp, nowMs())) throw new Reject(401, "时间戳超出允许范围（可能是重放）");
  };

  const open = (encrypted: string): string => {
    try {
      return decryptStrict(deps.encodingAesKey, encrypted, AIBOT_RECEIVE_ID);
    } catch (err) {
      throw new Reject(400, err instanceof WecomCryptoError ? `解密失败：${err.message}` : "解密失败");
    }
  };

  const handle = async (encrypted: string, signature: string): Promise<Verdict> => {
    const plain = open(encrypted);
    let json: unknown;
    try {
      json = JSON.parse(plain);
    } catch {
      throw new Reject(400, "解密后的内容不是 JSON");
    }
    const parsed = wecomPayloadSchema.safeParse(json);
    if (!parsed.success) throw new Reject(400, "回调内容格式不符");
    const payload = parsed.data;
    if (acceptedMsgIds.has(payload.msgid)) {
      acceptedRequests.add(signature);
      log.info({ msgid: payload.msgid }, "重复的回调（msgid 已受理），忽略");
      return { status: 200 };
    }
    const decoded = decodePayload(payload, { transport: "callback", now: deps.now() });
    if ("ignored" in decoded) {
      log.info({ msgid: payload.msgid, msgtype: payload.msgtype, reason: decoded.ignored }, "企业微信回调已忽略");
      acceptedRequests.add(signature);
      acceptedMsgIds.add(payload.msgid);
      return { status: 200 };
    }
    const m = decoded.message;
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        deps.ingest(m),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error("ingest timeout")), ackTimeoutMs);
        }),
      ]);
      acceptedRequests.add(signature);
      acceptedMsgIds.add(m.messageId);
      log.info({ msgid: m.messageId, chatType: m.chatType, kind: m.kind, duplicate: result.duplicate }, "企业微信回调已受理");
      return { status: 200 };
    } catch (err) {
      log.error({ msgid: m.messageId, err: err instanceof Error ? err.message : String(err) }, "企业微信消息未能保存，返回 503 让企业微信重试");
      return { status: 503, error: "暂时无法处理，请稍后重试" };
    } finally {
      clearTimeout(timer);
    }
  };

  const router = express.Router();

  // URL verification: echo the decrypted echostr as bare text within 1 s (doc 101033).
  router.get("/", (req: Request, res: Response) => {
    try {
      const q = readQuery(req, true);
      authenticate(q.signature, q.timestamp, q.nonce, q.echostr);
      const plain = open(q.echostr);
      log.info("企业微信回调 URL 验证通过");
      res.status(200).type("text/plain").send(plain);
    } catch (err) {
      reject(res, err);
    }
  });

  router.post("/", express.raw({ type: () => true, limit: deps.maxBodyBytes ?? 256 * 1024 }), async (req: Request, res: Response) => {
    try {
      const q = readQuery(req, false);
      const body = Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "";
      let encrypted: unknown;
      try {
        encrypted = (JSON.parse(body) as { encrypt?: unknown }).encrypt;
      } catch {
        throw new Reject(400, "请求体不是 JSON");
      }
      if (typeof encrypted !== "string" || encrypted.length === 0) throw new Reject(400, "请求体缺少 encrypt");
      authenticate(q.signature, q.timestamp, q.nonce, encrypted);
      if (acceptedRequests.has(q.signature)) {
        log.info("重复的回调请求（签名已受理），忽略");
        res.status(200).end();
        return;
      }
      // The same request arriving twice at once (WeCom retry racing the first try) shares one ingest.
      let pending = inFlight.get(q.signature);
      if (!pending) {
        pending = handle(encrypted, q.signature).finally(() => inFlight.delete(q.signature));
        inFlight.set(q.signature, pending);
      }
      const verdict = await pending;
      if (verdict.status === 200) res.status(200).end();
      else res.status(verdict.status).json({ error: verdict.error });
    } catch (err) {
      reject(res, err);
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

  function reject(res: Response, err: unknown): void {
    if (err instanceof Reject) {
      const level = err.status === 401 ? "warn" : "info";
      log[level]({ status: err.status, reason: err.message }, "企业微信回调被拒绝");
      res.status(err.status).json({ error: err.message });
      return;
    }
    log.error({ err: err instanceof Error ? err.message : String(err) }, "企业微信回调处理出错");
    res.status(400).json({ error: "无法处理的请求" });
  }

  return router;
}
