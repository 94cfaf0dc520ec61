// Fake DingTalk OpenAPI + webhooks on 127.0.0.1, recording what the bot sent:
// - POST /v1.0/oauth2/accessToken                  tokens with a chosen lifetime
// - POST /v1.0/robot/groupMessages/send            checks the token header, robotCode, msgParam ≤ 15,000 bytes
// - POST /v1.0/robot/oToMessages/batchSend         1-on-1 sends
// - POST /robot/sendBySession?session=…            a message's sessionWebhook (can be expired: 300001)
// - POST /robot/send?access_token=…&timestamp&sign custom robots, signature checked, 20/min enforced (410100)
// Any endpoint can be told to answer the next N calls with a scripted error, and a custom robot
// to hold its requests unanswered (a hanging push address) until released.
import { createHmac } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export type FakeEndpoint = "token" | "groupMessages" | "oToMessages" | "session" | "robot";
export interface ScriptedAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface GroupSend {
  robotCode: string;
  openConversationId: string;
  msgKey: string;
  msgParam: Record<string, string>;
  token: string;
}
export interface DirectSend {
  robotCode: string;
  userIds: string[];
  msgKey: string;
  msgParam: Record<string, string>;
}
export interface WebhookPost {
  id: string;
  body: Record<string, any>;
}

export class FakeDingtalkApi {
  baseUrl = "";
  tokenCalls = 0;
  readonly groupSends: GroupSend[] = [];
  readonly directSends: DirectSend[] = [];
  readonly sessionPosts: WebhookPost[] = [];
  readonly robotPosts: WebhookPost[] = [];
  /** Every request that reached an endpoint, including refused ones. */
  readonly hits: Record<FakeEndpoint, number> = { token: 0, groupMessages: 0, oToMessages: 0, session: 0, robot: 0 };
  private readonly tokens = new Map<string, number>();
  private readonly expiredSessions = new Set<string>();
  private readonly robots = new Map<string, { secret?: string; sent: number[] }>();
  private readonly script: Record<FakeEndpoint, ScriptedAnswer[]> = { token: [], groupMessages: [], oToMessages: [], session: [], robot: [] };
  private tokenSeq = 0;
  private readonly hanging = new Set<string>();
  private held: { res: ServerResponse; post: WebhookPost }[] = [];

  /** Lifetime of the tokens issued from now on. */
  tokenTtlSec: number;

  constructor(private readonly opts: { appKey: string; appSecret: string; robotCode?: string; tokenTtlSec?: number }) {
    this.tokenTtlSec = opts.tokenTtlSec ?? 7200;
  }

  sessionWebhook(session: string): string {
    return `${this.baseUrl}/robot/sendBySession?session=${encodeURIComponent(session)}`;
  }
  expireSession(session: string): void {
    this.expiredSessions.add(session);
  }
  /** Registers a custom robot; returns its webhook URL. */
  customRobot(accessToken: string, secret?: string): string {
    this.robots.set(accessToken, { secret, sent: [] });
    return `${this.baseUrl}/robot/send?access_token=${encodeURIComponent(accessToken)}`;
  }
  /** This robot's requests are accepted and never answered until release(). */
  hang(accessToken: string): void {
    this.hanging.add(accessToken);
  }
  /** How many requests are held unanswered. */
  get heldCount(): number {
    return this.held.length;
  }
  /** Answers every held request (ok, recorded as posted) and stops holding. */
  release(): void {
    this.hanging.clear();
    for (const { res, post } of this.held.splice(0)) {
      if (res.destroyed || res.socket?.destroyed) continue; // the bot gave up waiting: not delivered
      this.robotPosts.push(post);
      reply(res, 200, { errcode: 0, errmsg: "ok" });
    }
  }
  /** The API forgets every token it issued (as after a secret reset). */
  revokeTokens(): void {
    this.tokens.clear();
  }
  failNext(endpoint: FakeEndpoint, answer: ScriptedAnswer, times = 1): void {
    for (let i = 0; i < times; i++) this.script[endpoint].push(answer);
  }
  /** All text the bot made visible in a conversation (group id / session id), in order. */
  textsIn(id: string): string[] {
    const fromWebhooks = [...this.sessionPosts, ...this.robotPosts].filter((p) => p.id === id).map((p) => webhookText(p.body));
    const fromApi = this.groupSends.filter((s) => s.openConversationId === id).map((s) => s.msgParam.text ?? s.msgParam.content ?? "");
    return [...fromWebhooks, ...fromApi];
  }

  /** Returns false when the path is not ours. */
  handle(req: IncomingMessage, res: ServerResponse, raw: string): boolean {
    const url = new URL(req.url ?? "/", "http://fake");
    const route: Record<string, FakeEndpoint> = {
      "/v1.0/oauth2/accessToken": "token",
      "/v1.0/robot/groupMessages/send": "groupMessages",
      "/v1.0/robot/oToMessages/batchSend": "oToMessages",
      "/robot/sendBySession": "session",
      "/robot/send": "robot",
    };
    const endpoint = route[url.pathname];
    if (!endpoint || req.method !== "POST") return false;
    this.hits[endpoint]++;
    const scripted = this.script[endpoint].shift();
    if (scripted) {
      reply(res, scripted.status, scripted.body, scripted.headers);
      return true;
    }
    let body: any;
    try {
      body = JSON.parse(raw);
    } catch {
      reply(res, 400, { code: "invalidParameter", message: "body is not JSON" });
      return true;
    }
    const token = url.searchParams.get("access_token") ?? "";
    if (endpoint === "robot" && this.hanging.has(token)) {
      this.held.push({ res, post: { id: token, body } });
      return true;
    }
    const answer = this[endpoint](body, req, url);
    reply(res, answer.status, answer.body);
    return true;
  }

  private token(body: any): ScriptedAnswer {
    this.tokenCalls++;
    if (body.appKey !== this.opts.appKey || body.appSecret !== this.opts.appSecret) {
      return { status: 400, body: { code: "invalidClientIdOrSecret", message: "无效的clientId或clientSecret" } };
    }
    const accessToken = `fake-token-${++this.tokenSeq}`;
    this.tokens.set(accessToken, Date.now() + this.tokenTtlSec * 1000);
    return { status: 200, body: { accessToken, expireIn: this.tokenTtlSec } };
  }

  private checkToken(req: IncomingMessage): string | undefined {
    const token = String(req.headers["x-acs-dingtalk-access-token"] ?? "");
    const expires = this.tokens.get(token);
    return expires !== undefined && expires > Date.now() ? token : undefined;
  }

  private groupMessages(body: any, req: IncomingMessage): ScriptedAnswer {
    const token = this.checkToken(req);
    if (!token) return { status: 401, body: { code: "InvalidAuthentication", message: "不合法的access_token" } };
    const bad = this.checkMessage(body);
    if (bad) return bad;
    if (!body.openConversationId) return { status: 400, body: { code: "invalid.openConversationId", message: "openConversationId 无效" } };
    this.groupSends.push({
      robotCode: body.robotCode,
      openConversationId: body.openConversationId,
      msgKey: body.msgKey,
      msgParam: JSON.parse(body.msgParam),
      token,
    });
    return { status: 200, body: { processQueryKey: `pqk-${this.groupSends.length}` } };
  }

  private oToMessages(body: any, req: IncomingMessage): ScriptedAnswer {
    if (!this.checkToken(req)) return { status: 401, body: { code: "InvalidAuthentication", message: "不合法的access_token" } };
    const bad = this.checkMessage(body);
    if (bad) return bad;
    if (!Array.isArray(body.userIds) || body.userIds.length === 0 || body.userIds.length > 20) {
      return { status: 400, body: { code: "invalidParameter.userIds", message: "userIds 无效" } };
    }
    this.directSends.push({ robotCode: body.robotCode, userIds: body.userIds, msgKey: body.msgKey, msgParam: JSON.parse(body.msgParam) });
    return { status: 200, body: { processQueryKey: `pqk-oto-${this.directSends.length}`, invalidStaffIdList: [], flowControlledStaffIdList: [] } };
  }

  private checkMessage(body: any): ScriptedAnswer | undefined {
    if (this.opts.robotCode && body.robotCode !== this.opts.robotCode)
      return { status: 400, body: { code: "invalidParameter.robotCode", message: "robotCode 无效" } };
    if (typeof body.msgKey !== "string" || typeof body.msgParam !== "string")
      return { status: 400, body: { code: "invalidParameter", message: "msgKey/msgParam" } };
    if (Buffer.byteLength(body.msgParam) > 15_000) return { status: 400, body: { code: "invalidParameter.msgParam.tooLong", message: "msgParam 过长" } };
    try {
      JSON.parse(body.msgParam);
    } catch {
      return { status: 400, body: { code: "invalidParameter.msgParam", message: "msgParam 不是 JSON" } };
    }
    return undefined;
  }

  private session(body: any, _req: IncomingMessage, url: URL): ScriptedAnswer {
    const session = url.searchParams.get("session") ?? "";
    if (this.expiredSessions.has(session)) return { status: 200, body: { errcode: 300001, errmsg: "session 已过期" } };
    this.sessionPosts.push({ id: session, body });
    return { status: 200, body: { errcode: 0, errmsg: "ok" } };
  }

  private robot(body: any, _req: IncomingMessage, url: URL): ScriptedAnswer {
    const accessToken = url.searchParams.get("access_token") ?? "";
    const robot = this.robots.get(accessToken);
    if (!robot) return { status: 200, body: { errcode: 300001, errmsg: "token is not exist" } };
    if (robot.secret) {
      const ts = url.searchParams.get("timestamp") ?? "";
      const sign = url.searchParams.get("sign") ?? "";
      const expected = createHmac("sha256", robot.secret).update(`${ts}\n${robot.secret}`).digest("base64");
      if (!/^\d+$/.test(ts) || Math.abs(Date.now() - Number(ts)) > 3_600_000 || sign !== expected) {
        return { status: 200, body: { errcode: 310000, errmsg: "sign not match" } };
      }
    }
    const now = Date.now();
    robot.sent = robot.sent.filter((t) => now - t < 60_000);
    if (robot.sent.length >= 20) return { status: 200, body: { errcode: 410100, errmsg: "send too fast, exceed 20 times per minute" } };
    robot.sent.push(now);
    this.robotPosts.push({ id: accessToken, body });
    return { status: 200, body: { errcode: 0, errmsg: "ok" } };
  }
}

export function webhookText(body: Record<string, any>): string {
  return body.markdown?.text ?? body.actionCard?.text ?? body.text?.content ?? "";
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}
