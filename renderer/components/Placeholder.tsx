import { useTranslation } from 'react-i18next';

/** An honest page for a part of the app that is not built yet. */
export function Placeholder({ page }: { page: 'records' }) {
  const { t } = useTranslation();
  return (
    <section className="page" aria-labelledby="placeholder-title">
      <header className="page-header">
        <h1 id="placeholder-title">{t(`nav.${page}`)}</h1>
      </header>
      <div className="empty-state">
        <p className="empty-title">{t(`placeholder.${page}`)}</p>
        <p className="muted">{t('placeholder.soon')}</p>
      </div>
    </section>
  );
}
