import { create } from 'zustand';
import type { Attendee, RunState } from '../../shared/domain/run';
import { call } from '../api/client';

type RunStore = {
  state: Record<number, RunState>;
  attendees: Record<number, Attendee[]>;
  /** Server clock minus ours, so timers agree on every screen whatever the laptop's clock says. */
  clockOffset: number;
  load(meetingId: number): Promise<void>;
  keep(state: RunState): void;
  keepAttendees(meetingId: number, list: Attendee[]): void;
};

/** The newest load asked for per meeting: pushes come in bursts, and an older answer must not overwrite a newer one. */
const latestLoad = new Map<number, number>();

export const useRun = create<RunStore>((set) => ({
  state: {},
  attendees: {},
  clockOffset: 0,
  async load(meetingId) {
    const ticket = (latestLoad.get(meetingId) ?? 0) + 1;
    latestLoad.set(meetingId, ticket);
    const [state, attendees] = await Promise.all([
      call('run:state', { id: meetingId }),
      call('attendance:list', { id: meetingId }),
    ]);
    if (latestLoad.get(meetingId) !== ticket) return;
    set((s) => ({
      state: { ...s.state, [meetingId]: state },
      attendees: { ...s.attendees, [meetingId]: attendees },
      clockOffset: Date.parse(state.serverNow) - Date.now(),
    }));
  },
  keep(state) {
    // An action's own answer is newer than any load still in flight.
    latestLoad.set(state.meeting.id, (latestLoad.get(state.meeting.id) ?? 0) + 1);
    set((s) => ({
      state: { ...s.state, [state.meeting.id]: state },
      clockOffset: Date.parse(state.serverNow) - Date.now(),
    }));
  },
  keepAttendees(meetingId, list) {
    set((s) => ({ attendees: { ...s.attendees, [meetingId]: list } }));
  },
}));

/** Seconds since an ISO time, on the server's clock; a closed meeting's clocks stop at its close (`until`). */
export function secondsSince(iso: string | null, clockOffset: number, until?: string | null): number {
  const end = until ? Date.parse(until) : Date.now() + clockOffset;
  return iso ? Math.max(0, Math.floor((end - Date.parse(iso)) / 1000)) : 0;
}

export function clock(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const abs = Math.abs(seconds);
  return `${sign}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
}
