// autocannon on loopback: a fixed rate (requests evenly spaced) or flat out, fresh signed bodies per request.
import autocannon from "autocannon";
import type { Req } from "./messages.ts";

export interface LoadResult {
  /** Target rate (msgs/s); 0 = flat out. */
  target: number;
  seconds: number;
  sent: number;
  ok: number;
  errors: number;
  /** 2xx answers per second over the run. */
  rate: number;
  p50: number;
  p99: number;
  max: number;
}

export async function drive(baseUrl: string, next: () => Req, opts: { rate?: number; seconds: number; connections?: number }): Promise<LoadResult> {
  const result = await autocannon({
    url: baseUrl,
    method: "POST",
    connections: opts.connections ?? (opts.rate ? Math.max(4, Math.ceil(opts.rate / 25)) : 32),
    duration: opts.seconds,
    ...(opts.rate ? { overallRate: opts.rate } : {}),
    requests: [
      {
        setupRequest: (req) => {
          const r = next();
          return { ...req, method: "POST", path: r.path, headers: r.headers, body: r.body };
        },
      },
    ],
  });
  const ok = result["2xx"];
  return {
    target: opts.rate ?? 0,
    seconds: opts.seconds,
    sent: result.requests.sent,
    ok,
    errors: result.non2xx + result.errors + result.timeouts,
    rate: Math.round(ok / opts.seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
  };
}
