// Enterprise-robot OpenAPI sends. Errors come back as HTTP 4xx/5xx with {code, message, requestid}.
import { permanent, throttled, transient, ok, type Outcome } from "./outcome.ts";

export interface OpenApiDeps {
  apiBase: string;
  robotCode: string;
  fetch: typeof fetch;
  timeoutMs?: number;
}

/** POST /v1.0/robot/groupMessages/send — https://open.dingtalk.com/document/orgapp/the-robot-sends-a-group-message */
export async function sendGroupMessage(
  deps: OpenApiDeps,
  token: string,
  msg: { openConversationId: string; msgKey: string; msgParam: string },
): Promise<Outcome> {
  const res = await post(deps, "/v1.0/robot/groupMessages/send", token, { robotCode: deps.robotCode, ...msg });
  return res.ok ? ok : classifyApiError(res.status, res.body, res.retryAfter);
}

/**
 * POST /v1.0/robot/oToMessages/batchSend — https://open.dingtalk.com/document/orgapp/chatbots-send-one-on-one-chat-messages-in-batches
 * Success can still name the user as invalid or flow-controlled.
 */
export async function sendDirectMessage(deps: OpenApiDeps, token: string, msg: { userId: string; msgKey: string; msgParam: string }): Promise<Outcome> {
  const res = await post(deps, "/v1.0/robot/oToMessages/batchSend", token, {
    robotCode: deps.robotCode,
    userIds: [msg.userId],
    msgKey: msg.msgKey,
    msgParam: msg.msgParam,
  });
  if (!res.ok) return classifyApiError(res.status, res.body, res.retryAfter);
  const body = res.body as { invalidStaffIdList?: unknown; flowControlledStaffIdList?: unknown };
  if (Array.isArray(body.invalidStaffIdList) && body.invalidStaffIdList.includes(msg.userId)) return permanent("invalid userId for 1-on-1 send");
  if (Array.isArray(body.flowControlledStaffIdList) && body.flowControlledStaffIdList.includes(msg.userId)) {
    return throttled("user flow-controlled", 60_000);
  }
  return ok;
}

async function post(deps: OpenApiDeps, path: string, token: string, body: unknown) {
  let res: Response;
  try {
    res = await deps.fetch(new URL(path, deps.apiBase), {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", "x-acs-dingtalk-access-token": token },
      body: JSON.stringify(body),
      redirect: "error",
      signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
    });
  } catch (err) {
    return { ok: false as const, status: 0, body: { code: `network: ${(err as Error).name}` }, retryAfter: null };
  }
  const parsed = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  return { ok: res.ok, status: res.status, body: parsed, retryAfter: res.headers.get("retry-after") };
}

/** Error codes as listed on the API pages and https://open.dingtalk.com/document/orgapp/server-api-error-codes-1 */
export function classifyApiError(status: number, body: Record<string, unknown>, retryAfter: string | null = null): Outcome {
  const code = typeof body.code === "string" ? body.code : "";
  const label = `HTTP ${status} ${code}`.trim();
  if (status === 429) return throttled(label, retryAfterMs(retryAfter) ?? 2_000);
  if (/QpsLimit/i.test(code)) return throttled(label, 1_000);
  if (code === "send.too.fast") return throttled(label, 3_000);
  if (/limit|quota|throttl|too\.?fast|too\.many/i.test(code)) return throttled(label, 10 * 60_000);
  if (status === 401 || /^InvalidAuthentication$|accessToken.*(invalid|expired)|invalid.*token/i.test(code)) {
    return { ok: false, error: label, authFailed: true };
  }
  if (status === 0 || status >= 500) return transient(label);
  // invalid.openConversationId, bot.stopped, invalidParameter.*, missing permission…: retrying cannot help.
  return permanent(label);
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const s = Number(header);
  return Number.isFinite(s) && s >= 0 ? s * 1000 : undefined;
}
