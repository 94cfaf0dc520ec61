// Posts to a sessionWebhook (reply within ~90 min of the message) or a group's custom-robot webhook.
// Both answer HTTP 200 with {errcode, errmsg}.
// https://open.dingtalk.com/document/orgapp/robot-reply-and-send-messages
// https://open.dingtalk.com/document/orgapp/custom-robots-send-group-messages
import { ok, permanent, throttled, transient, type Outcome } from "./outcome.ts";

export const SESSION_EXPIRED = 300001;

export async function postWebhook(
  fetchFn: typeof fetch,
  url: string | URL,
  body: unknown,
  timeoutMs = 10_000,
): Promise<{ status: number; errcode: number | null; errmsg: string }> {
  try {
    const res = await fetchFn(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      redirect: "error", // an allowed address must not bounce the request elsewhere
      signal: AbortSignal.timeout(timeoutMs),
    });
    const parsed = (await res.json().catch(() => ({}))) as { errcode?: unknown; errmsg?: unknown };
    const errcode = typeof parsed.errcode === "number" ? parsed.errcode : res.ok ? null : -1;
    return { status: res.status, errcode, errmsg: typeof parsed.errmsg === "string" ? parsed.errmsg.slice(0, 200) : "" };
  } catch (err) {
    return { status: 0, errcode: null, errmsg: `network: ${(err as Error).name}` };
  }
}

/** Custom-robot answers. 410100: over 20/min, muted for 10 min; 310000: sign/keyword/IP check failed. */
export function classifyRobotAnswer(r: { status: number; errcode: number | null; errmsg: string }): Outcome {
  const label = `custom robot errcode ${r.errcode ?? "-"} ${r.errmsg}`.trim();
  if (r.status === 429) return throttled(label, 60_000);
  if (r.errcode === 0) return ok;
  if (r.errcode === 410100) return throttled(label, 10 * 60_000);
  if (r.errcode === 130101) return throttled(label, 60_000); // older "send too fast" code
  if (r.status === 0 || r.status >= 500 || r.errcode === -1 || r.errcode === null) return transient(label);
  // 310000 security settings, 300001/400101 bad token, 400102 robot stopped, 400013 group gone…
  return permanent(label);
}
