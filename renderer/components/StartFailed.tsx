import { useTranslation } from 'react-i18next';

/** The app could not ask the main side how it is: rather than an empty window, say so and offer a retry. */
export function StartFailed({ message, onRetry }: { message: string; onRetry(): void }) {
  const { t } = useTranslation();
  return (
    <main className="first-run">
      <section className="first-run-card" role="alert" aria-labelledby="start-failed-title">
        <h1 id="start-failed-title">{t('startFailed.title')}</h1>
        <p className="error-note">{message}</p>
        <p className="lead">{t('startFailed.hint')}</p>
        <div className="form-actions">
          <button className="button primary" autoFocus onClick={onRetry}>
            {t('startFailed.retry')}
          </button>
        </div>
      </section>
    </main>
  );
}
