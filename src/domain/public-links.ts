// Links to the public pages (代表码, QR codes, posters): built by the chat, the admin API and the pages themselves.
import { isLoopbackHost } from "./loopback.ts";

/** The part of an HTTP request the fallback origin is read from. */
type RequestOrigin = { protocol: string; get(header: "host"): string | undefined };

/**
 * The public origin for links and QR codes: PUBLIC_BASE_URL (no trailing slash). Without it, the request's
 * Host only when that is this machine (trying it out locally): any other Host is the client's word, and a
 * poisoned QR code would be printed on posters. Undefined then: the caller refuses (see NO_PUBLIC_BASE).
 */
export function publicBase(configured: string | undefined, req?: RequestOrigin): string | undefined {
  if (configured) return configured.replace(/\/+$/, "");
  const host = req?.get("host");
  return host && isLoopbackHost(host) ? `${req!.protocol}://${host}` : undefined;
}

/** Why a QR code or link could not be made: for the admin who opens it. */
export const NO_PUBLIC_BASE = "尚未设置对外访问地址，无法生成二维码和链接。请管理员在配置中设置 PUBLIC_BASE_URL（如 https://rd.example.gov.cn）后重启。";

export const deputyPath = (slug: string) => `/d/${encodeURIComponent(slug)}`;

export function codeLinks(base: string, slug: string) {
  const page = `${base}${deputyPath(slug)}`;
  return { url: page, svgUrl: `${page}/qr.svg`, pngUrl: `${page}/qr.png`, posterUrl: `${page}/poster` };
}
