import { formatDate as sharedDate, formatDateTime, type DateValue } from '../../../shared/dates';
import type { Locale } from '../../../shared/locale';
import { i18n } from '../../i18n';

const locale = () => (i18n.language === 'en' ? 'en' : 'zh-CN') satisfies Locale;

/** "2026-11-30T19:00" → "2026年11月30日（星期一）19:00" in the chosen language (shared/dates.ts decides the form). */
export const formatLocalDateTime = (value: DateValue) => formatDateTime(value, locale(), { weekday: true });

/** An instant (an audit event, a backup) → "2026年12月1日 21:45" on this computer's clock. */
export const formatMoment = (value: DateValue) => formatDateTime(value, locale());

/** "2036-11-23" or an instant → "2036年11月23日". */
export const formatDate = (value: DateValue) => sharedDate(value, locale());

/** Today on this computer's clock, as a date input wants it: "2026-11-23". */
export const today = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
