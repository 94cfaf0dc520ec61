// `npm run console:measure`: the console's size and speed over N opinions (default 5,000) on the
// embedded database: JS/CSS size (gzipped), page, ledger, export and statistics timings.
import { loadConfig } from "../src/config.ts";
import { createApp } from "../src/app.ts";
import { createLogger } from "../src/logger.ts";
import { consoleBundle } from "../src/console/bundle.ts";

const N = Number(process.argv[2] ?? 5000);
const TOKEN = "measure-admin-token-0123456789";
const config = loadConfig({
  DATA_DIR: "memory://",
  SEED_DEMO: "false",
  PORT: "0",
  HOST: "127.0.0.1",
  LOG_LEVEL: "silent",
  ADMIN_TOKEN: TOKEN,
  JOBS_ENABLED: "false",
});
const app = await createApp({ config, logger: createLogger("silent") });
const { port } = await app.start();
const base = `http://127.0.0.1:${port}`;
const db = app.db;

const CATEGORIES = ["道路交通", "市政设施", "环境卫生", "教育", "医疗卫生", "社会保障"];
const TEXTS = ["村口路灯坏了", "道路有大坑", "垃圾没人清运", "学校门口堵车", "卫生室缺药", "低保申请进度"];
const STATUSES = ["RECEIVED", "IN_PROGRESS", "REPLIED", "CLOSED", "RATED"] as const;
const stations = await Promise.all([1, 2, 3, 4].map((i) => db.station.create({ data: { name: `第${i}联络站` } })));
const groups = await Promise.all(
  stations.map((s, i) => db.group.create({ data: { platform: "simulator", chatId: `g${i}`, name: `第${i}村民声群`, stationId: s.id } })),
);
const unit = await db.unit.create({ data: { name: "县交通运输局" } });
const citizen = await db.citizen.create({ data: { name: "群众" } });
const day = 86_400_000;
const t0 = Date.now();
for (let start = 0; start < N; start += 1000) {
  await db.opinion.createMany({
    data: Array.from({ length: Math.min(1000, N - start) }, (_, k) => {
      const i = start + k;
      const status = STATUSES[i % STATUSES.length];
      const created = new Date(t0 - (i % 365) * day);
      const closed = status === "CLOSED" || status === "RATED";
      return {
        number: i + 1,
        text: `${TEXTS[i % TEXTS.length]}，第${i + 1}件，希望尽快解决`,
        category: CATEGORIES[i % CATEGORIES.length],
        status,
        channel: "chat",
        groupId: groups[i % 4].id,
        stationId: stations[i % 4].id,
        citizenId: citizen.id,
        unitId: i % 3 ? unit.id : null,
        dueDate: new Date(Date.UTC(created.getUTCFullYear(), created.getUTCMonth(), created.getUTCDate() + 18)),
        createdAt: created,
        ...(closed
          ? { closedAt: new Date(created.getTime() + (i % 20) * day), resultClass: (["A", "B", "C", "D"] as const)[i % 4], resultText: "已办理" }
          : {}),
        ...(status === "RATED" ? { rating: i % 7 ? "SATISFIED" : "DISSATISFIED", ratedAt: new Date(created.getTime() + 21 * day) } : {}),
      };
    }),
  });
}
await db.counter.create({ data: { name: "opinion", value: N } });

await fetch(`${base}/api/auth/bootstrap`, {
  method: "POST",
  headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
  body: JSON.stringify({ username: "measure", password: "measure-pass-2026" }),
});
const login = await fetch(`${base}/api/auth/login`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ username: "measure", password: "measure-pass-2026" }),
});
const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];

async function timed(path: string): Promise<{ ms: number; bytes: number }> {
  const s = performance.now();
  const res = await fetch(`${base}${path}`, { headers: { cookie } });
  const body = Buffer.from(await res.arrayBuffer());
  if (!res.ok) throw new Error(`${path}: ${res.status} ${body.toString().slice(0, 200)}`);
  return { ms: performance.now() - s, bytes: body.length };
}
async function median(path: string, runs = 5) {
  const first = await timed(path);
  const rest = [];
  for (let i = 0; i < runs; i++) rest.push((await timed(path)).ms);
  rest.sort((a, b) => a - b);
  return { first: first.ms, median: rest[Math.floor(rest.length / 2)], bytes: first.bytes };
}

const page = await median("/console/");
const bundle = await consoleBundle();
const rows: [string, string][] = [
  ["opinions", String(N)],
  ["JS (minified / gzip)", `${(bundle.js.length / 1024).toFixed(1)} KB / ${(bundle.gz.js / 1024).toFixed(1)} KB`],
  ["CSS (gzip)", `${(bundle.gz.css / 1024).toFixed(1)} KB`],
  ["GET /console (first incl. esbuild build / warm median)", `${page.first.toFixed(0)} ms / ${page.median.toFixed(1)} ms`],
];
for (const [label, path] of [
  ["ledger page 1 (50 rows + counts)", "/api/ledger"],
  ["ledger filtered (text search + station)", `/api/ledger?q=${encodeURIComponent("路灯")}&station=${stations[0].id}`],
  ["ledger overdue, sorted by deadline", "/api/ledger?overdue=true&sort=dueDate&order=asc"],
  ["statistics (12 months)", "/api/stats"],
  [`ledger export .xlsx (all ${N})`, "/api/ledger/export.xlsx"],
] as const) {
  const m = await median(path, path.includes("export") ? 2 : 5);
  rows.push([label, `first ${m.first.toFixed(0)} ms, median ${m.median.toFixed(0)} ms, ${(m.bytes / 1024).toFixed(0)} KB`]);
}
for (const [k, v] of rows) console.log(`${k.padEnd(58)} ${v}`);
await app.stop();
