import { create } from 'zustand';
import type { CollectedBundle } from '../../shared/domain/bundle';
import { call } from '../api/client';

type CollectionState = {
  bundles: CollectedBundle[] | null;
  load(): Promise<void>;
};

/** Every bundle the sub-district has looked at, newest first. */
export const useCollection = create<CollectionState>((set) => ({
  bundles: null,
  load: async () => set({ bundles: await call('collection:list', {}) }),
}));
