import type { Request } from "express";

/** The public origin for links and QR codes: PUBLIC_BASE_URL (no trailing slash), else the request's own host. */
export function publicBase(configured: string | undefined, req?: Pick<Request, "protocol" | "get">): string {
  if (configured) return configured.replace(/\/+$/, "");
  const host = req?.get("host");
  return host ? `${req!.protocol}://${host}` : "http://localhost";
}

export const deputyPath = (slug: string) => `/d/${encodeURIComponent(slug)}`;

export function codeLinks(base: string, slug: string) {
  const page = `${base}${deputyPath(slug)}`;
  return { url: page, svgUrl: `${page}/qr.svg`, pngUrl: `${page}/qr.png`, posterUrl: `${page}/poster` };
}
