// WeCom send budgets (docs 101463, 91770): 30 msgs/min and 1,000/h per chat on the long connection;
// 20/min per group webhook. A send asks first and records only when it actually goes out, so a
// refused send costs nothing; when a budget is exhausted the caller returns {ok:false, retryAfterMs}.
import type { Window } from "../../domain/sliding-window.ts";

export const LONG_CONNECTION_WINDOWS: Window[] = [
  { limit: 30, windowMs: 60_000 },
  { limit: 1000, windowMs: 3_600_000 },
];
export const WEBHOOK_WINDOWS: Window[] = [{ limit: 20, windowMs: 60_000 }];
