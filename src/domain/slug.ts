import { randomBytes } from "node:crypto";

/** A short, unguessable, URL-safe id for a deputy's public page (/d/<slug>). */
export function deputySlug(): string {
  return randomBytes(6).toString("base64url");
}
