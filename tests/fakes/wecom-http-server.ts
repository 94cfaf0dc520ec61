// A fake qyapi.weixin.qq.com on 127.0.0.1: the AI bot's response_url
// (POST /cgi-bin/aibot/response?response_code=…, single use, doc 101138) and group robot
// webhooks (POST /cgi-bin/webhook/send?key=…, 20/min, doc 91770). Records every request;
// can be told to answer with rate-limit errors (HTTP 429 or errcode 45009).
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  kind: "response_url" | "webhook";
  /** response_code or webhook key. */
  id: string;
  body: any;
  status: number;
  errcode: number;
  at: number;
}

export type Failure = { status: 429 } | { errcode: number };

export class FakeWecomHttpServer {
  readonly requests: RecordedRequest[] = [];
  /** One-shot failures answered to the next webhook requests, in order. */
  webhookFailures: Failure[] = [];
  /** Failures answered to the n-th webhook request from now (1-based), e.g. {3: {errcode: 45009}}. */
  private scheduled = new Map<number, Failure>();
  private webhookCount = 0;
  /** Enforce WeCom's 20 messages/minute per webhook key. */
  enforceWebhookLimit = true;
  private server!: http.Server;
  private usedCodes = new Set<string>();
  private perKey = new Map<string, number[]>();

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", () => resolve()));
    return this.base;
  }

  get base(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Makes the n-th webhook request from now fail (1 = the next one). */
  failWebhookRequest(n: number, failure: Failure): void {
    this.scheduled.set(this.webhookCount + n, failure);
  }

  /** A fresh response_url as WeCom would put into a callback. */
  responseUrl(code = randomBytes(8).toString("hex")): string {
    return `${this.base}/cgi-bin/aibot/response?response_code=${code}`;
  }

  webhookUrl(key = randomBytes(8).toString("hex")): string {
    return `${this.base}/cgi-bin/webhook/send?key=${key}`;
  }

  delivered(kind?: RecordedRequest["kind"]): RecordedRequest[] {
    return this.requests.filter((r) => r.status === 200 && r.errcode === 0 && (!kind || r.kind === kind));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? "/", this.base);
    let body: any = null;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      body = null;
    }
    const answer = (kind: RecordedRequest["kind"], id: string, status: number, errcode: number, errmsg: string) => {
      this.requests.push({ kind, id, body, status, errcode, at: Date.now() });
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ errcode, errmsg }));
    };
    if (req.method !== "POST") return answer("webhook", "", 405, -1, "method");

    if (url.pathname === "/cgi-bin/aibot/response") {
      const code = url.searchParams.get("response_code") ?? "";
      if (!code || body === null) return answer("response_url", code, 200, 40058, "invalid request");
      if (this.usedCodes.has(code)) return answer("response_url", code, 200, 40029, "response_code already used");
      this.usedCodes.add(code);
      return answer("response_url", code, 200, 0, "ok");
    }
    if (url.pathname === "/cgi-bin/webhook/send") {
      const key = url.searchParams.get("key") ?? "";
      if (!key) return answer("webhook", key, 200, 93000, "invalid webhook url");
      this.webhookCount += 1;
      const failure = this.scheduled.get(this.webhookCount) ?? this.webhookFailures.shift();
      this.scheduled.delete(this.webhookCount);
      if (failure && "status" in failure) return answer("webhook", key, failure.status, -1, "too many requests");
      if (failure) return answer("webhook", key, 200, failure.errcode, "api freq out of limit");
      if (body === null || typeof body.msgtype !== "string") return answer("webhook", key, 200, 40008, "invalid message type");
      if (body.msgtype === "markdown" && Buffer.byteLength(body.markdown?.content ?? "") > 4096) {
        return answer("webhook", key, 200, 40058, "markdown.content exceed max length 4096");
      }
      if (this.enforceWebhookLimit) {
        const now = Date.now();
        const times = (this.perKey.get(key) ?? []).filter((t) => t > now - 60_000);
        if (times.length >= 20) return answer("webhook", key, 200, 45009, "api freq out of limit");
        this.perKey.set(key, [...times, now]);
      }
      return answer("webhook", key, 200, 0, "ok");
    }
    return answer("webhook", "", 404, -1, "not found");
  }
}
