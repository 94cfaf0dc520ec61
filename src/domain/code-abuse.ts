// Abuse rules for the public 代表码 form, as plain functions: the honeypot, what counts as
// "the same text", form limits, and the notice throttle (rate windows: sliding-window.ts).

/** The hidden field people never see: anything in it came from a bot. */
export function honeypotTripped(value: unknown): boolean {
  return typeof value === "string" ? value.trim() !== "" : value !== undefined;
}

/** Text compared for duplicates: width-folded, case-folded, without spaces and punctuation. */
export function normalizeForDuplicate(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, "");
}

export interface CodeForm {
  text: string;
  category?: string;
  place?: string;
  phone?: string;
}

export interface FormLimits {
  maxTextChars: number;
  categories: readonly string[];
}

const PHONE = /^[0-9+\-\s()（）]{5,20}$/;

/** Validates the submitted fields; errors are keyed by field with a Chinese message. */
export function checkCodeForm(
  raw: Record<string, unknown>,
  limits: FormLimits,
): { ok: true; value: CodeForm } | { ok: false; errors: Record<string, string>; value: CodeForm } {
  const str = (k: string) => (typeof raw[k] === "string" ? (raw[k] as string).trim() : "");
  const value: CodeForm = { text: str("text") };
  const category = str("category");
  const place = str("place");
  const phone = str("phone");
  if (category) value.category = category;
  if (place) value.place = place;
  if (phone) value.phone = phone;
  const errors: Record<string, string> = {};
  const chars = [...value.text].length;
  if (chars < 5) errors.text = "请写下您要反映的问题或建议（至少 5 个字）。";
  else if (chars > limits.maxTextChars) errors.text = `内容太长了（超过 ${limits.maxTextChars} 字），请精简后再提交。`;
  if (category && !limits.categories.includes(category)) errors.category = "请从列表中选择分类。";
  if ([...place].length > 100) errors.place = "地点请不超过 100 字。";
  if (phone && !PHONE.test(phone)) errors.phone = "电话号码格式不正确。";
  return Object.keys(errors).length ? { ok: false, errors, value } : { ok: true, value };
}

/** A notice goes out at most once per throttle window per deputy, so a flood arrives as one message. */
export function noticeDue(lastNoticeAt: Date | null, now: Date, throttleMs: number): boolean {
  return !lastNoticeAt || now.getTime() - lastNoticeAt.getTime() >= throttleMs;
}
