import path from "node:path";
import { isIP } from "node:net";
import { z } from "zod";
import cron from "node-cron";
import { isLoopbackHost } from "./domain/loopback.ts";

const bool = (def: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no"], { message: "应为 true 或 false" })
    .optional()
    .transform((v) => (v === undefined ? def : v === "true" || v === "1" || v === "yes"));

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const int = (def: number, min: number, max: number) =>
  z.coerce.number({ message: "应为整数" }).int("应为整数").min(min, `应不小于 ${min}`).max(max, `应不大于 ${max}`).default(def);

const timeZone = z
  .string()
  .default("Asia/Shanghai")
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "应为 IANA 时区名，如 Asia/Shanghai");

const cronExpr = (def: string) =>
  z
    .string()
    .trim()
    .default(def)
    .refine((v) => cron.validate(v), "应为 cron 表达式（分 时 日 月 周），如 0 9 * * 1");

/** One entry of a TRUST_PROXY list: an address, a CIDR range, or one of express's named ranges. */
function proxyRange(v: string): boolean {
  if (["loopback", "linklocal", "uniquelocal"].includes(v)) return true;
  const [addr, bits, more] = v.split("/");
  const family = isIP(addr ?? "");
  if (!family || more !== undefined) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

/**
 * Which peers may tell the client's address in X-Forwarded-For (express "trust proxy"): off, loopback (a
 * proxy on this machine), a number of proxy hops, or a comma-separated list of addresses and CIDR ranges.
 */
const trustProxy = z
  .string()
  .trim()
  .default("loopback")
  .transform((v, ctx): false | number | string[] => {
    if (v === "off" || v === "false" || v === "0") return false;
    if (/^\d{1,2}$/.test(v)) return Number(v);
    const list = v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (list.length && list.every(proxyRange)) return list;
    ctx.addIssue({ code: "custom", message: "应为 off、loopback、代理层数（如 1）或逗号分隔的地址/网段（如 10.0.0.0/8,192.168.1.5）" });
    return z.NEVER;
  });

const url = (def: string) => z.string().url("应为完整 URL，如 https://example.com").default(def);

export const configSchema = z.object({
  PORT: int(3000, 0, 65535),
  HOST: z.string().default("0.0.0.0"),
  /** Embedded database directory; "memory://" keeps it in memory (tests). */
  DATA_DIR: z.string().default("./data"),
  DATABASE_URL: optionalString.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), "应以 postgresql:// 开头"),
  ADMIN_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 16, "至少 16 个字符"),
  BOT_TIMEZONE: timeZone,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  PUBLIC_BASE_URL: optionalString.refine((v) => v === undefined || /^https?:\/\//.test(v), "应以 http:// 或 https:// 开头"),
  SEED_DEMO: bool(true),
  /** The group-chat simulator has no sign-in: off unless asked for, and then only on this machine. */
  SIMULATOR_ENABLED: bool(false),
  TRUST_PROXY: trustProxy,
  DEFAULT_DEADLINE_DAYS: int(13, 1, 365),
  /** 承办单位 签收 a dispatch within this many working days (12345 practice: 1). */
  UNIT_SIGN_DAYS: int(1, 1, 30),
  DUPLICATE_WINDOW_DAYS: int(7, 1, 90),
  MAX_MESSAGE_CHARS: int(2000, 100, 20000),
  OUTBOX_POLL_MS: int(1000, 50, 60000),

  // Scheduled jobs (issue 5): summaries, 督办, rating and reception reminders. Cron in BOT_TIMEZONE.
  JOBS_ENABLED: bool(true),
  JOB_WEEKLY_CRON: cronExpr("0 9 * * 1"),
  JOB_STAFF_SUMMARY_CRON: cronExpr("30 9 * * 1"),
  JOB_ESCALATE_CRON: cronExpr("0 9 * * *"),
  JOB_RATING_REMINDER_CRON: cronExpr("0 10 * * *"),
  JOB_RECEPTION_CRON: cronExpr("0 9 * * *"),
  JOB_MONTHLY_CRON: cronExpr("0 9 1 * *"),
  WEEKLY_EMPTY_POST: bool(true),
  WEEKLY_COMMAND_TARGET: z.enum(["staff", "group"], { message: "应为 staff（私信发给工作人员）或 group（发到本群）" }).default("group"),
  RATING_REMINDER_DAYS: int(3, 1, 60),
  ESCALATE_OVERDUE_DAYS: int(5, 1, 60),

  WECOM_BOT_ID: optionalString,
  WECOM_BOT_SECRET: optionalString,
  WECOM_BOT_TOKEN: optionalString,
  WECOM_BOT_ENCODING_AES_KEY: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9]{43}$/.test(v), "应为 43 位字母数字"),
  WECOM_API_BASE: url("https://qyapi.weixin.qq.com"),
  WECOM_WS_URL: z
    .string()
    .regex(/^wss?:\/\//, "应以 ws:// 或 wss:// 开头")
    .default("wss://openws.work.weixin.qq.com"),

  DINGTALK_CLIENT_ID: optionalString,
  DINGTALK_CLIENT_SECRET: optionalString,
  DINGTALK_ROBOT_CODE: optionalString,
  DINGTALK_MODE: z.enum(["stream", "http"], { message: "应为 stream 或 http" }).default("stream"),
  DINGTALK_API_BASE: url("https://api.dingtalk.com"),

  // Reliability tunables (issue 8): defaults suit production; benchmarks and fault tests shorten them.
  DATABASE_POOL_SIZE: int(10, 1, 200), // PostgreSQL connections
  INBOX_CONCURRENCY: int(4, 1, 100), // messages handled at once; keep below the pool size so acks always find a connection
  INBOX_RECOVER_MS: int(30_000, 100, 3_600_000), // how often unhandled inbound messages are resumed
  OUTBOX_LEASE_MS: int(60_000, 500, 3_600_000), // a claimed outbox row is retried after this if its sender vanished

  // Outgoing requests and callback replay (issue 21, F5/F9/F10).
  DINGTALK_WEBHOOK_BASE: url("https://oapi.dingtalk.com"), // custom robots and sessionWebhooks must be on this origin
  DINGTALK_CALLBACK_WINDOW_SEC: int(300, 10, 3600), // HTTP callback timestamps older or newer than this are refused
  SEND_TIMEOUT_MS: int(10_000, 100, 120_000), // one request to a platform send API or webhook

  // Web console (网页控制台): how long a sign-in lasts.
  CONSOLE_SESSION_HOURS: int(12, 1, 720),

  // 代表码 (deputy QR code) public pages: abuse limits and the notice throttle.
  CODE_RATE_PER_IP: int(30, 1, 100000), // submissions per IP per window (village NATs share an IP)
  CODE_RATE_PER_DEVICE: int(5, 1, 10000), // submissions per device (cookie) per window
  CODE_RATE_WINDOW_MIN: int(60, 1, 1440),
  CODE_MAX_TEXT_CHARS: int(1000, 50, 5000),
  CODE_DUPLICATE_WINDOW_MIN: int(30, 1, 1440),
  CODE_NOTIFY_THROTTLE_MIN: int(30, 0, 1440),
  CODE_HASH_SALT: optionalString, // salt for stored IP/device hashes; random per process when unset

  // 公示: categories about one person's circumstances, kept off the public pages unless staff show a matter.
  PUBLIC_HIDDEN_CATEGORIES: z
    .string()
    .default("就业社保,养老助残")
    .transform((v) =>
      v
        .split(/[,，、]/)
        .map((c) => c.trim())
        .filter(Boolean),
    ),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config extends Omit<RawConfig, "DATA_DIR"> {
  DATA_DIR: string;
}

export class ConfigError extends Error {}

/** Variables whose values are secrets (or may embed one, like a password in DATABASE_URL). */
const SECRET_VARIABLES = new Set([
  "ADMIN_TOKEN",
  "DATABASE_URL",
  "WECOM_BOT_SECRET",
  "WECOM_BOT_TOKEN",
  "WECOM_BOT_ENCODING_AES_KEY",
  "DINGTALK_CLIENT_SECRET",
]);

/** A bad value as echoed in the error: secrets by their length only, since the message goes to logs and terminals. */
function shown(name: string, value: string): string {
  return SECRET_VARIABLES.has(name) ? `（已隐藏，${[...value].length} 个字符）` : JSON.stringify(value);
}

/** Validates the environment; the error message is one line naming the variable and what it expects. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `配置错误：${i.path.join(".")}=${shown(String(i.path[0]), env[String(i.path[0])] ?? "")} ${i.message}`);
    throw new ConfigError(lines.join("\n"));
  }
  const c = parsed.data;
  if ((c.WECOM_BOT_ID === undefined) !== (c.WECOM_BOT_SECRET === undefined)) {
    throw new ConfigError("配置错误：WECOM_BOT_ID 与 WECOM_BOT_SECRET 需同时设置（企业微信长连接）");
  }
  if ((c.WECOM_BOT_TOKEN === undefined) !== (c.WECOM_BOT_ENCODING_AES_KEY === undefined)) {
    throw new ConfigError("配置错误：WECOM_BOT_TOKEN 与 WECOM_BOT_ENCODING_AES_KEY 需同时设置（企业微信回调）");
  }
  if ((c.DINGTALK_CLIENT_ID === undefined) !== (c.DINGTALK_CLIENT_SECRET === undefined)) {
    throw new ConfigError("配置错误：DINGTALK_CLIENT_ID 与 DINGTALK_CLIENT_SECRET 需同时设置（钉钉应用）");
  }
  if (c.SIMULATOR_ENABLED) simulatorStaysLocal(c);
  return { ...c, DATA_DIR: c.DATA_DIR.startsWith("memory://") ? c.DATA_DIR : path.resolve(c.DATA_DIR) };
}

/**
 * Anyone who reaches the simulator can speak as any official in it, so it runs only where nobody else can
 * reach it and no real platform is connected: listening on loopback, platform addresses (if set up) local.
 */
function simulatorStaysLocal(c: RawConfig): void {
  if (!isLoopbackHost(c.HOST)) {
    throw new ConfigError(
      `配置错误：SIMULATOR_ENABLED=true 时 HOST 只能是本机地址（127.0.0.1、::1 或 localhost），当前为 ${JSON.stringify(c.HOST)}。模拟器没有登录，不能对外开放`,
    );
  }
  const platforms: [string, boolean, Record<string, string>][] = [
    [
      "企业微信",
      c.WECOM_BOT_ID !== undefined || c.WECOM_BOT_TOKEN !== undefined,
      { WECOM_API_BASE: c.WECOM_API_BASE, ...(c.WECOM_BOT_ID ? { WECOM_WS_URL: c.WECOM_WS_URL } : {}) },
    ],
    ["钉钉", c.DINGTALK_CLIENT_ID !== undefined, { DINGTALK_API_BASE: c.DINGTALK_API_BASE }],
  ];
  for (const [name, configured, hosts] of platforms) {
    if (!configured) continue;
    const real = Object.entries(hosts).find(([, u]) => !isLoopbackHost(new URL(u).host));
    if (real) {
      throw new ConfigError(
        `配置错误：SIMULATOR_ENABLED=true 不能与真实平台同时使用：已配置${name}，${real[0]}=${JSON.stringify(real[1])}。生产环境请关闭模拟器`,
      );
    }
  }
}
