// Inbound frames of the long connection → receive.ts → ingest. Frames are handled one at a time
// in arrival order. The long connection has no per-message ack to withhold, so when ingest
// throws we retry here (with backoff) instead of letting WeCom re-deliver.
import type { WsFrame } from "@wecom/aibot-node-sdk";
import type { Logger } from "pino";
import type { Ingest } from "../types.ts";
import { receiveWecomPayload } from "./receive.ts";
import { TtlSet } from "./replay.ts";

export interface WsInboundDeps {
  ingest: Ingest;
  logger: Logger;
  now: () => Date;
  /** Waits between ingest attempts (ms); the last failure is logged as an error. */
  retryDelaysMs?: number[];
}

export class WsInbound {
  private chain: Promise<void> = Promise.resolve();
  private readonly seen: TtlSet;
  private readonly log: Logger;
  private pending = 0;
  private stopped = false;

  constructor(private readonly deps: WsInboundDeps) {
    this.seen = new TtlSet(24 * 3_600_000, 50_000, () => deps.now().getTime());
    this.log = deps.logger.child({ transport: "long_connection" });
  }

  push(frame: WsFrame): void {
    this.pending += 1;
    this.chain = this.chain
      .then(() => this.handle(frame))
      .catch((err) => this.log.error({ err: err instanceof Error ? err.message : String(err) }, "处理企业微信长连接消息出错"))
      .finally(() => {
        this.pending -= 1;
      });
  }

  /** Waits until every frame received so far has been handled (used by stop()). */
  async drain(): Promise<void> {
    await this.chain;
  }

  stop(): void {
    this.stopped = true;
  }

  get backlog(): number {
    return this.pending;
  }

  private async handle(frame: WsFrame): Promise<void> {
    const delays = this.deps.retryDelaysMs ?? [500, 2_000, 5_000, 15_000];
    for (let attempt = 0; ; attempt++) {
      try {
        const r = await receiveWecomPayload(frame.body, {
          ingest: this.deps.ingest,
          seen: this.seen,
          logger: this.log,
          now: this.deps.now(),
          transport: "ws",
          reqId: frame.headers?.req_id,
        });
        if (r.status === "invalid") this.log.warn({ cmd: frame.cmd }, "长连接收到格式不符的回调，已忽略");
        return;
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        const msgid = (frame.body as { msgid?: unknown } | undefined)?.msgid;
        if (attempt >= delays.length || this.stopped) {
          this.log.error({ msgid, error, attempts: attempt + 1 }, "企业微信长连接消息多次保存失败，已放弃");
          return;
        }
        this.log.warn({ msgid, error, attempt: attempt + 1 }, "保存企业微信长连接消息失败，稍后重试");
        await new Promise((r) => setTimeout(r, delays[attempt]));
      }
    }
  }
}
