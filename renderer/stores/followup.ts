import { create } from 'zustand';
import type { Input } from '../../shared/contract';
import type { ActionItem, Supervisor } from '../../shared/domain/followup';
import { call } from '../api/client';

type FollowupState = {
  /** Null until loaded. */
  items: ActionItem[] | null;
  supervisors: Supervisor[];
  load(): Promise<void>;
  update(input: Input<'followup:update'>): Promise<void>;
  addProgress(input: Input<'followup:addProgress'>): Promise<void>;
  addCheck(input: Input<'followup:addCheck'>): Promise<void>;
  saveSupervisor(input: Input<'supervisor:save'>): Promise<void>;
};

/** The resolutions being followed and the supervisor team, as the main side last answered. */
export const useFollowup = create<FollowupState>((set) => {
  const replace = (item: ActionItem) =>
    set((s) => ({ items: s.items?.map((i) => (i.id === item.id ? item : i)) ?? null }));
  return {
    items: null,
    supervisors: [],
    load: async () => {
      const [items, supervisors] = await Promise.all([call('followup:list', {}), call('supervisor:list', {})]);
      set({ items, supervisors });
    },
    update: async (input) => replace(await call('followup:update', input)),
    addProgress: async (input) => replace(await call('followup:addProgress', input)),
    addCheck: async (input) => replace(await call('followup:addCheck', input)),
    saveSupervisor: async (input) => set({ supervisors: await call('supervisor:save', input) }),
  };
});
