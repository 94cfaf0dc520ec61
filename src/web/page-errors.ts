import type { ErrorRequestHandler } from "express";
import type { Logger } from "pino";
import { AppError } from "../errors.ts";
import { messagePage } from "./pages.ts";
import { sendPage } from "./respond.ts";

/** Failures on the public pages answer as a page in plain words; errors of other routers pass by untouched. */
export function pageErrors(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (!/^\/[dfs]\//.test(req.path)) return next(err);
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
}
