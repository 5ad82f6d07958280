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

export const useRun = create<RunStore>((set) => ({
  state: {},
  attendees: {},
  clockOffset: 0,
  async load(meetingId) {
    const [state, attendees] = await Promise.all([
      call('run:state', { id: meetingId }),
      call('attendance:list', { id: meetingId }),
    ]);
    set((s) => ({
      state: { ...s.state, [meetingId]: state },
      attendees: { ...s.attendees, [meetingId]: attendees },
      clockOffset: Date.parse(state.serverNow) - Date.now(),
    }));
  },
  keep(state) {
    set((s) => ({
      state: { ...s.state, [state.meeting.id]: state },
      clockOffset: Date.parse(state.serverNow) - Date.now(),
    }));
  },
  keepAttendees(meetingId, list) {
    set((s) => ({ attendees: { ...s.attendees, [meetingId]: list } }));
  },
}));

/** Seconds since an ISO time, on the server's clock. */
export function secondsSince(iso: string | null, clockOffset: number): number {
  return iso ? Math.max(0, Math.floor((Date.now() + clockOffset - Date.parse(iso)) / 1000)) : 0;
}

export function clock(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const abs = Math.abs(seconds);
  return `${sign}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
}
