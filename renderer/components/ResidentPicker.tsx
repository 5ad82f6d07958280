import { useId, useRef, useState, type InputHTMLAttributes, type KeyboardEvent, type ReactNode } from 'react';
import { formatAddress, type Resident } from '../../shared/domain/resident';
import { call } from '../api/client';
import { tagList } from '../i18n';

type PickerProps = {
  label: string;
  value: string;
  onChange(text: string): void;
  /** A person chosen from the roster. */
  onPick(resident: Resident): void;
  /** Enter with no person highlighted: free text (a host from the sub-district), or nothing. */
  onEnter?(text: string): void;
  onBlur?(): void;
  /** What to list before anything is typed, e.g. the tag "社区工作者" for a host or recorder. */
  emptyQuery?: string;
  /** Shown after each suggestion: what makes this person a good (or a bad) choice. */
  describe?(resident: Resident): ReactNode;
  limit?: number;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'onBlur'>;

/**
 * A text field that suggests residents as the secretary types (name, initials, address, phone tail, tag):
 * ↑/↓ choose, Enter takes the highlighted one, Esc closes the list. Enter never takes a person nobody chose.
 */
export function ResidentPicker({
  label,
  value,
  onChange,
  onPick,
  onEnter,
  onBlur,
  emptyQuery,
  describe,
  limit = 8,
  ...input
}: PickerProps) {
  const listId = useId();
  const [matches, setMatches] = useState<Resident[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // Answers to older keystrokes are dropped.
  const latest = useRef(0);

  async function suggest(text: string) {
    const ticket = ++latest.current;
    const query = text.trim() || emptyQuery || '';
    const found = query ? (await call('resident:search', { query, limit })).items : [];
    if (ticket !== latest.current) return;
    setMatches(found);
    setActive(-1);
    setOpen(found.length > 0);
  }
  function pick(resident: Resident) {
    setOpen(false);
    setMatches([]);
    onPick(resident);
  }
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };
    if (event.key in moves && matches.length) {
      event.preventDefault();
      setOpen(true);
      const step = moves[event.key]!;
      // -1 is the typed text itself: ↑ from the first suggestion goes back to it.
      setActive((i) => (i + step < -1 ? matches.length - 1 : i + step >= matches.length ? -1 : i + step));
    } else if (event.key === 'Enter') {
      const chosen = open ? matches[active] : undefined;
      if (chosen) {
        event.preventDefault();
        pick(chosen);
      } else if (onEnter) {
        event.preventDefault();
        setOpen(false);
        onEnter(value);
      }
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  }

  return (
    <span className="picker">
      <input
        role="combobox"
        aria-label={label}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
        autoComplete="off"
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          void suggest(e.target.value);
        }}
        onFocus={() => emptyQuery && !value && void suggest('')}
        onBlur={() => {
          setOpen(false);
          onBlur?.();
        }}
        onKeyDown={onKeyDown}
        {...input}
      />
      {open && (
        <ul className="suggestions" role="listbox" id={listId} aria-label={label}>
          {matches.map((resident, i) => (
            <li
              key={resident.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              // mousedown, not click: the field's blur would close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(resident);
              }}
            >
              <strong>{resident.name}</strong> <span className="muted">{formatAddress(resident)}</span>
              {resident.tags.length > 0 && <span className="muted"> · {tagList(resident.tags)}</span>}
              {describe?.(resident)}
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
