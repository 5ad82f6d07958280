import { useTranslation } from 'react-i18next';
import { locales, type Locale } from '../../shared/locale';
import { useApp } from '../stores/app';

const names: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const setLocale = useApp((s) => s.setLocale);
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('common.language')}</span>
      <select
        aria-label={t('common.language')}
        value={i18n.language}
        onChange={(e) => void setLocale(e.target.value as Locale)}
      >
        {locales.map((locale) => (
          <option key={locale} value={locale}>
            {names[locale]}
          </option>
        ))}
      </select>
    </label>
  );
}
