// /console: the single page, its script and stylesheet, with a strict content security policy.
import { Router, type Response } from "express";
import { consoleBundle } from "../../console/bundle.ts";

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

function secure(res: Response) {
  res.setHeader("content-security-policy", CSP);
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("referrer-policy", "same-origin");
}

/** `timeZone` (BOT_TIMEZONE, an IANA name the config has validated) goes into the page, so dates read as in the chats. */
export function consolePage(timeZone: string): Router {
  const r = Router();
  for (const [file, type] of [
    ["js", "text/javascript"],
    ["css", "text/css"],
  ] as const) {
    r.get(`/app.${file}`, async (req, res) => {
      const b = await consoleBundle();
      secure(res);
      res.setHeader("cache-control", req.query.v === b.version ? "public, max-age=31536000, immutable" : "no-cache");
      res.type(`${type}; charset=utf-8`).send(b[file]);
    });
  }
  r.get("/", async (_req, res) => {
    const b = await consoleBundle();
    secure(res);
    res.setHeader("cache-control", "no-cache");
    res.type("html").send(b.html.replace("__TIME_ZONE__", timeZone));
  });
  return r;
}
