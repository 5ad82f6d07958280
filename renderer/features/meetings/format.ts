import { i18n } from '../../i18n';

/** "2026-11-30T19:00" → "2026年11月30日 周一 19:00" (or the English equivalent). */
export function formatLocalDateTime(value: string): string {
  const date = new Date(value.length === 16 ? `${value}:00` : value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(i18n.language, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
}

/** "2036-11-23T…" → "2036年11月23日". */
export function formatDate(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(i18n.language, { year: 'numeric', month: 'long', day: 'numeric' }).format(date);
}

/** Today on this computer's clock, as a date input wants it: "2026-11-23". */
export const today = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
