// The checks a callback request must pass before its content is believed, in order: well-formed
// query and body (400) → signature, constant time (401) → timestamp window (401) → strict
// decryption with receiveid "" (400) → JSON (400). Pure: the clock comes in as `nowMs`.
import { AIBOT_RECEIVE_ID, decryptStrict, verifySignature, WecomCryptoError } from "./crypto.ts";
import { isFresh } from "./replay.ts";

export interface VerifyOptions {
  token: string;
  aesKey: string;
  nowMs: number;
}

export type Rejection = { ok: false; status: 400 | 401; reason: string };
type Verified<T> = ({ ok: true } & T) | Rejection;

class Reject extends Error {
  constructor(
    readonly status: 400 | 401,
    message: string,
  ) {
    super(message);
  }
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.length > 0 && v.length <= 4096 ? v : undefined;
}

function readQuery(query: Record<string, unknown>, withEcho: boolean) {
  const signature = str(query.msg_signature);
  const timestamp = str(query.timestamp);
  const nonce = str(query.nonce);
  // Base64 never contains spaces; a '+' that arrived un-encoded was decoded to ' '.
  const echostr = withEcho ? str(query.echostr)?.replace(/ /g, "+") : undefined;
  if (!signature || !/^[0-9a-fA-F]{40}$/.test(signature)) throw new Reject(400, "缺少或格式错误的 msg_signature");
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) throw new Reject(400, "缺少或格式错误的 timestamp");
  if (!nonce || nonce.length > 128) throw new Reject(400, "缺少或格式错误的 nonce");
  if (withEcho && !echostr) throw new Reject(400, "缺少 echostr");
  return { signature, timestamp, nonce, echostr: echostr ?? "" };
}

function authenticate(q: { signature: string; timestamp: string; nonce: string }, encrypted: string, opts: VerifyOptions): void {
  if (!verifySignature(opts.token, q.timestamp, q.nonce, encrypted, q.signature)) throw new Reject(401, "签名校验失败");
  if (!isFresh(q.timestamp, opts.nowMs)) throw new Reject(401, "时间戳超出允许范围（可能是重放）");
}

function open(encrypted: string, opts: VerifyOptions): string {
  try {
    return decryptStrict(opts.aesKey, encrypted, AIBOT_RECEIVE_ID);
  } catch (err) {
    throw new Reject(400, err instanceof WecomCryptoError ? `解密失败：${err.message}` : "解密失败");
  }
}

function verdict<T>(check: () => T): Verified<T> {
  try {
    return { ok: true, ...check() };
  } catch (err) {
    if (err instanceof Reject) return { ok: false, status: err.status, reason: err.message };
    throw err;
  }
}

/** URL verification (doc 101033, GET): the decrypted echostr to echo back. */
export function verifyUrl(query: Record<string, unknown>, opts: VerifyOptions): Verified<{ echo: string }> {
  return verdict(() => {
    const q = readQuery(query, true);
    authenticate(q, q.echostr, opts);
    return { echo: open(q.echostr, opts) };
  });
}

/** A message callback (doc 100719, POST {"encrypt": …}): its signature (which names the request) and decrypted JSON. */
export function verifyCallback(query: Record<string, unknown>, body: string, opts: VerifyOptions): Verified<{ signature: string; payload: unknown }> {
  return verdict(() => {
    const q = readQuery(query, false);
    let encrypted: unknown;
    try {
      encrypted = (JSON.parse(body) as { encrypt?: unknown }).encrypt;
    } catch {
      throw new Reject(400, "请求体不是 JSON");
    }
    if (typeof encrypted !== "string" || encrypted.length === 0) throw new Reject(400, "请求体缺少 encrypt");
    authenticate(q, encrypted, opts);
    const plain = open(encrypted, opts);
    try {
      return { signature: q.signature, payload: JSON.parse(plain) as unknown };
    } catch {
      throw new Reject(400, "解密后的内容不是 JSON");
    }
  });
}
