import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { residentTagLabels } from '../../shared/domain/resident';
import { topicCategoryLabels } from '../../shared/domain/topic';
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

/** A topic category: the usual ones in the chosen language, a community's own as typed. */
export function categoryName(category: string): string {
  return category in topicCategoryLabels
    ? pick(topicCategoryLabels[category as keyof typeof topicCategoryLabels])
    : category;
}

/** A resident's tag (a role): the usual ones in the chosen language, a community's own as typed. */
export function tagName(tag: string): string {
  return tag in residentTagLabels ? pick(residentTagLabels[tag as keyof typeof residentTagLabels]) : tag;
}

/** A resident's tags as one short list in the chosen language. */
export function tagList(tags: readonly string[]): string {
  return tags.map(tagName).join(i18n.t('common.listSeparator'));
}

/** An amendment's section as stored (Chinese, as the record prints it) in the chosen language. */
export function sectionName(section: string): string {
  const fixed = { 会议基本情况: 'header', 出席情况: 'attendance', 后续事项: 'closing' } as const;
  return section in fixed ? i18n.t(`minutes.sections.${fixed[section as keyof typeof fixed]}`) : section;
}
