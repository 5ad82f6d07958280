import { create } from 'zustand';
import type { AppStatus, Input } from '../../shared/contract';
import type { Community, CommunityProfileInput } from '../../shared/domain/community';
import type { Locale } from '../../shared/locale';
import { call } from '../api/client';
import { applyLocale } from '../i18n';

type AppState = {
  status: AppStatus | null;
  community: Community | null;
  load(): Promise<void>;
  saveProfile(
    input:
      | { kind: 'community'; profile: CommunityProfileInput }
      | { kind: 'sub_district'; profile: Input<'subdistrict:save'> },
  ): Promise<void>;
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
  async saveProfile(input) {
    const saved =
      input.kind === 'community'
        ? await call('community:save', input.profile)
        : await call('subdistrict:save', input.profile);
    set({ community: saved });
  },
  async setLocale(locale) {
    applyLocale(await call('settings:setLocale', { locale }));
  },
}));
