import { create } from 'zustand';
import type { AppStatus, Input } from '../../shared/contract';
import type { Community } from '../../shared/domain/community';
import type { Locale } from '../../shared/locale';
import { ApiError, call, messageOf } from '../api/client';
import { applyLocale } from '../i18n';

type AppState = {
  status: AppStatus | null;
  /** Why the app could not even ask how it is (the host gone, a broken answer): shown with a retry. */
  startError: string | null;
  community: Community | null;
  load(): Promise<void>;
  saveProfile(
    input:
      | { kind: 'community'; profile: Input<'community:save'> }
      | { kind: 'sub_district'; profile: Input<'subdistrict:save'> },
  ): Promise<void>;
  setLocale(locale: Locale): Promise<void>;
};

export const useApp = create<AppState>((set) => ({
  status: null,
  startError: null,
  community: null,
  async load() {
    try {
      const status = await call('app:status', {});
      applyLocale(status.locale);
      const community = status.state === 'ready' && status.hasCommunity ? await call('community:get', {}) : null;
      set({ status, community, startError: null });
    } catch (error) {
      // The browser host refuses a page without this start's access code: show why, rather than nothing.
      if (error instanceof ApiError && error.code === 'session_required')
        return set({ status: { state: 'failed', locale: 'zh-CN', code: error.code, message: error.message } });
      // Anything else would leave an empty window: say so, and offer to try again.
      set({ startError: messageOf(error) });
    }
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
