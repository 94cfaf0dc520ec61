// The official WXBizMsgCrypt vectors A and B (WeCom SDK samples, see the fact sheet) go
// through our signature check and strict decryption; tampered variants must fail.
import { createCipheriv } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AIBOT_RECEIVE_ID, decryptStrict, encryptMessage, verifySignature, WecomCryptoError } from "../../src/channels/wecom/crypto.ts";

const A = {
  token: "QDG6eK",
  key: "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
  receiveId: "wx5823bf96d3bd56c7",
};
const B = {
  token: "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo",
  key: "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt",
  receiveId: "ww1436e0e65a779aee",
};

const vectors = [
  {
    name: "A.1 URL verification",
    ...A,
    signature: "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3",
    timestamp: "1409659589",
    nonce: "263014780",
    encrypt: "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==",
    plain: "1616140317555161061",
  },
  {
    name: "A.2 message (XML)",
    ...A,
    signature: "477715d11cdb4164915debcba66cb864d751f3e6",
    timestamp: "1409659813",
    nonce: "1372623149",
    encrypt:
      "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==",
    plain:
      "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n<FromUserName><![CDATA[mycreate]]></FromUserName>\n<CreateTime>1409659813</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[hello]]></Content>\n<MsgId>4561255354251345929</MsgId>\n<AgentID>218</AgentID>\n</xml>",
  },
  {
    name: "A.3 message (JSON)",
    ...A,
    signature: "0623cbc5a8cbee5bcc137c70de99575366fc2af3",
    timestamp: "1409659813",
    nonce: "1372623149",
    encrypt:
      "CZWs4CWRpI4VolQlvn4dlEC1alN2MUEY2VklGehgBVLBrlVF7SyT+SV+Toj43l4ayJ9UMGKphktKKmP7B2j/P1ey67XB8PBgS7Wr5/8+w/yWriZv3Vmoo/MH3/1HsIWZrPQ3N2mJrelStIfI2Y8kLKXA7EhfZgZX4o+ffdkZDM76SEl79Ib9mw7TGjZ9Aw/x/A2VjNbV1E8BtEbRxYYcQippYNw7hr8sFfa3nW1xLdxokt8QkRX83vK3DFP2F6TQFPL2Tu98UwhcUpPvdJBuu1/yiOQIScppV3eOuLWEsko=",
    plain:
      '{"ToUserName":"wx5823bf96d3bd56c7","FromUserName":"mycreate","CreateTime": 1409659813,"MsgType":"text","Content":"hello","MsgId":4561255354251345929,"AgentID": 218}',
  },
  {
    name: "B.1 URL verification",
    ...B,
    signature: "012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb",
    timestamp: "1476416373",
    nonce: "47744683",
    encrypt: "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==",
    plain: "1288432023552776189",
  },
  {
    name: "B.2 message (XML)",
    ...B,
    signature: "0c3914025cb4b4d68103f6bfc8db550f79dcf48e",
    timestamp: "1476422779",
    nonce: "1597212914",
    encrypt:
      "Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+",
    plain:
      "<xml><ToUserName>ww1436e0e65a779aee</ToUserName><FromUserName>ChenJiaShun</FromUserName><CreateTime>1476422779</CreateTime><MsgType>text</MsgType><Content>你好</Content><MsgId>1456453720</MsgId><AgentID>1000002</AgentID></xml>",
  },
];

/** Flips one base64 character (keeps the string valid base64). */
function flipChar(s: string, at: number): string {
  const c = s[at];
  return s.slice(0, at) + (c === "A" ? "B" : "A") + s.slice(at + 1);
}

/** AES-256-CBC of raw plaintext bytes with the WeCom key/IV, no padding added: for forged paddings. */
function rawEncrypt(encodingAesKey: string, plaintext: Buffer): string {
  const key = Buffer.from(encodingAesKey + "=", "base64");
  const c = createCipheriv("aes-256-cbc", key, key.subarray(0, 16));
  c.setAutoPadding(false);
  return Buffer.concat([c.update(plaintext), c.final()]).toString("base64");
}

function frame(message: string, id: string): Buffer {
  const msg = Buffer.from(message);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msg.length);
  return Buffer.concat([Buffer.alloc(16, 7), len, msg, Buffer.from(id)]);
}

describe("official WXBizMsgCrypt vectors", () => {
  for (const v of vectors) {
    it(`${v.name}: signature verifies and decrypts with strict padding and receiveid`, () => {
      expect(verifySignature(v.token, v.timestamp, v.nonce, v.encrypt, v.signature)).toBe(true);
      expect(decryptStrict(v.key, v.encrypt, v.receiveId)).toBe(v.plain);
    });

    it(`${v.name}: tampered variants fail`, () => {
      // signature: one hex digit changed, wrong token, changed timestamp / nonce / ciphertext
      const badSig = v.signature.slice(0, -1) + (v.signature.endsWith("0") ? "1" : "0");
      expect(verifySignature(v.token, v.timestamp, v.nonce, v.encrypt, badSig)).toBe(false);
      expect(verifySignature(v.token + "x", v.timestamp, v.nonce, v.encrypt, v.signature)).toBe(false);
      expect(verifySignature(v.token, String(Number(v.timestamp) + 1), v.nonce, v.encrypt, v.signature)).toBe(false);
      expect(verifySignature(v.token, v.timestamp, v.nonce + "1", v.encrypt, v.signature)).toBe(false);
      expect(verifySignature(v.token, v.timestamp, v.nonce, flipChar(v.encrypt, 10), v.signature)).toBe(false);
      expect(verifySignature(v.token, v.timestamp, v.nonce, v.encrypt, v.signature.slice(0, 39))).toBe(false);
      // receiveid: the AI bot's "" or another corp's id is refused
      expect(() => decryptStrict(v.key, v.encrypt, AIBOT_RECEIVE_ID)).toThrow(WecomCryptoError);
      expect(() => decryptStrict(v.key, v.encrypt, "ww0000000000000000")).toThrow(WecomCryptoError);
      // ciphertext: a flipped byte in the last block breaks the padding; truncation breaks the blocks
      expect(() => decryptStrict(v.key, flipChar(v.encrypt, v.encrypt.length - 6), v.receiveId)).toThrow(WecomCryptoError);
      expect(() => decryptStrict(v.key, v.encrypt.slice(0, -8), v.receiveId)).toThrow(WecomCryptoError);
      // another key
      expect(() => decryptStrict(v.key === A.key ? B.key : A.key, v.encrypt, v.receiveId)).toThrow(WecomCryptoError);
    });
  }
});

describe("strict padding and framing", () => {
  const key = A.key;

  it('accepts our own AI-bot encryption with receiveid "" and round-trips Chinese text', () => {
    const enc = encryptMessage(key, '{"msgid":"1","text":{"content":"@机器人 路灯坏了"}}', "");
    expect(decryptStrict(key, enc, "")).toContain("路灯坏了");
  });

  it("refuses a plaintext padded in 16-byte blocks instead of 32", () => {
    const body = frame("x".repeat(20), ""); // 40 bytes: 16-padding gives 48, 32-padding 64
    const pad = 16 - (body.length % 16);
    const padded = Buffer.concat([body, Buffer.alloc(pad, pad)]);
    expect(padded.length % 32).not.toBe(0); // the sample is chosen so that 16- and 32-padding differ
    expect(() => decryptStrict(key, rawEncrypt(key, padded), "")).toThrow(WecomCryptoError);
  });

  it("refuses padding bytes that do not all equal the pad length", () => {
    const body = frame("hello", ""); // 25 bytes: 7 pad bytes
    const pad = 32 - (body.length % 32);
    const padded = Buffer.concat([body, Buffer.alloc(pad, pad)]);
    padded[padded.length - 2] = 0; // last byte still says `pad`
    expect(() => decryptStrict(key, rawEncrypt(key, padded), "")).toThrow(WecomCryptoError);
  });

  it("refuses a pad byte of 0 or above 32, which @wecom/crypto alone would silently accept", () => {
    const body = frame("x".repeat(11), "");
    const fill = 32 - (body.length % 32);
    const padded = Buffer.concat([body, Buffer.alloc(fill, 0)]);
    expect(() => decryptStrict(key, rawEncrypt(key, padded), "")).toThrow(WecomCryptoError);
    const padded2 = Buffer.concat([body, Buffer.alloc(fill, 33)]);
    expect(() => decryptStrict(key, rawEncrypt(key, padded2), "")).toThrow(WecomCryptoError);
  });

  it("refuses a msg_len that does not match the content", () => {
    const body = frame("hello", "");
    body.writeUInt32BE(3, 16); // claims 3 bytes: the rest would be read as receiveid "lo"
    const pad = 32 - (body.length % 32);
    expect(() => decryptStrict(key, rawEncrypt(key, Buffer.concat([body, Buffer.alloc(pad, pad)])), "")).toThrow(WecomCryptoError);
  });

  it("refuses garbage that is not base64 of whole blocks", () => {
    expect(() => decryptStrict(key, "not-base64!!", "")).toThrow(WecomCryptoError);
    expect(() => decryptStrict(key, Buffer.alloc(20, 1).toString("base64"), "")).toThrow(WecomCryptoError);
    expect(() => decryptStrict(key, "", "")).toThrow(WecomCryptoError);
  });
});
