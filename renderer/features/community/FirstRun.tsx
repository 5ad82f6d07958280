import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { CommunityForm } from './CommunityForm';

export function FirstRun() {
  const { t } = useTranslation();
  return (
    <main className="first-run">
      <div className="first-run-top">
        <LanguageSwitch />
      </div>
      <section className="first-run-card" aria-labelledby="first-run-title">
        <div className="brand-mark large" aria-hidden="true">
          <img src="./icon.svg" alt="" />
        </div>
        <h1 id="first-run-title">{t('firstRun.title')}</h1>
        <p className="lead">{t('firstRun.intro')}</p>
        <CommunityForm submitLabel={t('firstRun.submit')} />
        <p className="muted small">{t('firstRun.dataNote')}</p>
      </section>
    </main>
  );
}
