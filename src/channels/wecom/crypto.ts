// WeCom callback crypto (developer.work.weixin.qq.com/document/path/91144 "加解密方案说明"),
// built on the official @wecom/crypto package. That package neither checks the signature
// nor the receiveid nor the padding bytes, so this file adds exactly those checks.
import { timingSafeEqual } from "node:crypto";
import { decrypt, encrypt, getSignature } from "@wecom/crypto";

/** An internal AI bot (智能机器人) callback is encrypted with an empty receiveid. */
export const AIBOT_RECEIVE_ID = "";

export class WecomCryptoError extends Error {}

/** sha1(sort([token, timestamp, nonce, encrypt]).join("")), compared in constant time. */
export function verifySignature(token: string, timestamp: string, nonce: string, encrypted: string, signature: string): boolean {
  const expected = Buffer.from(getSignature(token, timestamp, nonce, encrypted), "utf8");
  const given = Buffer.from(signature.toLowerCase(), "utf8");
  // Lengths are public (always 40 hex chars); only the content comparison must not leak timing.
  if (given.length !== expected.length) return false;
  return timingSafeEqual(given, expected);
}

export function sign(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return getSignature(token, timestamp, nonce, encrypted);
}

/**
 * Decrypts and proves the ciphertext is exactly what a correct sender produces: re-encrypting
 * (random ‖ msg_len ‖ msg ‖ receiveid) with the same random must give the same bytes back.
 * Equality holds only when the PKCS#7 padding (32-byte blocks) is strict, msg_len is
 * consistent, the message is valid UTF-8 and the base64 is canonical. Then the receiveid is
 * compared with the expected one.
 */
export function decryptStrict(encodingAesKey: string, encrypted: string, receiveId: string): string {
  let opened: { message: string; id: string; random: Buffer };
  try {
    opened = decrypt(encodingAesKey, encrypted);
  } catch {
    throw new WecomCryptoError("无法解密");
  }
  let again: string;
  try {
    again = encrypt(encodingAesKey, opened.message, opened.id, opened.random);
  } catch {
    throw new WecomCryptoError("无法解密");
  }
  if (again !== encrypted) throw new WecomCryptoError("密文格式错误（填充或长度不符）");
  if (opened.id !== receiveId) throw new WecomCryptoError("receiveid 不符");
  return opened.message;
}

/** Encrypts a message the way WeCom does (used by the fake servers and tests). */
export function encryptMessage(encodingAesKey: string, message: string, receiveId: string, random?: Buffer): string {
  return encrypt(encodingAesKey, message, receiveId, random);
}
