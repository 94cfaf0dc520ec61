// One-time deputy binding codes: 8 characters without look-alikes (0/O, 1/I/L), stored only as a hash.
import { createHash, randomInt } from "node:crypto";

const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const BINDING_CODE_HOURS = 24;

export function newBindingCode(): string {
  return Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
}

export const hashBindingCode = (code: string) => createHash("sha256").update(code.trim().toUpperCase()).digest("hex");
