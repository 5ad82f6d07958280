import { create } from 'zustand';
import type { AppStatus } from '../../shared/contract';
import type { Community, CommunityProfileInput } from '../../shared/domain/community';
import type { Locale } from '../../shared/locale';
import { call } from '../api/client';
import { applyLocale } from '../i18n';

type AppState = {
  status: AppStatus | null;
  community: Community | null;
  load(): Promise<void>;
  saveCommunity(profile: CommunityProfileInput): Promise<void>;
  setLocale(locale: Locale): Promise<void>;
};

export const useApp = create<AppState>((set) => ({
  status: null,
  community: null,
  async load() {
    const status = await call('app:status', {});
    applyLocale(status.locale);
    const community = status.state === 'ready' && status.hasCommunity ? await call('community:get', {}) : null;
    set({ status, community });
  },
  async saveCommunity(profile) {
    set({ community: await call('community:save', profile) });
  },
  async setLocale(locale) {
    applyLocale(await call('settings:setLocale', { locale }));
  },
}));
