// The simulator has no sign-in, so it answers this machine only: a loopback peer that came through no
// proxy, naming a loopback host (a DNS-rebinding page names its own host), from a loopback page if any.
import type { RequestHandler } from "express";
import { isLoopbackAddress, isLoopbackHost } from "../../domain/loopback.ts";

const FORWARDING_HEADERS = ["x-forwarded-for", "forwarded", "x-real-ip"];

function fromThisMachine(req: Parameters<RequestHandler>[0]): boolean {
  if (!isLoopbackAddress(req.socket.remoteAddress)) return false;
  if (FORWARDING_HEADERS.some((h) => req.headers[h] !== undefined)) return false;
  if (!isLoopbackHost(req.headers.host ?? "")) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return isLoopbackHost(new URL(origin).host);
  } catch {
    return false;
  }
}

export const localOnly: RequestHandler = (req, res, next) => {
  if (fromThisMachine(req)) return next();
  res.status(403).json({ error: "群聊模拟器只接受本机访问（127.0.0.1 或 localhost），不能经代理或从其他电脑打开" });
};
