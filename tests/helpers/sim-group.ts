// Conversational test helper: `await group.say("villager-1", "意见 路灯坏了")`.
export interface SimReply {
  text: string;
  title: string | null;
  buttons: { label: string; command: string }[];
  mentions: string[];
  card: string | null;
}

export class SimGroup {
  replies: SimReply[] = [];
  constructor(
    readonly baseUrl: string,
    readonly chatId: string,
    readonly chatName = "测试村民群",
    readonly chatType: "group" | "direct" = "group",
  ) {}

  async send(senderId: string, text: string, opts: { mention?: boolean; name?: string; messageId?: string } = {}) {
    const res = await fetch(`${this.baseUrl}/api/simulator/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        chatId: this.chatId,
        chatName: this.chatName,
        chatType: this.chatType,
        senderId,
        senderName: opts.name ?? senderId,
        text,
        mentionsBot: opts.mention ?? true,
        ...(opts.messageId ? { messageId: opts.messageId } : {}),
      }),
    });
    const body = (await res.json()) as { replies: SimReply[]; duplicate: boolean; ignored: boolean; error?: string };
    if (res.ok) this.replies.push(...body.replies);
    return { status: res.status, ...body };
  }

  /** Says something and returns the bot's single reply text. */
  async say(senderId: string, text: string, opts: { mention?: boolean; name?: string } = {}): Promise<string> {
    const r = await this.send(senderId, text, opts);
    if (r.status !== 200) throw new Error(`simulator answered ${r.status}: ${JSON.stringify(r)}`);
    return r.replies.map((x) => x.text).join("\n---\n");
  }

  lastReply(): string {
    return this.replies.at(-1)?.text ?? "";
  }

  async transcript(): Promise<{ direction: string; senderId: string | null; text: string; kind: string | null }[]> {
    const res = await fetch(`${this.baseUrl}/api/simulator/chats/${encodeURIComponent(this.chatId)}/messages`);
    return ((await res.json()) as { messages: any[] }).messages;
  }
}

/** The opinion number in a receipt ("编号 #27"). */
export function numberIn(text: string): number {
  const m = /#(\d+)/.exec(text);
  if (!m) throw new Error(`no opinion number in: ${text}`);
  return Number(m[1]);
}
