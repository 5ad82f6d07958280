import { create } from 'zustand';
import type { Input } from '../../shared/contract';
import type { Localized } from '../../shared/errors';
import type { Meeting, MeetingStatus } from '../../shared/domain/meeting';
import { call } from '../api/client';

type MeetingsState = {
  list: Meeting[] | null;
  byId: Record<number, Meeting>;
  loadList(): Promise<void>;
  load(id: number): Promise<void>;
  create(input: Input<'meeting:create'>): Promise<Meeting>;
  update(id: number, changes: { title: string; scheduledAt: string | null; place: string }): Promise<void>;
  /** Answers what the secretary must be told besides (closing: the backup that was not kept), or null. */
  setStatus(id: number, status: MeetingStatus): Promise<Localized | null>;
};

/** Every change goes to the main side at once; the store only mirrors what was saved. */
export const useMeetings = create<MeetingsState>((set, get) => {
  const remember = (meeting: Meeting) =>
    set((state) => ({
      byId: { ...state.byId, [meeting.id]: meeting },
      list: state.list?.map((m) => (m.id === meeting.id ? meeting : m)) ?? null,
    }));
  return {
    list: null,
    byId: {},
    async loadList() {
      set({ list: await call('meeting:list', {}) });
    },
    async load(id) {
      remember(await call('meeting:get', { id }));
    },
    async create(input) {
      const meeting = await call('meeting:create', input);
      remember(meeting);
      await get().loadList();
      return meeting;
    },
    async update(id, { title, scheduledAt, place }) {
      const current = get().byId[id] ?? (await call('meeting:get', { id }));
      if (current.title !== title) remember(await call('meeting:rename', { id, title }));
      remember(await call('meeting:schedule', { id, scheduledAt, place }));
      await get().loadList();
    },
    async setStatus(id, status) {
      const { backupFailed, ...meeting } = await call('meeting:setStatus', { id, status });
      remember(meeting);
      return backupFailed ?? null;
    },
  };
});
