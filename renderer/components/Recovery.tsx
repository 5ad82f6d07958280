import { useTranslation } from 'react-i18next';
import { BackupList } from './BackupList';
import { LanguageSwitch } from './LanguageSwitch';

/** Shown instead of the app when the data file cannot be opened; it never touches the file. */
export function Recovery({ message, onRetry }: { message: string; onRetry(): void }) {
  const { t } = useTranslation();
  return (
    <main className="first-run">
      <div className="first-run-top">
        <LanguageSwitch />
      </div>
      <section className="first-run-card" role="alert" aria-labelledby="recovery-title">
        <h1 id="recovery-title">{t('recovery.title')}</h1>
        <p className="error-note">{message}</p>
        <p className="lead">{t('recovery.hint')}</p>
        <BackupList />
        <div className="form-actions">
          <button className="button primary" onClick={onRetry}>
            {t('recovery.retry')}
          </button>
        </div>
      </section>
    </main>
  );
}
