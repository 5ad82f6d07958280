import { create } from 'zustand';
import type { Envelope } from '../../shared/envelope';

/**
 * Changes sent to the main side and not yet answered. The sidebar says 正在保存… / 已保存 from it, and a browser
 * tab asks before it closes or reloads with a change still on its way (it would be lost with the page).
 * `saved` is whether the last answered change was taken: after a refusal the page shows why, not 已保存.
 */
export const useSaving = create<{ pending: number; saved: boolean }>(() => ({ pending: 0, saved: false }));

export function tracked(change: Promise<Envelope<unknown>>): Promise<Envelope<unknown>> {
  useSaving.setState((s) => ({ pending: s.pending + 1 }));
  const answered = (saved: boolean) => useSaving.setState((s) => ({ pending: s.pending - 1, saved }));
  change.then(
    (envelope) => answered(envelope.ok),
    () => answered(false),
  );
  return change;
}
