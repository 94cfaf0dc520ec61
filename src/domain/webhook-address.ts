// The only URLs the bot ever POSTs to on behalf of a group or a message: the platforms' own robot
// endpoints, on the configured origin (the official one by default; tests point it at a fake).
// Used where staff type an address (设置推送地址) and again right before every send, so a URL
// stored earlier, or one that arrived in a callback, cannot make the server call anything else.
//   DingTalk custom robot  https://oapi.dingtalk.com/robot/send?access_token=…
//            sessionWebhook https://oapi.dingtalk.com/robot/sendBySession?session=…
//   WeCom group robot      https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…   (doc 91770)
//         response_url     https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=… (doc 101138)
import type { Config } from "../config.ts";
import type { Platform } from "../channels/types.ts";

export type Endpoint = "dingtalk-robot" | "dingtalk-session" | "wecom-robot" | "wecom-response";

const ENDPOINTS: Record<Endpoint, { path: string; param: string }> = {
  "dingtalk-robot": { path: "/robot/send", param: "access_token" },
  "dingtalk-session": { path: "/robot/sendBySession", param: "session" },
  "wecom-robot": { path: "/cgi-bin/webhook/send", param: "key" },
  "wecom-response": { path: "/cgi-bin/aibot/response", param: "response_code" },
};

/**
 * The URL when it is `endpoint` on `base`'s origin (same scheme, host and port: no other host,
 * loopback, private address, scheme or port unless the base itself is one), with no user info
 * and its credential parameter present; otherwise undefined.
 */
export function allowedUrl(endpoint: Endpoint, raw: string, base: string): URL | undefined {
  const rule = ENDPOINTS[endpoint];
  let u: URL;
  try {
    u = new URL(raw);
    if (u.origin !== new URL(base).origin) return undefined;
  } catch {
    return undefined;
  }
  if (u.username || u.password || u.hash) return undefined;
  if (u.pathname !== rule.path || !u.searchParams.get(rule.param)) return undefined;
  return u;
}

/** The form staff are told to paste, e.g. "https://oapi.dingtalk.com/robot/send?access_token=…". */
export function addressForm(endpoint: Endpoint, base: string): string {
  const rule = ENDPOINTS[endpoint];
  return `${new URL(base).origin}${rule.path}?${rule.param}=…`;
}

type Bases = Pick<Config, "DINGTALK_WEBHOOK_BASE" | "WECOM_API_BASE">;

const GROUP_ROBOTS: Record<Exclude<Platform, "simulator">, { endpoint: Endpoint; base: keyof Bases; name: string }> = {
  dingtalk: { endpoint: "dingtalk-robot", base: "DINGTALK_WEBHOOK_BASE", name: "钉钉群自定义机器人" },
  wecom: { endpoint: "wecom-robot", base: "WECOM_API_BASE", name: "企业微信群机器人" },
};

/** Robots a group on this platform may push through; the simulator stands in for both platforms. */
function robotsOf(platform: Platform) {
  return platform === "simulator" ? Object.values(GROUP_ROBOTS) : [GROUP_ROBOTS[platform]];
}

/** A group's push address (设置推送地址) when it is its platform's group robot webhook. */
export function groupRobotUrl(platform: Platform, raw: string, bases: Bases): URL | undefined {
  for (const r of robotsOf(platform)) {
    const u = allowedUrl(r.endpoint, raw, bases[r.base]);
    if (u) return u;
  }
  return undefined;
}

/** "钉钉群自定义机器人的 Webhook 地址（形如 https://…）", for the refusal in chat. */
export function groupRobotForms(platform: Platform, bases: Bases): string {
  return robotsOf(platform)
    .map((r) => `${r.name}的 Webhook 地址（形如 ${addressForm(r.endpoint, bases[r.base])}）`)
    .join("或");
}
