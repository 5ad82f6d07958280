import { create } from 'zustand';
import type { Input } from '../../shared/contract';
import type { Topic, TopicDetail } from '../../shared/domain/topic';
import { call } from '../api/client';

export type TopicFilter = Input<'topic:list'>;

type TopicsState = {
  filter: TopicFilter;
  list: Topic[] | null;
  details: Record<number, TopicDetail>;
  categories: string[];
  setFilter(filter: TopicFilter): Promise<void>;
  loadList(): Promise<void>;
  loadDetail(id: number): Promise<void>;
  loadCategories(): Promise<void>;
};

/** The topic pool as the triage view filters it, and the detail pages opened so far. */
export const useTopics = create<TopicsState>((set, get) => ({
  filter: {},
  list: null,
  details: {},
  categories: [],
  async setFilter(filter) {
    set({ filter });
    await get().loadList();
  },
  async loadList() {
    set({ list: await call('topic:list', get().filter) });
  },
  async loadDetail(id) {
    const detail = await call('topic:get', { id });
    set((state) => ({ details: { ...state.details, [id]: detail } }));
  },
  async loadCategories() {
    set({ categories: await call('topic:categories', {}) });
  },
}));

/** After any change: refresh what is on screen. */
export async function refreshTopic(id: number): Promise<void> {
  const state = useTopics.getState();
  await Promise.all([state.list ? state.loadList() : undefined, state.details[id] ? state.loadDetail(id) : undefined]);
}
