import { create } from 'zustand';
import type { Input } from '../../shared/contract';
import type { AgendaItem } from '../../shared/domain/agenda';
import { call } from '../api/client';

type AgendaState = {
  byMeeting: Record<number, AgendaItem[]>;
  load(meetingId: number): Promise<void>;
  add(input: Input<'agenda:add'>): Promise<void>;
  update(meetingId: number, input: Input<'agenda:update'>): Promise<void>;
  move(meetingId: number, input: Input<'agenda:move'>): Promise<void>;
  remove(meetingId: number, id: number): Promise<void>;
};

/** Each agenda change is saved at once; the main side answers the whole new agenda. */
export const useAgenda = create<AgendaState>((set) => {
  const keep = (meetingId: number, items: AgendaItem[]) =>
    set((state) => ({ byMeeting: { ...state.byMeeting, [meetingId]: items } }));
  return {
    byMeeting: {},
    async load(meetingId) {
      keep(meetingId, await call('agenda:list', { id: meetingId }));
    },
    async add(input) {
      keep(input.meetingId, await call('agenda:add', input));
    },
    async update(meetingId, input) {
      keep(meetingId, await call('agenda:update', input));
    },
    async move(meetingId, input) {
      keep(meetingId, await call('agenda:move', input));
    },
    async remove(meetingId, id) {
      keep(meetingId, await call('agenda:remove', { id }));
    },
  };
});
