import 'i18next';
import type { zhCN } from './zh-CN';

/** Every key passed to t() must exist in the Chinese file (and en.ts must have the same shape). */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
