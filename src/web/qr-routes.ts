// QR codes and the printable poster of a deputy page: they carry the page's public URL.
import { Router, type Request, type Response } from "express";
import type { CoreContext } from "../core/context.ts";
import { messagePage, posterPage } from "./pages.ts";
import { sendNotFound, sendPage } from "./respond.ts";
import { qrPng, qrSvg } from "./qr.ts";
import { NO_PUBLIC_BASE, codeLinks, publicBase } from "../domain/public-links.ts";
import { deputyInfo, loadDeputy } from "./page-data.ts";
import type { PublicDates } from "./dates.ts";

export function qrRoutes(ctx: CoreContext, dates: PublicDates): Router {
  const { config, db } = ctx;
  const r = Router();

  /** The deputy page URL a QR code or poster carries; undefined once a 503 telling the admin why is sent. */
  function codeUrl(req: Request, res: Response, slug: string): string | undefined {
    const base = publicBase(config.PUBLIC_BASE_URL, req);
    if (!base) sendPage(req, res, 503, messagePage("二维码暂不可用", NO_PUBLIC_BASE));
    return base && codeLinks(base, slug).url;
  }
  // A QR code from PUBLIC_BASE_URL may be cached; one from the request's own Host is that request's only.
  const qrCache = config.PUBLIC_BASE_URL ? "public, max-age=3600" : "no-store";

  const qrImage = (type: string, draw: (url: string) => Promise<string | Buffer>) => async (req: Request<{ slug: string }>, res: Response) => {
    const d = await loadDeputy(db, req.params.slug);
    if (!d) return sendNotFound(req, res);
    const url = codeUrl(req, res, d.slug);
    if (!url) return;
    res.set("content-type", type).set("cache-control", qrCache);
    res.send(await draw(url));
  };
  r.get("/d/:slug/qr.svg", qrImage("image/svg+xml", qrSvg));
  r.get(
    "/d/:slug/qr.png",
    qrImage("image/png", (url) => qrPng(url)),
  );

  r.get("/d/:slug/poster", async (req, res) => {
    const d = await loadDeputy(db, req.params.slug);
    if (!d) return sendNotFound(req, res);
    const url = codeUrl(req, res, d.slug);
    if (!url) return;
    sendPage(req, res, 200, posterPage({ deputy: await deputyInfo(ctx, dates, d), svg: await qrSvg(url), url }));
  });

  return r;
}
