// PostgreSQL refuses NUL in text and jsonb, and lone UTF-16 surrogates in jsonb; a message
// carrying them would fail to store forever (the platform keeps re-sending it). Control
// characters other than tab and newlines are never meaningful in chat text either.
// Everything that reaches the database from outside passes through here first.

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Drops control characters (keeps \t \n \r) and replaces lone surrogates with U+FFFD. */
export function storableText(s: string): string {
  return s.replace(CONTROL, "").replace(LONE_SURROGATE, "\uFFFD");
}

/** storableText applied to every string (and key) inside plain objects and arrays; other values are kept. */
export function storable<T>(value: T): T {
  if (typeof value === "string") return storableText(value) as T;
  if (Array.isArray(value)) return value.map((v) => storable(v)) as T;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storable(v)])) as T;
  }
  return value;
}
