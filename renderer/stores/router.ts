import { create } from 'zustand';

export type Route =
  | { page: 'meetings' }
  | { page: 'meeting'; id: number }
  | { page: 'run'; id: number }
  | { page: 'minutes'; id: number }
  | { page: 'projector'; id: number }
  | { page: 'topics' }
  | { page: 'topic'; id: number }
  | { page: 'case'; id: number }
  | { page: 'followup' }
  | { page: 'collection' }
  | { page: 'dashboard' }
  | { page: 'search' }
  | { page: 'certificates' }
  | { page: 'residents' }
  | { page: 'records' }
  | { page: 'settings' };

/** Hash routes survive a reload and need no server support: #/meetings/12. */
export function parseRoute(hash: string): Route {
  const [page, id, sub] = hash.replace(/^#\/?/, '').split('/');
  if (page === 'meetings' && id && /^\d+$/.test(id) && sub === 'run') return { page: 'run', id: Number(id) };
  if (page === 'meetings' && id && /^\d+$/.test(id) && sub === 'minutes') return { page: 'minutes', id: Number(id) };
  if (page === 'projector' && id && /^\d+$/.test(id)) return { page: 'projector', id: Number(id) };
  if (page === 'meetings' && id && /^\d+$/.test(id)) return { page: 'meeting', id: Number(id) };
  if (page === 'topics' && id && /^\d+$/.test(id) && sub === 'case') return { page: 'case', id: Number(id) };
  if (page === 'topics' && id && /^\d+$/.test(id)) return { page: 'topic', id: Number(id) };
  const plain = [
    'topics',
    'followup',
    'residents',
    'records',
    'settings',
    'collection',
    'dashboard',
    'search',
    'certificates',
  ] as const;
  const found = plain.find((p) => p === page);
  if (found) return { page: found };
  return { page: 'meetings' };
}

export function hrefOf(route: Route): string {
  if (route.page === 'meeting') return `#/meetings/${route.id}`;
  if (route.page === 'run') return `#/meetings/${route.id}/run`;
  if (route.page === 'minutes') return `#/meetings/${route.id}/minutes`;
  if (route.page === 'projector') return `#/projector/${route.id}`;
  if (route.page === 'topic') return `#/topics/${route.id}`;
  if (route.page === 'case') return `#/topics/${route.id}/case`;
  return `#/${route.page}`;
}

export const useRoute = create<Route>(() => parseRoute(window.location.hash));

window.addEventListener('hashchange', () => useRoute.setState(parseRoute(window.location.hash), true));

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}
