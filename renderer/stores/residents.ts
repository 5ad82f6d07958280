import { create } from 'zustand';
import type { Resident } from '../../shared/domain/resident';
import { call } from '../api/client';

const pageSize = 50;

type ResidentsState = {
  query: string;
  items: Resident[];
  total: number;
  loaded: boolean;
  search(query: string): Promise<void>;
  more(): Promise<void>;
  refresh(): Promise<void>;
};

let latest = 0;

/** The roster as the search box shows it; answers to older keystrokes are dropped. */
export const useResidents = create<ResidentsState>((set, get) => ({
  query: '',
  items: [],
  total: 0,
  loaded: false,
  async search(query) {
    const ticket = ++latest;
    set({ query });
    const page = await call('resident:search', { query, limit: pageSize });
    if (ticket === latest) set({ items: page.items, total: page.total, loaded: true });
  },
  async more() {
    const { query, items } = get();
    const page = await call('resident:search', { query, limit: pageSize, offset: items.length });
    set({ items: [...items, ...page.items], total: page.total });
  },
  refresh() {
    return get().search(get().query);
  },
}));
