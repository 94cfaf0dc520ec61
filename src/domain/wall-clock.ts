// Wall-clock arithmetic in BOT_TIMEZONE, independent of the process TZ: local dates, local times
// turned into instants, ISO weeks, and the previous/next firing of a cron expression.
import cron from "node-cron";
import { localDate, type DateString } from "./workdays.ts";

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function parts(instant: Date, tz: string) {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(tz, f);
  }
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour), minute: Number(p.minute), second: Number(p.second) };
}

export const addDays = (d: DateString, n: number): DateString => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** 1 = Monday … 7 = Sunday. */
export const isoWeekday = (d: DateString): number => ((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** The instant at which the wall clock in tz shows `d` `hh:mm`. */
export function zonedInstant(d: DateString, hour: number, minute: number, tz: string): Date {
  const wanted = Date.parse(`${d}T00:00:00Z`) + (hour * 60 + minute) * 60_000;
  // Two passes settle the offset, also across a DST change.
  let guess = wanted;
  for (let i = 0; i < 2; i++) {
    const p = parts(new Date(guess), tz);
    const shown = Date.parse(`${p.date}T00:00:00Z`) + ((p.hour * 60 + p.minute) * 60 + p.second) * 1000;
    guess += wanted - shown;
  }
  return new Date(guess);
}

/** Local midnight of a calendar date, as an instant. */
export const startOfDay = (d: DateString, tz: string): Date => zonedInstant(d, 0, 0, tz);

/** "2026-W48" for the ISO week containing d. */
export function isoWeek(d: DateString): string {
  const day = Date.parse(`${d}T00:00:00Z`) / DAY_MS;
  const thursday = day - isoWeekday(d) + 4;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1) / DAY_MS) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

interface Fields {
  minute: number[];
  hour: number[];
  dayOfMonth: number[];
  month: number[];
  dayOfWeek: number[];
}

function fieldsOf(expr: string): Fields {
  const f = cron.parse(expr);
  const nums = (xs: (number | string)[]) => xs.map(Number).filter((n) => Number.isFinite(n));
  return { minute: f.minute, hour: f.hour, dayOfMonth: nums(f.dayOfMonth), month: f.month, dayOfWeek: nums(f.dayOfWeek).map((n) => n % 7) };
}

function dayMatches(f: Fields, d: DateString): boolean {
  const [, m, day] = d.split("-").map(Number);
  return f.month.includes(m) && f.dayOfMonth.includes(day) && f.dayOfWeek.includes(isoWeekday(d) % 7);
}

/** Firing instants of the expression on a local date, ascending. */
function firingsOn(f: Fields, d: DateString, tz: string): Date[] {
  if (!dayMatches(f, d)) return [];
  const out: Date[] = [];
  for (const h of [...f.hour].sort((a, b) => a - b)) for (const m of [...f.minute].sort((a, b) => a - b)) out.push(zonedInstant(d, h, m, tz));
  return out;
}

const SEARCH_DAYS = 400;

/** The latest firing at or before `at` (within about a year), or null. */
export function previousFiring(expr: string, at: Date, tz: string): Date | null {
  const f = fieldsOf(expr);
  const today = localDate(at, tz);
  for (let i = 0; i < SEARCH_DAYS; i++) {
    const hit = firingsOn(f, addDays(today, -i), tz)
      .filter((t) => t <= at)
      .at(-1);
    if (hit) return hit;
  }
  return null;
}

/** The earliest firing strictly after `at`, or null. */
export function nextFiring(expr: string, at: Date, tz: string): Date | null {
  const f = fieldsOf(expr);
  const today = localDate(at, tz);
  for (let i = 0; i < SEARCH_DAYS; i++) {
    const hit = firingsOn(f, addDays(today, i), tz).find((t) => t > at);
    if (hit) return hit;
  }
  return null;
}
