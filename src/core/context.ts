import type { Config } from "../config.ts";
import type { Db, Tx } from "../db/client.ts";
import type { Logger } from "../logger.ts";
import { WorkCalendar, localDate } from "../domain/workdays.ts";
import { DEFAULT_KEYWORDS, mergeDictionaries } from "../domain/classify.ts";

/** What every use case needs: injected, so tests control the clock and the database. */
export interface CoreContext {
  db: Db;
  config: Config;
  logger: Logger;
  now(): Date;
  /** Today's date (YYYY-MM-DD) in BOT_TIMEZONE. */
  today(): string;
  /** Pass the open transaction when inside one: the embedded database has a single connection. */
  calendar(client?: Tx): Promise<WorkCalendar>;
  dictionary(client?: Tx): Promise<{ keywords: Record<string, string[]>; deadlineDays: Record<string, number>; categories: string[] }>;
  /** Drops cached calendar and dictionary after staff change them. */
  invalidate(): void;
  /** Tells the outbox worker that rows were committed. */
  nudgeOutbox(): void;
}

const CACHE_MS = 60_000;

export function createCoreContext(deps: { db: Db; config: Config; logger: Logger; now?: () => Date; nudgeOutbox?: () => void }): CoreContext {
  const now = deps.now ?? (() => new Date());
  let calendar: { at: number; value: Promise<WorkCalendar> } | undefined;
  let dictionary: { at: number; value: ReturnType<CoreContext["dictionary"]> } | undefined;
  const warnedYears = new Set<number>();
  // Timed on the injected clock, so tests that move it see the cache expire; a clock set back does not keep it forever.
  const fresh = (entry?: { at: number }) => entry && Math.abs(now().getTime() - entry.at) < CACHE_MS;

  return {
    db: deps.db,
    config: deps.config,
    logger: deps.logger,
    now,
    today: () => localDate(now(), deps.config.BOT_TIMEZONE),
    calendar(client = deps.db) {
      if (!fresh(calendar)) {
        const value = client.calendarDay.findMany().then(
          (days) =>
            new WorkCalendar({
              overrides: days.map((d) => ({ date: d.date, isWorkday: d.isWorkday, note: d.note ?? undefined })),
              onUncoveredYear: (year) => {
                if (warnedYears.has(year)) return;
                warnedYears.add(year);
                deps.logger.warn({ year }, `节假日数据未覆盖 ${year} 年：按周一至周五计算工作日，可在管理端补录节假日与调休`);
              },
            }),
        );
        value.catch(() => (calendar = undefined));
        calendar = { at: now().getTime(), value };
      }
      return calendar!.value;
    },
    dictionary(client = deps.db) {
      if (!fresh(dictionary)) {
        const value = client.category.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }] }).then((rows) => ({
          keywords: mergeDictionaries(DEFAULT_KEYWORDS, Object.fromEntries(rows.map((r) => [r.name, r.keywords]))),
          deadlineDays: Object.fromEntries(rows.filter((r) => r.deadlineDays).map((r) => [r.name, r.deadlineDays!])),
          categories: rows.map((r) => r.name),
        }));
        value.catch(() => (dictionary = undefined));
        dictionary = { at: now().getTime(), value };
      }
      return dictionary!.value;
    },
    invalidate() {
      calendar = undefined;
      dictionary = undefined;
    },
    nudgeOutbox: deps.nudgeOutbox ?? (() => {}),
  };
}
