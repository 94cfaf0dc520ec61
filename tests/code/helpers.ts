// Drives the public 代表码 pages like a phone browser: form posts, a device cookie, gzip off for easy reading.
export interface PageResponse {
  status: number;
  body: string;
  headers: Headers;
}

export async function getPage(url: string, opts: { cookie?: string; gzip?: boolean } = {}): Promise<PageResponse> {
  const res = await fetch(url, { headers: { "accept-encoding": opts.gzip ? "gzip" : "identity", ...(opts.cookie ? { cookie: opts.cookie } : {}) } });
  return { status: res.status, body: await res.text(), headers: res.headers };
}

export async function postForm(url: string, fields: Record<string, string>, opts: { cookie?: string; ip?: string } = {}): Promise<PageResponse> {
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "accept-encoding": "identity",
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
      // The app trusts X-Forwarded-For from loopback only, as behind a local reverse proxy.
      ...(opts.ip ? { "x-forwarded-for": opts.ip } : {}),
    },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });
  return { status: res.status, body: await res.text(), headers: res.headers };
}

/** The follow link printed on the "已受理" page. */
export function followLinkIn(body: string): string {
  const m = /id="follow" href="([^"]+)"/.exec(body);
  if (!m) throw new Error(`no follow link in: ${body.slice(0, 300)}`);
  return m[1]!;
}

export const numberIn = (body: string): number => Number(/编号 #(\d+)/.exec(body)![1]);
