/** A budget day: from local midnight to the next one in a time zone (23 or 25 hours long when clocks change). */
export interface BudgetDay {
  /** The local date, YYYY-MM-DD. */
  date: string;
  start: Date;
  end: Date;
}

function localParts(at: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
  };
}

/** How far the zone's wall clock is ahead of UTC at this instant, in ms. */
function offsetAt(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant the zone's wall clock shows 00:00 on this date (the offset is looked up twice, for days clocks change). */
function localMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day);
  let guess = wall - offsetAt(new Date(wall), timeZone);
  guess = wall - offsetAt(new Date(guess), timeZone);
  return new Date(guess);
}

const pad = (n: number) => String(n).padStart(2, "0");

export function budgetDayOf(at: Date, timeZone: string): BudgetDay {
  const p = localParts(at, timeZone);
  const start = localMidnight(p.year, p.month, p.day, timeZone);
  const next = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
  const end = localMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone);
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, start, end };
}

/** The budget days that end with the one holding `at`, oldest first. */
export function lastBudgetDays(at: Date, timeZone: string, count: number): BudgetDay[] {
  const days = [budgetDayOf(at, timeZone)];
  while (days.length < count) days.unshift(budgetDayOf(new Date(days[0]!.start.getTime() - 1), timeZone));
  return days;
}

/** "in 3 h 20 min" until the day's end. */
export function timeUntil(end: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((end.getTime() - now.getTime()) / 60_000));
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `in ${hours} h ${minutes % 60} min` : `in ${minutes} min`;
}
