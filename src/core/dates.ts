// Calendar dates (YYYY-MM-DD) are stored in @db.Date columns as UTC midnight.
export const dateToDb = (d: string): Date => new Date(`${d}T00:00:00Z`);
export const dateFromDb = (d: Date): string => d.toISOString().slice(0, 10);

/** "12月9日" for chat replies. */
export function shortDate(d: string): string {
  const [, m, day] = d.split("-").map(Number);
  return `${m}月${day}日`;
}
