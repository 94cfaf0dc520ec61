// An outbox row's payload back as an OutboundMessage. Parts are stored as JSON and read back as
// parts, so people's text stays marked as such across a restart; rows written before parts
// existed (a plain string body, masked at enqueue by the old code) still deliver.
import type { OutboundMessage } from "../channels/types.ts";
import { fromStored } from "../domain/rich-text.ts";

export function storedMessage(payload: unknown): OutboundMessage {
  const p = (payload ?? {}) as Record<string, unknown> & Partial<OutboundMessage>;
  const fields = Array.isArray(p.fields)
    ? p.fields.map((f: { label?: unknown; value?: unknown }) => ({ label: String(f.label ?? ""), value: fromStored(f.value) }))
    : undefined;
  return {
    ...p,
    body: fromStored(p.body),
    ...(p.title !== undefined ? { title: fromStored(p.title) } : {}),
    ...(fields ? { fields } : {}),
  } as OutboundMessage;
}
