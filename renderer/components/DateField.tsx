import { enUS, zhCN } from 'react-day-picker/locale';
import { format } from 'date-fns';
import { DayPicker } from 'react-day-picker';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatMonth, parseDay, parseMonth } from '../../shared/dates';
import type { Locale } from '../../shared/locale';

type DateFieldProps = {
  label: string;
  /** "YYYY-MM-DD" (a day) or "YYYY-MM" (a month); "" when empty. */
  value: string;
  onChange(value: string): void;
  mode?: 'day' | 'month';
  name?: string;
  id?: string;
  required?: boolean;
  min?: string;
  max?: string;
  hint?: ReactNode;
};

const dayOf = (key: string) =>
  new Date(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, Number(key.slice(8, 10)) || 1);
const keyOf = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/**
 * A date or month in the secretary's language (2026年12月1日 / 1 Dec 2026, 2026年12月 / Dec 2026), typed or
 * picked from a calendar. The browser's own date inputs follow the operating system's locale, not the app's
 * (mm/dd/yyyy in a Chinese UI), so the text box is ours and the calendar is react-day-picker.
 */
export function DateField({
  label,
  value,
  onChange,
  mode = 'day',
  name,
  id,
  required,
  min,
  max,
  hint,
}: DateFieldProps) {
  const { t, i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const fieldId = id ?? `field-${name ?? label}`;
  const hintId = `${fieldId}-hint`;
  const panelId = useId();
  const show = (key: string) => (!key ? '' : mode === 'day' ? formatDate(key, locale) : formatMonth(key, locale));
  const parse = mode === 'day' ? parseDay : parseMonth;
  const [text, setText] = useState(() => show(value));
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  // A value set from outside (a reset, a loaded record, the other language) replaces what the box shows.
  useEffect(() => {
    if (parse(text) !== value || show(parse(text) ?? '') !== text) {
      if (document.activeElement !== input.current) setText(show(value));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only an outside change of value or language
  }, [value, locale]);

  const typed = text.trim() ? parse(text) : '';
  const example = show(mode === 'day' ? '2026-12-01' : '2026-12');
  const problem =
    typed === null
      ? t(mode === 'day' ? 'dateField.invalidDay' : 'dateField.invalidMonth', { example })
      : typed && min && typed < min
        ? t('dateField.tooEarly', { limit: show(min) })
        : typed && max && typed > max
          ? t('dateField.tooLate', { limit: show(max) })
          : '';
  useEffect(() => input.current?.setCustomValidity(problem), [problem]);

  const choose = (key: string) => {
    setText(show(key));
    onChange(key);
    setOpen(false);
    input.current?.focus();
  };
  const onPanelKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    // Esc closes the calendar only, not the dialog around it.
    event.preventDefault();
    event.stopPropagation();
    setOpen(false);
    toggle.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    const away = (event: Event) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    document.addEventListener('focusin', away);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('focusin', away);
    };
  }, [open]);

  const described = [hint ? hintId : '', problem && text.trim() ? `${fieldId}-problem` : ''].filter(Boolean).join(' ');
  return (
    <div className="field date-field" ref={wrapper}>
      <label className="field-label" htmlFor={fieldId}>
        {label}
        {required && (
          <span className="field-required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      <div className="date-input">
        <input
          ref={input}
          id={fieldId}
          name={name}
          value={text}
          required={required}
          autoComplete="off"
          placeholder={example}
          aria-invalid={problem && text.trim() ? true : undefined}
          aria-describedby={described || undefined}
          onChange={(event) => {
            setText(event.target.value);
            const key = event.target.value.trim() ? parse(event.target.value) : '';
            if (key !== null) onChange(key);
          }}
          onBlur={() => {
            if (typed) setText(show(typed));
          }}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown' && event.altKey) {
              event.preventDefault();
              setOpen(true);
            }
          }}
        />
        <button
          ref={toggle}
          type="button"
          className="date-toggle"
          aria-label={t(mode === 'day' ? 'dateField.pickDay' : 'dateField.pickMonth')}
          aria-expanded={open}
          aria-controls={open ? panelId : undefined}
          onClick={() => setOpen(!open)}
        >
          <CalendarIcon />
        </button>
      </div>
      {open && (
        <div id={panelId} className="date-panel" role="group" aria-label={label} onKeyDown={onPanelKey}>
          {mode === 'day' ? (
            <DayPicker
              mode="single"
              locale={locale === 'en' ? enUS : zhCN}
              labels={locale === 'en' ? englishLabels : undefined}
              autoFocus
              captionLayout="dropdown"
              startMonth={new Date(2000, 0)}
              endMonth={new Date(new Date().getFullYear() + 10, 11)}
              defaultMonth={typed ? dayOf(typed) : undefined}
              selected={typed ? dayOf(typed) : undefined}
              disabled={[...(min ? [{ before: dayOf(min) }] : []), ...(max ? [{ after: dayOf(max) }] : [])]}
              onSelect={(date) => date && choose(keyOf(date))}
            />
          ) : (
            <MonthGrid value={typed || ''} min={min} max={max} locale={locale} onPick={choose} />
          )}
        </div>
      )}
      {problem && text.trim() ? (
        <span className="field-problem" id={`${fieldId}-problem`}>
          {problem}
        </span>
      ) : null}
      {hint && (
        <span className="field-hint" id={hintId}>
          {hint}
        </span>
      )}
    </div>
  );
}

/** "1 December 2026, Tuesday": the day's number comes first, as the button shows it (WCAG 2.5.3 label in name). */
const englishLabels = {
  labelDayButton: (date: Date, modifiers: { today?: boolean; selected?: boolean }) =>
    `${format(date, 'd MMMM yyyy, EEEE')}${modifiers.today ? ', today' : ''}${modifiers.selected ? ', selected' : ''}`,
};

type MonthGridProps = { value: string; min?: string; max?: string; locale: Locale; onPick(month: string): void };

/** Twelve months of a year, arrow keys moving between them; react-day-picker has no month-only view. */
function MonthGrid({ value, min, max, locale, onPick }: MonthGridProps) {
  const { t } = useTranslation();
  const [year, setYear] = useState(() => Number((value || new Date().toISOString()).slice(0, 4)));
  const grid = useRef<HTMLDivElement>(null);
  const key = (month: number) => `${year}-${String(month).padStart(2, '0')}`;
  const outside = (month: number) => Boolean((min && key(month) < min) || (max && key(month) > max));

  // The chosen month (else the first one on offer) takes focus when the panel opens.
  useEffect(() => {
    const cells = grid.current?.querySelectorAll<HTMLButtonElement>('.month-cell') ?? [];
    ([...cells].find((c) => c.getAttribute('aria-pressed') === 'true') ?? [...cells].find((c) => !c.disabled))?.focus();
  }, []);

  const move = (event: KeyboardEvent<HTMLButtonElement>, month: number) => {
    const step = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -3, ArrowDown: 3 }[event.key];
    if (!step) return;
    event.preventDefault();
    const next = month + step;
    if (next < 1 || next > 12) return setYear(year + Math.sign(step));
    grid.current?.querySelectorAll<HTMLElement>('.month-cell')[next - 1]?.focus();
  };

  return (
    <div className="month-grid-wrap">
      <div className="month-year">
        <button
          type="button"
          className="button small"
          aria-label={t('dateField.previousYear')}
          onClick={() => setYear(year - 1)}
        >
          ‹
        </button>
        <span aria-live="polite">{locale === 'en' ? year : `${year}年`}</span>
        <button
          type="button"
          className="button small"
          aria-label={t('dateField.nextYear')}
          onClick={() => setYear(year + 1)}
        >
          ›
        </button>
      </div>
      <div className="month-grid" ref={grid}>
        {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => (
          <button
            key={month}
            type="button"
            className="month-cell"
            aria-pressed={key(month) === value}
            aria-label={formatMonth(key(month), locale)}
            disabled={outside(month)}
            onKeyDown={(event) => move(event, month)}
            onClick={() => onPick(key(month))}
          >
            {locale === 'en' ? formatMonth(key(month), 'en').slice(0, 3) : `${month}月`}
          </button>
        ))}
      </div>
    </div>
  );
}

function CalendarIcon() {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 24 24"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      <rect x="3" y="5" width="18" height="16" rx="2" />
      <path d="M3 10h18M8 3v4M16 3v4" />
    </svg>
  );
}
