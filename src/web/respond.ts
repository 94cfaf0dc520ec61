import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { Request, Response } from "express";
import { INLINE_SCRIPTS, notFoundPage } from "./pages.ts";

// Everything is inline and same-origin: no other script, frame or form target can run even if a value slipped through escaping.
const scriptHashes = INLINE_SCRIPTS.map((js) => `'sha256-${createHash("sha256").update(js).digest("base64")}'`).join(" ");
const CSP = `default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; script-src ${scriptHashes}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

/** Sends a page, gzipped when the browser accepts it: most pages shrink to a few KB for 3G. */
export function sendPage(req: Request, res: Response, status: number, page: string, opts: { cache?: "private" | "public" } = {}): void {
  const body = Buffer.from(page, "utf8");
  res.status(status);
  res.set("content-type", "text/html; charset=utf-8");
  res.set("cache-control", opts.cache === "public" ? "public, max-age=300" : "no-store");
  res.set("x-content-type-options", "nosniff");
  res.set("content-security-policy", CSP);
  res.set("referrer-policy", "no-referrer"); // a follow link must never leak through a Referer header
  res.set("vary", "accept-encoding");
  if (body.length > 1024 && /\bgzip\b/.test(req.get("accept-encoding") ?? "")) {
    res.set("content-encoding", "gzip");
    res.end(gzipSync(body));
    return;
  }
  res.end(body);
}

export const sendNotFound = (req: Request, res: Response): void => sendPage(req, res, 404, notFoundPage());
