// One loopback HTTP server for both fakes: DINGTALK_API_BASE serves the OpenAPI and the Stream gateway.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeDingtalkApi } from "./dingtalk-api.ts";
import { FakeDingtalkGateway } from "./dingtalk-gateway.ts";

export interface FakeDingtalk {
  baseUrl: string;
  api: FakeDingtalkApi;
  gateway: FakeDingtalkGateway;
  close(): Promise<void>;
}

export async function startFakeDingtalk(opts: { clientId: string; clientSecret: string; robotCode?: string; tokenTtlSec?: number }): Promise<FakeDingtalk> {
  const api = new FakeDingtalkApi({
    appKey: opts.clientId,
    appSecret: opts.clientSecret,
    robotCode: opts.robotCode ?? opts.clientId,
    tokenTtlSec: opts.tokenTtlSec,
  });
  const gateway = new FakeDingtalkGateway(opts);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      if (gateway.handle(req, res, raw) || api.handle(req, res, raw)) return;
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ code: "notFound" }));
    });
  });
  gateway.attach(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.baseUrl = baseUrl;
  gateway.baseUrl = baseUrl;
  return {
    baseUrl,
    api,
    gateway,
    async close() {
      gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
