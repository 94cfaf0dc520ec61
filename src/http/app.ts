import express, { type ErrorRequestHandler, type Express } from "express";
import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";
import { AppError } from "../errors.ts";
import { ValidationError } from "./validate.ts";
import { storableText } from "../domain/storable.ts";

/**
 * The express app with the JSON error contract: 4xx with a Chinese reason, never a stack trace.
 * `trustProxy` (TRUST_PROXY) decides whose X-Forwarded-For sets req.ip, which every rate limit keys on.
 */
export function createHttpApp(trustProxy: Config["TRUST_PROXY"]): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxy);
  return app;
}

export function jsonBody() {
  // Strings are made storable as they are parsed: NUL or a lone surrogate must not reach PostgreSQL.
  return express.json({ limit: "256kb", reviver: (_key, value: unknown) => (typeof value === "string" ? storableText(value) : value) });
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof ValidationError) {
      res.status(400).json({ error: err.userMessage, fields: err.fields });
      return;
    }
    if (err instanceof AppError) {
      res.status(err.status).json({ error: err.userMessage, code: err.code });
      return;
    }
    const e = err as { type?: string; status?: number; statusCode?: number };
    if (e.type === "entity.too.large") {
      res.status(413).json({ error: "请求体过大" });
      return;
    }
    if (e.type === "entity.parse.failed" || e.type === "encoding.unsupported" || e.type === "charset.unsupported") {
      res.status(400).json({ error: "请求体不是合法的 JSON" });
      return;
    }
    const status = e.status ?? e.statusCode;
    if (status && status >= 400 && status < 500) {
      res.status(status).json({ error: "请求无效" });
      return;
    }
    logger.error({ err, method: req.method, path: req.path }, "request failed");
    res.status(503).json({ error: "服务暂时不可用，请稍后重试" });
  };
}
