import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Router, type Response } from "express";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Inbox } from "../../bot/inbox.ts";
import { validate } from "../../http/validate.ts";
import type { ApiOperation } from "../../http/openapi.ts";
import { plainText, renderPlain } from "../../domain/plain-text.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const files = {
  "/": { type: "html", body: readFileSync(path.join(here, "page.html"), "utf8") },
  "/page.js": { type: "text/javascript; charset=utf-8", body: readFileSync(path.join(here, "page.js"), "utf8") },
  "/page.css": { type: "text/css; charset=utf-8", body: readFileSync(path.join(here, "page.css"), "utf8") },
};
// Only the page's own files and API calls: no inline script or style, no plugins, no framing, no form posts.
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function secure(res: Response) {
  res.setHeader("content-security-policy", CSP);
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("referrer-policy", "no-referrer");
  res.setHeader("cache-control", "no-store");
}

const afterQuery = z.object({ after: z.coerce.number().int().min(0).max(2_147_483_647).default(0) });

export const messageSchema = z.object({
  chatId: z.string().trim().min(1).max(128),
  chatName: z.string().trim().max(100).optional(),
  chatType: z.enum(["group", "direct"]).default("group"),
  senderId: z.string().trim().min(1).max(128),
  senderName: z.string().trim().max(64).optional(),
  text: z.string().max(20_000),
  mentionsBot: z.boolean().default(false),
  messageId: z.string().trim().min(1).max(128).optional(),
  quote: z.string().max(2000).optional(),
});

/** The simulator's /api operations, for the OpenAPI document. */
export const SIMULATOR_API: readonly ApiOperation[] = [
  {
    method: "post",
    path: "/api/simulator/messages",
    tag: "模拟器",
    summary: "向模拟器发一条群消息（仅 SIMULATOR_ENABLED，仅本机访问）",
    access: "public",
    body: messageSchema,
  },
  { method: "get", path: "/api/simulator/chats/{chatId}/messages", tag: "模拟器", summary: "模拟器群的消息记录", access: "public" },
];

export function simulatorRoutes(deps: { db: Db; inbox: Inbox }): { page: Router; api: Router } {
  const { db, inbox } = deps;
  const api = Router();

  api.post("/messages", async (req, res) => {
    const m = validate(messageSchema, req.body);
    const messageId = m.messageId ?? randomUUID();
    const direct = m.chatType === "direct";
    await db.simulatorLine.create({ data: { chatId: m.chatId, direction: "in", senderId: m.senderId, senderName: m.senderName, text: m.text } });
    const result = await inbox.receive({
      platform: "simulator",
      messageId,
      chatId: m.chatId,
      chatType: m.chatType,
      chatName: m.chatName,
      senderId: m.senderId,
      senderName: m.senderName,
      text: m.text,
      addressedToBot: m.mentionsBot || direct,
      sentAt: new Date(),
      ...(m.quote ? { quote: m.quote } : {}),
    });
    const handled = await result.handled;
    const replies = (handled?.replies ?? []).map((r) => ({
      text: renderPlain(r),
      title: r.title ? plainText(r.title) : null,
      buttons: r.buttons ?? [],
      mentions: r.mentions ?? [],
      card: r.card ?? null,
    }));
    res.json({ messageId, duplicate: result.duplicate, ignored: result.ignored, replies });
  });

  api.get("/chats/:chatId/messages", async (req, res) => {
    const { after } = validate(afterQuery, req.query);
    const lines = await db.simulatorLine.findMany({ where: { chatId: req.params.chatId, id: { gt: after } }, orderBy: { id: "asc" }, take: 500 });
    res.json({
      messages: lines.map((l) => ({
        id: l.id,
        direction: l.direction,
        senderId: l.senderId,
        senderName: l.senderName,
        text: l.text,
        buttons: (l.payload as { buttons?: unknown[] } | null)?.buttons ?? [],
        kind: (l.payload as { kind?: string } | null)?.kind ?? null,
        at: l.createdAt,
      })),
    });
  });

  api.get("/roster", async (_req, res) => {
    const ids = await db.identity.findMany({
      where: { platform: "simulator", OR: [{ deputyId: { not: null } }, { staffId: { not: null } }] },
      include: { deputy: true, staff: true },
      orderBy: { id: "asc" },
    });
    const officials = ids.map((i) => ({
      senderId: i.userId,
      name: i.staff?.name ?? i.deputy?.name ?? i.displayName ?? i.userId,
      role: i.staff ? (i.staff.role === "ADMIN" ? "管理员" : "工作人员") : "代表",
    }));
    const citizens = [
      { senderId: "villager-zhang", name: "张大爷", role: "群众" },
      { senderId: "villager-li", name: "李阿姨", role: "群众" },
      { senderId: "villager-wang", name: "王师傅", role: "群众" },
    ];
    const groups = await db.group.findMany({ where: { platform: "simulator" }, include: { station: true }, orderBy: { id: "asc" } });
    res.json({ people: [...citizens, ...officials], chats: groups.map((g) => ({ chatId: g.chatId, name: g.name, station: g.station?.name ?? null })) });
  });

  const pageRouter = Router();
  for (const [route, file] of Object.entries(files)) {
    pageRouter.get(route, (_req, res) => {
      secure(res);
      res.type(file.type).send(file.body);
    });
  }
  return { page: pageRouter, api };
}
