// The opinion state table: which action may move an opinion from which states to which state.
// The database enforces it with guarded updates (WHERE status IN from); this table is the one source.

export type Status = "RECEIVED" | "IN_PROGRESS" | "REPLIED" | "CLOSED" | "RATED" | "TRANSFERRED" | "REJECTED" | "MERGED";
export type ResultClass = "A" | "B" | "C" | "D";
export type RatingValue = "SATISFIED" | "BASICALLY" | "DISSATISFIED";

export type Action =
  | "claim" // 认领: a deputy takes it
  | "assign" // 转办: handed to a unit with a deadline
  | "reply" // 答复
  | "close" // 办结 with a result class
  | "answerOnSpot" // 当场答复: closed at once
  | "transfer" // 转信访
  | "reject" // 不予受理
  | "merge" // 合并 into another number
  | "rate" // 评价
  | "reopen" // staff reopen, or 不满意
  | "extend"; // 延期 (console)

const OPEN: Status[] = ["RECEIVED", "IN_PROGRESS"];

export const TRANSITIONS: Record<Action, { from: Status[]; to: Status | "same" }> = {
  claim: { from: ["RECEIVED", "IN_PROGRESS"], to: "IN_PROGRESS" },
  assign: { from: OPEN, to: "IN_PROGRESS" },
  reply: { from: ["RECEIVED", "IN_PROGRESS", "REPLIED"], to: "REPLIED" },
  close: { from: ["RECEIVED", "IN_PROGRESS", "REPLIED"], to: "CLOSED" },
  answerOnSpot: { from: ["RECEIVED"], to: "CLOSED" },
  transfer: { from: OPEN, to: "TRANSFERRED" },
  reject: { from: OPEN, to: "REJECTED" },
  merge: { from: OPEN, to: "MERGED" },
  rate: { from: ["CLOSED"], to: "RATED" },
  reopen: { from: ["CLOSED", "RATED", "REJECTED", "REPLIED"], to: "IN_PROGRESS" },
  extend: { from: ["RECEIVED", "IN_PROGRESS", "REPLIED"], to: "same" },
};

export const STATUS_LABEL: Record<Status, string> = {
  RECEIVED: "已受理",
  IN_PROGRESS: "办理中",
  REPLIED: "已答复",
  CLOSED: "已办结",
  RATED: "已评价",
  TRANSFERRED: "已转信访",
  REJECTED: "不予受理",
  MERGED: "已合并",
};

export const RESULT_LABEL: Record<ResultClass, string> = {
  A: "已解决或基本解决",
  B: "正在解决或列入计划",
  C: "因条件限制暂不能解决",
  D: "留作参考",
};

export const RATING_LABEL: Record<RatingValue, string> = {
  SATISFIED: "满意",
  BASICALLY: "基本满意",
  DISSATISFIED: "不满意",
};

const ACTION_LABEL: Record<Action, string> = {
  claim: "认领",
  assign: "转办",
  reply: "答复",
  close: "办结",
  answerOnSpot: "当场答复",
  transfer: "转信访",
  reject: "不予受理",
  merge: "合并",
  rate: "评价",
  reopen: "重新办理",
  extend: "延期",
};

export function actionLabel(action: Action): string {
  return ACTION_LABEL[action];
}

/** States that still count as open work (for overdue and 待办). */
export const ACTIVE_STATUSES: Status[] = ["RECEIVED", "IN_PROGRESS"];
/** Open work whose deadline (YYYY-MM-DD) has passed by `today`. */
export function isOverdue(status: Status, due: string | null | undefined, today: string): boolean {
  return !!due && ACTIVE_STATUSES.includes(status) && due < today;
}
/** States after which the matter counts as 办结 in figures. */
export const CLOSED_STATUSES: Status[] = ["CLOSED", "RATED"];

export function canTransition(action: Action, from: Status): boolean {
  return TRANSITIONS[action].from.includes(from);
}

export function targetStatus(action: Action, from: Status): Status {
  const to = TRANSITIONS[action].to;
  return to === "same" ? from : to;
}

/** Why an action is not allowed now, in one Chinese sentence for the chat. */
export function refusal(action: Action, current: Status, number: number): string {
  const state = STATUS_LABEL[current];
  if (action === "rate") {
    if (current === "RATED") return `#${number} 已评价过了，谢谢您的反馈。`;
    return `#${number} 目前「${state}」，办结后才能评价。`;
  }
  if (current === "MERGED") return `#${number} 已合并到其他编号，请对原编号操作。`;
  if (CLOSED_STATUSES.includes(current) || current === "TRANSFERRED" || current === "REJECTED") {
    return `#${number} 已是「${state}」，不能再${actionLabel(action)}。`;
  }
  return `#${number} 目前「${state}」，不能${actionLabel(action)}。`;
}

/** 不满意 sends the matter back for re-handling; the other ratings settle it. */
export function statusAfterRating(rating: RatingValue): Status {
  return rating === "DISSATISFIED" ? "IN_PROGRESS" : "RATED";
}
