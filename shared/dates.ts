import { z } from 'zod';
import type { Locale } from './locale';

/**
 * Dates as people read them — 2026年12月1日, 2026年12月1日（星期二）19:30 — from one formatter for every screen
 * and every record. A value is a calendar day ("2026-12-01"), a local date-time as a datetime-local field gives
 * it ("2026-12-01T19:30"), an instant ("2026-12-01T11:30:00.000Z", shown on this machine's clock) or a Date.
 * Days and local date-times are never shifted by the time zone: "2026-12-01" is 1 December everywhere.
 */
export type DateValue = string | Date;

type Parts = { year: number; month: number; day: number; hour: number | null; minute: number | null };

const localForm = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/;

function partsOf(value: DateValue): Parts | null {
  const local = typeof value === 'string' ? localForm.exec(value) : null;
  if (local) {
    const [, y, m, d, hh, mm] = local;
    return {
      year: Number(y),
      month: Number(m),
      day: Number(d),
      hour: hh === undefined ? null : Number(hh),
      minute: mm === undefined ? null : Number(mm),
    };
  }
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return null;
  return {
    year: date.getFullYear(),
    month: date.getMonth() + 1,
    day: date.getDate(),
    hour: date.getHours(),
    minute: date.getMinutes(),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const zhWeekdays = ['日', '一', '二', '三', '四', '五', '六'];
const enWeekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const enMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const weekdayOf = (p: Parts) => new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();

function dayText(p: Parts, locale: Locale, weekday: boolean): string {
  if (locale === 'en') {
    return `${weekday ? `${enWeekdays[weekdayOf(p)]} ` : ''}${p.day} ${enMonths[p.month - 1]} ${p.year}`;
  }
  return `${p.year}年${p.month}月${p.day}日${weekday ? `（星期${zhWeekdays[weekdayOf(p)]}）` : ''}`;
}

type Options = { weekday?: boolean };

/** "2026年12月1日", with `weekday` "2026年12月1日（星期二）"; English "1 Dec 2026". Unreadable input comes back as is. */
export function formatDate(value: DateValue, locale: Locale = 'zh-CN', { weekday = false }: Options = {}): string {
  const p = partsOf(value);
  return p ? dayText(p, locale, weekday) : String(value);
}

/** "19:30" on this machine's clock (empty for a bare day or nothing). */
export function formatTime(value: DateValue | null | undefined): string {
  const p = value ? partsOf(value) : null;
  return p && p.hour !== null ? `${pad(p.hour)}:${pad(p.minute!)}` : '';
}

/** "2026年12月1日（星期二）19:30" (no weekday unless asked; a bare day prints without a time). */
export function formatDateTime(value: DateValue, locale: Locale = 'zh-CN', options: Options = {}): string {
  const p = partsOf(value);
  if (!p) return String(value);
  const time = formatTime(value);
  const day = dayText(p, locale, options.weekday ?? false);
  if (!time) return day;
  return locale === 'en' || !options.weekday ? `${day} ${time}` : `${day}${time}`;
}

/**
 * A span of time as the records print it: "2026年12月1日（星期二）19:04—21:10", or both days in full when it runs
 * past midnight. `to` may be missing (the meeting is still running).
 */
export function formatSpan(
  from: DateValue,
  to: DateValue | null | undefined,
  locale: Locale = 'zh-CN',
  options: Options = {},
): string {
  const start = formatDateTime(from, locale, options);
  if (!to) return start;
  return localDay(from) === localDay(to)
    ? `${start}—${formatTime(to)}`
    : `${start}—${formatDateTime(to, locale, options)}`;
}

/** "2026-12-01": the day as a key to store, compare and put in file names (on this machine's clock). */
export function localDay(value: DateValue): string {
  const p = partsOf(value);
  if (!p) throw new RangeError(`not a date: ${String(value)}`);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** A printed day and a time as one phrase: "2026年12月1日（星期二）19:04—21:10", "2026年12月1日 19:04". */
export const dayAndTime = (day: string, time: string) =>
  [day, time].filter(Boolean).join(day.endsWith('）') ? '' : ' ');

const monthNames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const monthOf = (word: string) => monthNames.indexOf(word.slice(0, 3).toLowerCase()) + 1;

/** A real calendar day (no 2月30日) as "YYYY-MM-DD", or null. */
function dayKey(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = year >= 1900 && year <= 2999 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? `${year}-${pad(month)}-${pad(day)}` : null;
}

const dayForm = /^(\d{4})-(\d{2})-(\d{2})$/;
const isDay = (value: string) => {
  const m = dayForm.exec(value);
  return m !== null && dayKey(Number(m[1]), Number(m[2]), Number(m[3])) === value;
};

/**
 * The date fields of the contract, one definition each, so that no channel takes "2026-02-31", "2026-13-45" or
 * "T99:99" (a regex alone did: the first answered 500 from `new Date(…).toISOString()`, the last was printed in
 * signed minutes). They accept exactly what the screens' date fields produce (parseDay, parseMonth: the years
 * 1900–2999); the message names the field (shared/validation.ts, `invalid_date` and its kin).
 */
export const Day = z.string().refine(isDay, { message: 'invalid_date' });
/** A local date-time as a datetime-local field gives it: "2026-11-23T19:30", never shifted by the time zone. */
export const LocalDateTime = z.string().refine(
  (value) => {
    const m = /^(.{10})T(\d{2}):(\d{2})$/.exec(value);
    return m !== null && isDay(m[1]!) && Number(m[2]) <= 23 && Number(m[3]) <= 59;
  },
  { message: 'invalid_date_time' },
);
/** A month as the statistics choose it: "2026-12". */
export const Month = z.string().refine((value) => /^\d{4}-\d{2}$/.test(value) && isDay(`${value}-01`), {
  message: 'invalid_month',
});

/**
 * What a secretary types into a date field, in either language, as "YYYY-MM-DD" (null when it is not a real day):
 * "2026-12-01", "2026/12/1", "2026.12.1", "2026年12月1日", "1 Dec 2026", "Dec 1, 2026", "December 1 2026".
 */
export function parseDay(text: string): string | null {
  const s = text.trim().replace(/（.*?）|\(.*?\)/g, '');
  const numeric = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  if (numeric) return dayKey(Number(numeric[1]), Number(numeric[2]), Number(numeric[3]));
  const dayFirst = /^(\d{1,2})\s+([a-z]+)\.?,?\s+(\d{4})$/i.exec(s);
  if (dayFirst && monthOf(dayFirst[2]!)) return dayKey(Number(dayFirst[3]), monthOf(dayFirst[2]!), Number(dayFirst[1]));
  const monthFirst = /^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/i.exec(s);
  if (monthFirst && monthOf(monthFirst[1]!))
    return dayKey(Number(monthFirst[3]), monthOf(monthFirst[1]!), Number(monthFirst[2]));
  return null;
}

/** A month typed as "2026-12", "2026/12", "2026年12月", "Dec 2026" or "December 2026" → "2026-12", or null. */
export function parseMonth(text: string): string | null {
  const s = text.trim();
  const numeric = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(s);
  const named = /^([a-z]+)\.?,?\s+(\d{4})$/i.exec(s);
  const [year, month] = numeric
    ? [Number(numeric[1]), Number(numeric[2])]
    : named && monthOf(named[1]!)
      ? [Number(named[2]), monthOf(named[1]!)]
      : [0, 0];
  return dayKey(year, month, 1)?.slice(0, 7) ?? null;
}

/** "2026-12" → "2026年12月"; English "Dec 2026". */
export function formatMonth(month: string, locale: Locale = 'zh-CN'): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  return locale === 'en' ? `${enMonths[Number(m[2]) - 1]} ${m[1]}` : `${m[1]}年${Number(m[2])}月`;
}
