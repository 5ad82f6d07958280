import { forwardRef, useId, useImperativeHandle, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAddress, type Resident } from '../../../shared/domain/resident';
import { call } from '../../api/client';
import { tagList } from '../../i18n';

export type DoorSearchHandle = {
  focus(): void;
  clear(): void;
  /**
   * Focus the field again once an answer has come back — unless the secretary has meanwhile moved on to another
   * text field (outside `from`, where the action started): what they type there must not land here.
   */
  comeBack(from?: Element | null): void;
};

type Props = {
  label: string;
  /** A shorter text for the field itself when the label does not fit a narrow column. */
  placeholder?: string;
  /** People who cannot be taken (already here, the proxy holder): listed, greyed, never chosen by Enter. */
  unavailable(resident: Resident): ReactNode | null;
  /** What else to say about a match (未邀请). */
  describe?(resident: Resident): ReactNode;
  onPick(resident: Resident): void;
  /** Enter or the button when the roster has nobody of that name (查无此人). */
  noMatch?(text: string): ReactNode;
  autoFocus?: boolean;
};

/**
 * The search at the door: type a name, initials, room or phone tail. Enter takes the one person who matches;
 * with several (王𠇔 in 3-1-101 and 5-2-202) it asks for ↑/↓ and Enter, or a tap — it never takes the first.
 * The list stays on screen (no popup to lose) and the field keeps focus for the next person in the queue.
 */
export const DoorSearch = forwardRef<DoorSearchHandle, Props>(function DoorSearch(
  { label, placeholder, unavailable, describe, onPick, noMatch, autoFocus },
  ref,
) {
  const { t } = useTranslation();
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [found, setFound] = useState<{ query: string; items: Resident[] } | null>(null);
  const [active, setActive] = useState(-1);
  const [hint, setHint] = useState<'choose' | 'taken' | null>(null);
  // Answers to older keystrokes are dropped.
  const latest = useRef(0);

  function clear() {
    latest.current += 1;
    setText('');
    setFound(null);
    setActive(-1);
    setHint(null);
  }
  useImperativeHandle(ref, () => ({
    focus: () => input.current?.focus(),
    clear,
    comeBack(from) {
      const active = document.activeElement;
      const typingElsewhere =
        active instanceof HTMLElement && active.matches('input, textarea, select') && active !== input.current;
      if (!typingElsewhere || from?.contains(active)) input.current?.focus();
    },
  }));

  async function search(query: string) {
    const ticket = ++latest.current;
    const items = query.trim() ? (await call('resident:search', { query, limit: 8 })).items : [];
    if (ticket !== latest.current) return null;
    setFound({ query, items });
    setActive(-1);
    return items;
  }
  function pick(resident: Resident) {
    if (unavailable(resident)) return setHint('taken');
    onPick(resident);
  }
  async function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const items = found?.items ?? [];
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };
    if (event.key in moves && items.length) {
      event.preventDefault();
      const step = moves[event.key]!;
      setActive((i) => (i + step < 0 ? items.length - 1 : (i + step) % items.length));
    } else if (event.key === 'Escape' && text) {
      event.preventDefault();
      clear();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (!text.trim()) return;
      // Enter typed faster than the answer came back: ask for exactly what is in the field now.
      const current = found?.query === text ? items : await search(text);
      if (!current) return;
      const chosen = found?.query === text ? current[active] : undefined;
      if (chosen) pick(chosen);
      else if (current.length === 1) pick(current[0]!);
      else if (current.length > 1) setHint('choose');
    }
  }

  const items = found?.items ?? [];
  const none = found !== null && found.query.trim() !== '' && items.length === 0;
  return (
    <div className="door-search">
      <input
        ref={input}
        type="search"
        aria-label={label}
        placeholder={placeholder ?? label}
        aria-describedby={`${listId}-hint`}
        aria-controls={items.length > 0 ? listId : undefined}
        autoFocus={autoFocus}
        autoComplete="off"
        maxLength={40}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setHint(null);
          void search(e.target.value);
        }}
        onKeyDown={(e) => void onKeyDown(e)}
      />
      <p id={`${listId}-hint`} className={hint ? 'door-hint warn' : 'door-hint'} role="status">
        {hint === 'choose'
          ? t('run.door.chooseOne', { count: items.length })
          : hint === 'taken'
            ? t('run.door.taken')
            : none
              ? t('run.door.nobody', { text: found.query.trim() })
              : ''}
      </p>
      {none && noMatch?.(found.query.trim())}
      {items.length > 0 && (
        <ul className="suggestions static door-matches" id={listId} aria-label={t('run.matches')}>
          {items.map((m, i) => {
            const taken = unavailable(m);
            return (
              <li key={m.id}>
                <button
                  type="button"
                  className={['match', taken ? 'done' : '', i === active ? 'active' : ''].join(' ')}
                  aria-current={i === active ? 'true' : undefined}
                  onClick={() => pick(m)}
                >
                  <strong>{m.name}</strong> <span className="door-room">{formatAddress(m)}</span>
                  {m.tags.length > 0 && <span className="muted small"> · {tagList(m.tags)}</span>}
                  {taken && <span className="muted"> · {taken}</span>}
                  {describe?.(m)}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
});
