import { create } from 'zustand';
import type { Input } from '../../shared/contract';
import type { Minutes, MinutesContent } from '../../shared/domain/minutes';
import type { IdentityStatus } from '../../shared/domain/records';
import { call } from '../api/client';

type MinutesState = {
  byId: Record<number, Minutes>;
  load(id: number): Promise<void>;
  save(id: number, content: MinutesContent): Promise<void>;
  finalize(id: number, by: string): Promise<void>;
  amend(input: Input<'minutes:amend'>): Promise<void>;
};

/** The minutes as the main side last saved them; the editor keeps only the field being typed. */
export const useMinutes = create<MinutesState>((set) => {
  const remember = (minutes: Minutes) => set((s) => ({ byId: { ...s.byId, [minutes.meetingId]: minutes } }));
  return {
    byId: {},
    load: async (id) => remember(await call('minutes:get', { id })),
    save: async (id, content) => remember(await call('minutes:save', { id, content })),
    finalize: async (id, by) => remember(await call('minutes:finalize', { id, by })),
    amend: async (input) => remember(await call('minutes:amend', input)),
  };
});

type IdentityState = {
  /** Null until asked. */
  status: IdentityStatus | null;
  load(): Promise<void>;
  create(passphrase?: string): Promise<void>;
  unlock(passphrase: string): Promise<void>;
  importP12(input: Input<'identity:importP12'>): Promise<void>;
};

export const useIdentity = create<IdentityState>((set) => {
  const load = async () => set({ status: await call('identity:get', {}) });
  return {
    status: null,
    load,
    create: async (passphrase) => (await call('identity:create', { passphrase }), load()),
    unlock: async (passphrase) => (await call('identity:unlock', { passphrase }), load()),
    importP12: async (input) => (await call('identity:importP12', input), load()),
  };
});
