// HTTP mode: POST /callbacks/dingtalk. Headers `timestamp` and `sign` are checked before the body is
// even parsed; nothing unverified reaches ingest.
// https://open.dingtalk.com/document/orgapp/receive-message (HTTP 回调 → 验证 timestamp 与 sign)
// The sign covers only the timestamp, not the body (F9). DingTalk allows an hour; we accept
// DINGTALK_CALLBACK_WINDOW_SEC (default 5 min) and each timestamp for one message only.
import express, { type Request, type Response } from "express";
import type { Logger } from "pino";
import type { Ingest } from "../types.ts";
import type { SeenCallbacks } from "../seen-callbacks.ts";
import { receiveRobotMessage } from "./receive.ts";
import { verifyCallbackSign } from "./sign.ts";

class Replayed extends Error {}

export function createCallbackRouter(deps: {
  appSecret: string;
  windowMs: number;
  seen: SeenCallbacks;
  ingest: Ingest;
  logger: Logger;
  now: () => Date;
}): express.Router {
  const router = express.Router();
  // Raw body: we answer malformed JSON ourselves (400) and only after the signature check.
  router.post("/", express.raw({ type: () => true, limit: "256kb" }), async (req: Request, res: Response) => {
    const timestamp = header(req, "timestamp");
    const sign = header(req, "sign");
    if (!timestamp || !sign) {
      res.status(403).json({ error: "missing_signature", message: "缺少 timestamp 或 sign 请求头" });
      return;
    }
    const check = verifyCallbackSign({ timestamp, sign, secret: deps.appSecret, nowMs: deps.now().getTime(), windowMs: deps.windowMs });
    if (!check.ok) {
      deps.logger.warn({ reason: check.reason, ip: req.ip }, "dingtalk callback refused");
      res.status(401).json({ error: check.reason, message: check.reason === "bad_sign" ? "签名错误" : "时间戳无效或已过期" });
      return;
    }
    const payload = parseBody(req.body);
    if (payload === undefined) {
      res.status(400).json({ error: "malformed_body", message: "请求体不是有效的 JSON" });
      return;
    }
    // The sign is fixed by the timestamp, so the timestamp alone names the signed request.
    const key = `dingtalk:${timestamp}`;
    const expiresAt = new Date(Number(timestamp) + deps.windowMs + 60_000);
    const ingest: Ingest = async (m) => {
      const seen = await deps.seen.claim(key, m.messageId, expiresAt);
      if (seen === "replayed") throw new Replayed();
      try {
        return await deps.ingest(m);
      } catch (err) {
        if (seen === "new") await deps.seen.release(key).catch(() => undefined);
        throw err;
      }
    };
    try {
      const result = await receiveRobotMessage(payload, { ...deps, ingest });
      if (result.status === "invalid") {
        res.status(400).json({ error: "invalid_payload", message: result.reason });
        return;
      }
      // An empty JSON answer: replies go out later through the outbox, not in this response.
      res.status(200).json({});
    } catch (err) {
      if (err instanceof Replayed) {
        deps.logger.warn({ ip: req.ip, reason: "replayed" }, "dingtalk callback refused");
        res.status(401).json({ error: "replayed", message: "该签名已用于另一条消息（疑似重放），已拒绝" });
        return;
      }
      deps.logger.error({ err: (err as Error).message }, "dingtalk callback: message not stored");
      res.status(503).json({ error: "not_stored", message: "暂时无法保存消息，请稍后重试" });
    }
  });
  return router;
}

function header(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s && s.trim() ? s.trim() : undefined;
}

/** A body already parsed by an app-wide JSON parser is accepted as is. */
function parseBody(body: unknown): unknown {
  if (Buffer.isBuffer(body)) {
    try {
      const parsed: unknown = JSON.parse(body.toString("utf8"));
      return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  return body !== null && typeof body === "object" && !Array.isArray(body) && Object.keys(body).length > 0 ? body : undefined;
}
