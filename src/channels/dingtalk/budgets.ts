// DingTalk send budgets, kept in memory: we refuse early (the outbox retries later) rather than let
// the platform throttle us, which for custom robots means ten minutes of silence.
import type { Window } from "../../domain/sliding-window.ts";

export const BUDGETS = {
  /** 20 QPS per app per OpenAPI: https://open.dingtalk.com/document/orgapp/invocation-frequency-limit */
  api: { limit: 20, windowMs: 1_000 },
  /** 20 messages a minute per custom robot: https://open.dingtalk.com/document/orgapp/custom-robot-access */
  customRobot: { limit: 20, windowMs: 60_000 },
} satisfies Record<string, Window>;
