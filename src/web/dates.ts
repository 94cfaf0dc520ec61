// How the public pages write dates: day and time in the bot's time zone.
export function publicDates(tz: string) {
  return {
    day: new Intl.DateTimeFormat("zh-CN", { timeZone: tz, month: "long", day: "numeric" }),
    dayTime: new Intl.DateTimeFormat("zh-CN", { timeZone: tz, month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false }),
    ymd: new Intl.DateTimeFormat("zh-CN", { timeZone: tz, year: "numeric", month: "long", day: "numeric" }),
    // Calendar dates (UTC midnight of the day) are formatted in UTC so no time zone shifts them.
    calendarDate: new Intl.DateTimeFormat("zh-CN", { timeZone: "UTC", year: "numeric", month: "long", day: "numeric" }),
  };
}
export type PublicDates = ReturnType<typeof publicDates>;
