import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { defaultLocale, type Locale } from '../../shared/locale';
import { en } from './en';
import { zhCN } from './zh-CN';

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: defaultLocale,
  fallbackLng: defaultLocale,
  interpolation: { escapeValue: false },
  initAsync: false,
});

export function applyLocale(locale: Locale): void {
  void i18n.changeLanguage(locale);
  document.documentElement.lang = locale;
}

/** Labels declared once in shared/ (statuses, kinds) come as { 'zh-CN', en } pairs. */
export function pick(labels: Record<Locale, string>): string {
  return labels[(i18n.language as Locale) in labels ? (i18n.language as Locale) : defaultLocale];
}
