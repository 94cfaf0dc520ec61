// The opinion state table: which action may move an opinion from which states to which state.
// The database enforces it with guarded updates (WHERE status IN from); this table is the one source.
// The named status sets and the event labels live here too: import them, never retype the lists.
import { PUBLIC_EVENT_LABEL } from "./visibility.ts";

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
  | "extend" // 延期 (console)
  | "sign" // 签收 by the unit it was dispatched to
  | "return" // 退回 by the unit, with the reason: back to the station for re-dispatch
  | "requestExtension" // 申请延期 by the unit or the deputy, before the deadline
  | "approveExtension" // 批准延期 by station staff: the deadline in force moves
  | "refuseExtension" // 不予延期 by station staff: the deadline stays
  | "unitReply"; // 单位答复: the unit's answer to the deputy and station

/** States that still count as open work (for overdue and 待办). */
export const ACTIVE_STATUSES: Status[] = ["RECEIVED", "IN_PROGRESS"];
/** Open work plus a reply that is not yet closed: what may still be replied to, closed or extended. */
const UNSETTLED: Status[] = [...ACTIVE_STATUSES, "REPLIED"];
/** States after which the matter counts as 办结 in figures. */
export const CLOSED_STATUSES: Status[] = ["CLOSED", "RATED"];
/** Ended without being handled here: nothing more to do with them (no cosign, no merge into them). */
export const DISMISSED_STATUSES: Status[] = ["REJECTED", "TRANSFERRED"];

export const isActive = (status: Status): boolean => ACTIVE_STATUSES.includes(status);
export const isClosed = (status: Status): boolean => CLOSED_STATUSES.includes(status);
export const isDismissed = (status: Status): boolean => DISMISSED_STATUSES.includes(status);

export const TRANSITIONS: Record<Action, { from: Status[]; to: Status | "same" }> = {
  claim: { from: ACTIVE_STATUSES, to: "IN_PROGRESS" },
  assign: { from: ACTIVE_STATUSES, to: "IN_PROGRESS" },
  reply: { from: UNSETTLED, to: "REPLIED" },
  close: { from: UNSETTLED, to: "CLOSED" },
  answerOnSpot: { from: ["RECEIVED"], to: "CLOSED" },
  transfer: { from: ACTIVE_STATUSES, to: "TRANSFERRED" },
  reject: { from: ACTIVE_STATUSES, to: "REJECTED" },
  merge: { from: ACTIVE_STATUSES, to: "MERGED" },
  rate: { from: ["CLOSED"], to: "RATED" },
  reopen: { from: [...CLOSED_STATUSES, "REJECTED", "REPLIED"], to: "IN_PROGRESS" },
  extend: { from: UNSETTLED, to: "same" },
  sign: { from: ACTIVE_STATUSES, to: "same" },
  return: { from: ACTIVE_STATUSES, to: "same" },
  requestExtension: { from: UNSETTLED, to: "same" },
  approveExtension: { from: UNSETTLED, to: "same" },
  refuseExtension: { from: UNSETTLED, to: "same" },
  unitReply: { from: UNSETTLED, to: "same" },
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
  sign: "签收",
  return: "退回",
  requestExtension: "申请延期",
  approveExtension: "批准延期",
  refuseExtension: "不予延期",
  unitReply: "单位答复",
};

export function actionLabel(action: Action): string {
  return ACTION_LABEL[action];
}

/** Events that are not state actions: written on receipt, cosign, and on the original when another is merged into it. */
export const SIDE_EVENTS = ["receive", "cosign", "mergedFrom"] as const;
export type SideEvent = (typeof SIDE_EVENTS)[number];
const SIDE_EVENT_LABEL: Record<SideEvent, string> = { receive: "受理", cosign: "附议", mergedFrom: "合并入" };

/** The one label table for every `OpinionEvent.action`: state actions, side events and the 公示 switches. */
export const EVENT_LABEL: Readonly<Record<string, string>> = { ...ACTION_LABEL, ...SIDE_EVENT_LABEL, ...PUBLIC_EVENT_LABEL };

/** The Chinese label of a stored event; an unknown action (from an older version) is shown as stored. */
export function eventLabel(action: string): string {
  return Object.hasOwn(EVENT_LABEL, action) ? EVENT_LABEL[action]! : action;
}

/** Open work whose deadline (YYYY-MM-DD) has passed by `today`. */
export function isOverdue(status: Status, due: string | null | undefined, today: string): boolean {
  return !!due && isActive(status) && due < today;
}

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
  if (isClosed(current) || isDismissed(current)) {
    return `#${number} 已是「${state}」，不能再${actionLabel(action)}。`;
  }
  return `#${number} 目前「${state}」，不能${actionLabel(action)}。`;
}

/** Ratings that count as 满意 in figures (满意 and 基本满意). */
export const SATISFIED_RATINGS: readonly RatingValue[] = ["SATISFIED", "BASICALLY"];

/** 不满意 sends the matter back for re-handling; the other ratings settle it. */
export function statusAfterRating(rating: RatingValue): Status {
  return rating === "DISSATISFIED" ? "IN_PROGRESS" : "RATED";
}
