// HTTP sends: the AI bot's response_url (doc 101138 "主动回复消息") and the group robot
// webhook (doc 91770 / 99110 "消息推送配置说明"). Both URLs are capabilities (secrets):
// they are only ever logged masked.

export type HttpOutcome = { ok: true } | { ok: false; error: string; retryAfterMs?: number; permanent?: boolean; rejected?: boolean };

/** WeCom's "api freq out of limit" (全局错误码 45009) and HTTP 429 both mean: later. */
const RATE_LIMIT_CODES = new Set([45009, 45033]);
/** 93000: invalid webhook URL / key; 93004: robot removed from the group; 93008: not in the group. */
const WEBHOOK_GONE_CODES = new Set([93000, 93004, 93008]);
export const RATE_LIMIT_PAUSE_MS = 60_000;

function retryAfter(res: Response): number {
  const h = Number(res.headers.get("retry-after"));
  return Number.isFinite(h) && h > 0 ? Math.min(h * 1000, 3_600_000) : RATE_LIMIT_PAUSE_MS;
}

async function post(
  fetchFn: typeof fetch,
  url: URL,
  body: unknown,
  timeoutMs: number,
): Promise<{ res: Response; errcode?: number; errmsg?: string } | { network: string }> {
  try {
    const res = await fetchFn(url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify(body),
      redirect: "error", // only the checked address is ever called (webhook-address.ts)
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let parsed: { errcode?: unknown; errmsg?: unknown } = {};
    try {
      parsed = text ? (JSON.parse(text) as typeof parsed) : {};
    } catch {
      parsed = {};
    }
    return {
      res,
      errcode: typeof parsed.errcode === "number" ? parsed.errcode : undefined,
      errmsg: typeof parsed.errmsg === "string" ? parsed.errmsg.slice(0, 200) : undefined,
    };
  } catch (err) {
    return { network: err instanceof Error ? err.name : "error" };
  }
}

/** POST to a group webhook: {msgtype:"markdown"|"template_card", ...}. */
export async function postWebhook(fetchFn: typeof fetch, url: URL, body: unknown, timeoutMs = 10_000): Promise<HttpOutcome> {
  const r = await post(fetchFn, url, body, timeoutMs);
  if ("network" in r) return { ok: false, error: `webhook_network_${r.network}` };
  if (r.res.status === 429) return { ok: false, error: "rate_limited", retryAfterMs: retryAfter(r.res) };
  if (r.res.status >= 500) return { ok: false, error: `webhook_http_${r.res.status}` };
  if (r.errcode !== undefined && RATE_LIMIT_CODES.has(r.errcode)) return { ok: false, error: "rate_limited", retryAfterMs: RATE_LIMIT_PAUSE_MS };
  if (r.errcode !== undefined && WEBHOOK_GONE_CODES.has(r.errcode)) {
    return { ok: false, error: `webhook_invalid_${r.errcode}`, permanent: true, rejected: true };
  }
  if (r.res.status >= 400) return { ok: false, error: `webhook_http_${r.res.status}`, rejected: true };
  if (r.errcode !== undefined && r.errcode !== 0) return { ok: false, error: `webhook_errcode_${r.errcode}`, rejected: true };
  return { ok: true };
}

/**
 * POST to a response_url (single use, valid 1 h). `rejected` means WeCom refused it
 * (used, expired, bad content): the caller falls back to the push path. A network error is
 * ambiguous (it may have been consumed) and is retried as is.
 */
export async function postResponseUrl(fetchFn: typeof fetch, url: URL, body: unknown, timeoutMs = 10_000): Promise<HttpOutcome> {
  const r = await post(fetchFn, url, body, timeoutMs);
  if ("network" in r) return { ok: false, error: `response_url_network_${r.network}` };
  if (r.res.status === 429 || (r.errcode !== undefined && RATE_LIMIT_CODES.has(r.errcode))) {
    return { ok: false, error: "rate_limited", retryAfterMs: retryAfter(r.res) };
  }
  if (r.res.status >= 500) return { ok: false, error: `response_url_http_${r.res.status}` };
  if (r.res.status >= 400 || (r.errcode !== undefined && r.errcode !== 0)) {
    return { ok: false, error: `response_url_rejected_${r.errcode ?? r.res.status}`, rejected: true };
  }
  return { ok: true };
}
