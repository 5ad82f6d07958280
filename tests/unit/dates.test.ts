import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatMonth,
  formatSpan,
  formatTime,
  localDay,
  parseDay,
  parseMonth,
} from '../../shared/dates';

describe('one date formatter for screens and records', () => {
  it('prints days the 公文 way, with the weekday when asked', () => {
    expect(formatDate('2026-12-01')).toBe('2026年12月1日');
    expect(formatDate('2026-12-05', 'zh-CN', { weekday: true })).toBe('2026年12月5日（星期六）');
    expect(formatDateTime('2026-11-30T19:00', 'zh-CN', { weekday: true })).toBe('2026年11月30日（星期一）19:00');
    expect(formatDateTime('2026-11-30T19:00')).toBe('2026年11月30日 19:00');
    expect(formatDate('2026-12-01', 'en', { weekday: true })).toBe('Tue 1 Dec 2026');
  });

  it('never shifts a calendar day or a typed local time by the time zone', () => {
    // "2026-12-01" parsed by Date is midnight UTC: the day before west of Greenwich. Ours is 1 December anywhere.
    expect(formatDate('2026-12-01')).toBe('2026年12月1日');
    expect(formatTime('2026-12-01T07:05')).toBe('07:05');
    expect(localDay('2027-01-31')).toBe('2027-01-31');
  });

  it('shows an instant on this machine’s clock', () => {
    const instant = new Date(2026, 11, 1, 19, 4);
    expect(formatDateTime(instant.toISOString())).toBe('2026年12月1日 19:04');
    expect(localDay(instant)).toBe('2026-12-01');
  });

  it('prints a span on one day with one date, across midnight with two', () => {
    const from = new Date(2026, 11, 1, 19, 4).toISOString();
    expect(formatSpan(from, new Date(2026, 11, 1, 21, 10).toISOString())).toBe('2026年12月1日 19:04—21:10');
    expect(formatSpan(from, new Date(2026, 11, 2, 0, 20).toISOString())).toBe(
      '2026年12月1日 19:04—2026年12月2日 00:20',
    );
    expect(formatSpan(from, null)).toBe('2026年12月1日 19:04');
  });

  it('hands back what it cannot read instead of "Invalid Date"', () => {
    expect(formatDate('not a date')).toBe('not a date');
    expect(formatTime(null)).toBe('');
  });
});

describe('dates as a secretary types them', () => {
  it('reads a day in the forms people write, in both languages, and gives back what the app shows', () => {
    for (const typed of [
      '2026-12-01',
      '2026/12/1',
      '2026.12.01',
      '2026年12月1日',
      ' 2026 年 12 月 1 日 ',
      '1 Dec 2026',
      'Dec 1, 2026',
      'December 1 2026',
    ])
      expect(parseDay(typed), typed).toBe('2026-12-01');
    // What the field shows reads back as the same day.
    expect(parseDay(formatDate('2026-12-01', 'zh-CN', { weekday: true }))).toBe('2026-12-01');
    expect(parseDay(formatDate('2026-12-01', 'en'))).toBe('2026-12-01');
  });

  it('refuses what is not a real day', () => {
    for (const typed of ['2026-02-30', '2026年13月1日', '12/01/2026', '1 Foo 2026', '', '明天', '0026-01-01'])
      expect(parseDay(typed), typed).toBeNull();
  });

  it('reads and prints a month', () => {
    for (const typed of ['2026-12', '2026/12', '2026年12月', 'Dec 2026', 'December 2026'])
      expect(parseMonth(typed)).toBe('2026-12');
    expect(parseMonth('2026-13')).toBeNull();
    expect(formatMonth('2026-12')).toBe('2026年12月');
    expect(formatMonth('2026-01', 'en')).toBe('Jan 2026');
  });
});
