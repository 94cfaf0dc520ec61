// `npm run measure:code`: sizes and response times of the 代表码 pages on the embedded database.
// Starts the app in memory, seeds one deputy with handled matters, then measures over loopback.
import { gzipSync } from "node:zlib";
import { loadConfig } from "../src/config.ts";
import { createApp } from "../src/app.ts";
import { createLogger } from "../src/logger.ts";
import { deputySlug } from "../src/domain/slug.ts";

const RUNS = Number(process.env.RUNS ?? 30);
const config = loadConfig({
  DATA_DIR: "memory://",
  SEED_DEMO: "false",
  PORT: "0",
  HOST: "127.0.0.1",
  LOG_LEVEL: "silent",
  CODE_RATE_PER_IP: "100000",
  CODE_RATE_PER_DEVICE: "10000",
});
const app = await createApp({ config, logger: createLogger("silent") });
const { port } = await app.start();
const base = `http://127.0.0.1:${port}`;

const station = await app.db.station.create({
  data: {
    name: "东风镇代表联络站",
    address: "东风镇人民路8号",
    receptionSchedule: { kind: "monthly", day: 10, time: "09:00-11:30", place: "联络站一楼", deputyIds: [], holidayRule: "next-workday" },
  },
});
const deputy = await app.db.deputy.create({
  data: {
    name: "王建国",
    level: "COUNTY",
    duties: "县人大代表、东风村党支部书记",
    reception: "每月10日上午",
    slug: deputySlug(),
    stations: { create: [{ stationId: station.id }] },
  },
});

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

async function submit(i: number): Promise<{ ms: number; body: string }> {
  const start = process.hrtime.bigint();
  const res = await fetch(`${base}/d/${deputy.slug}`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: `rd_dev=measure-device-${String(i).padStart(8, "0")}`,
      "x-forwarded-for": `10.1.${i >> 8}.${i & 255}`,
    },
    body: new URLSearchParams({
      text: `第${i}条：东风村三组到镇上的路面坑洼很多，下雨天电动车经常摔倒，希望尽快修补。`,
      category: "道路交通",
      place: "东风村三组",
      website: "",
    }),
  });
  const body = await res.text();
  if (res.status !== 201) throw new Error(`submit answered ${res.status}`);
  return { ms: ms(start), body };
}

// The very first page view pays for the cold caches (dictionary, calendar, compiled queries).
const coldStart = process.hrtime.bigint();
await (await fetch(`${base}/d/${deputy.slug}`, { headers: { "accept-encoding": "identity" } })).text();
const coldDeputyPage = ms(coldStart);

// Handled matters make the deputy page and 公示 realistic.
const submits: number[] = [];
let followPath = "";
for (let i = 0; i < RUNS; i++) {
  const r = await submit(i);
  submits.push(r.ms);
  followPath ||= new URL(/id="follow" href="([^"]+)"/.exec(r.body)![1]!).pathname;
}
await app.db.opinion.updateMany({ where: { number: { lte: 10 } }, data: { status: "CLOSED", resultClass: "A", resultText: "已修补", closedAt: new Date() } });

const pages = [
  ["代表页 /d/<slug>", `/d/${deputy.slug}`],
  ["查询页 /f/<token>", followPath],
  ["公示页 /s/<id>", `/s/${station.id}`],
  ["海报 /d/<slug>/poster", `/d/${deputy.slug}/poster`],
  ["二维码 qr.svg", `/d/${deputy.slug}/qr.svg`],
  ["二维码 qr.png", `/d/${deputy.slug}/qr.png`],
] as const;

console.log(`| 页面 | 原始字节 | gzip 字节 | 首次响应 ms | 后续响应中位数 ms（${RUNS} 次） | p95 ms |`);
console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
for (const [name, path] of pages) {
  const times: number[] = [];
  let first = 0;
  let bytes = Buffer.alloc(0);
  for (let i = 0; i <= RUNS; i++) {
    const start = process.hrtime.bigint();
    const res = await fetch(`${base}${path}`, { headers: { "accept-encoding": "identity" } });
    bytes = Buffer.from(await res.arrayBuffer());
    if (i === 0) first = ms(start);
    else times.push(ms(start));
  }
  console.log(`| ${name} | ${bytes.length} | ${gzipSync(bytes).length} | ${first.toFixed(1)} | ${median(times).toFixed(1)} | ${p95(times).toFixed(1)} |`);
}
console.log(`\n进程启动后第一次打开代表页：${coldDeputyPage.toFixed(1)} ms`);
console.log(
  `提交（POST /d/<slug>，受理入库 + 通知入发件箱）：${RUNS} 次，首次 ${submits[0]!.toFixed(1)} ms，中位数 ${median(submits.slice(1)).toFixed(1)} ms，p95 ${p95(submits.slice(1)).toFixed(1)} ms`,
);
await app.stop();
