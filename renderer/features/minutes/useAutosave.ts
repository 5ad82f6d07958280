import { useCallback, useEffect, useRef, useState } from 'react';
import { type Minutes, type MinutesContent } from '../../../shared/domain/minutes';
import { messageOf } from '../../api/client';
import { useMinutes } from '../../stores/minutes';

/** Wait this long after the last keystroke before saving; leaving a field saves at once. */
const autosaveDelay = 600;

/** Every change is saved on its own after a pause in typing, and at once when the field is left. */
export function useAutosave(minutes: Minutes) {
  const save = useMinutes((s) => s.save);
  const [content, setContent] = useState(minutes.content);
  const [status, setStatus] = useState<{ pending: boolean; savedAt: Date | null; error: string | null }>({
    pending: false,
    savedAt: null,
    error: null,
  });
  const latest = useRef(content);
  const timer = useRef<number | null>(null);
  /** Changes typed so far, and how many of them the main side has confirmed. */
  const typed = useRef(0);

  const flush = useCallback(async () => {
    if (timer.current === null) return;
    window.clearTimeout(timer.current);
    timer.current = null;
    const version = typed.current;
    try {
      await save(minutes.meetingId, latest.current);
      if (version === typed.current) setStatus({ pending: false, savedAt: new Date(), error: null });
    } catch (error) {
      setStatus({ pending: false, savedAt: null, error: messageOf(error) });
    }
  }, [save, minutes.meetingId]);

  const update = (next: MinutesContent) => {
    latest.current = next;
    typed.current += 1;
    setContent(next);
    setStatus((s) => ({ ...s, pending: true }));
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flush(), autosaveDelay);
  };
  useEffect(() => {
    // Closing the window with a change still on its way: ask first, as any editor would.
    const guard = (event: BeforeUnloadEvent) => {
      if (timer.current !== null) {
        void flush();
        event.preventDefault();
      }
    };
    window.addEventListener('beforeunload', guard);
    return () => {
      window.removeEventListener('beforeunload', guard);
      void flush();
    };
  }, [flush]);
  return { content, update, flush, status };
}
