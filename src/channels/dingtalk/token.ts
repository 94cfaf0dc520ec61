// Enterprise-app access token, cached and refreshed before expiry, one request at a time.
// POST {apiBase}/v1.0/oauth2/accessToken {appKey, appSecret} → {accessToken, expireIn (s)}
// https://open.dingtalk.com/document/orgapp/obtain-the-access_token-of-an-internal-app
// (the page asks callers to cache the token rather than fetch it per call)

export interface TokenSource {
  get(): Promise<string>;
  /** Drops the cached token when the API rejected it (only if it is still the one cached). */
  invalidate(token: string): void;
}

export class TokenError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export function createTokenSource(opts: {
  apiBase: string;
  appKey: string;
  appSecret: string;
  fetch: typeof fetch;
  now: () => Date;
  /** Refresh this long before the platform's expiry (default 5 min). */
  refreshMarginMs?: number;
  timeoutMs?: number;
}): TokenSource {
  const margin = opts.refreshMarginMs ?? 5 * 60_000;
  let cached: { token: string; refreshAt: number } | undefined;
  let inflight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const res = await opts.fetch(new URL("/v1.0/oauth2/accessToken", opts.apiBase), {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ appKey: opts.appKey, appSecret: opts.appSecret }),
      redirect: "error",
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
    });
    const body = (await res.json().catch(() => ({}))) as { accessToken?: unknown; expireIn?: unknown; code?: unknown };
    if (!res.ok || typeof body.accessToken !== "string" || !body.accessToken) {
      throw new TokenError(`accessToken failed: HTTP ${res.status} ${typeof body.code === "string" ? body.code : ""}`.trim(), res.status);
    }
    const expireInMs = (typeof body.expireIn === "number" && body.expireIn > 0 ? body.expireIn : 7200) * 1000;
    // Short-lived tokens (tests, odd deployments) still get reused for at least half their life.
    const refreshIn = expireInMs > 2 * margin ? expireInMs - margin : expireInMs / 2;
    cached = { token: body.accessToken, refreshAt: opts.now().getTime() + refreshIn };
    return body.accessToken;
  }

  return {
    async get() {
      if (cached && opts.now().getTime() < cached.refreshAt) return cached.token;
      inflight ??= fetchToken().finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
    },
  };
}
