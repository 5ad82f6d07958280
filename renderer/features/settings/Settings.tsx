import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditReport } from '../../../shared/contract';
import { call } from '../../api/client';
import { BackupKeep } from '../../components/BackupKeep';
import { BackupList } from '../../components/BackupList';
import { ExternalLink } from '../../components/ExternalLink';
import { ErrorNote } from '../../components/Field';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { LargeTextToggle } from '../../components/LargeTextToggle';
import { useAction } from '../../components/useAction';
import { useApp } from '../../stores/app';
import { CommunityForm } from '../community/CommunityForm';
import { PassphraseCard } from './PassphraseCard';

export function Settings() {
  const { t } = useTranslation();
  const kind = useApp((s) => s.community?.kind ?? 'community');
  const [saved, setSaved] = useState(false);
  const [report, setReport] = useState<AuditReport | null>(null);
  const verify = useAction(async () => setReport(await call('audit:verify', {})));

  return (
    <section className="page" aria-labelledby="settings-title">
      <header className="page-header">
        <h1 id="settings-title">{t('settings.title')}</h1>
      </header>
      <section className="card">
        <h2>{kind === 'community' ? t('settings.community') : t('subDistrict.office')}</h2>
        <CommunityForm kind={kind} submitLabel={t('common.save')} onSaved={() => setSaved(true)} />
        {saved && (
          <p className="success-note" role="status">
            ✓ {t('settings.saved')}
          </p>
        )}
      </section>
      <section className="card">
        <h2>{t('settings.language')}</h2>
        <LanguageSwitch />
      </section>
      <section className="card" aria-labelledby="display-title">
        <h2 id="display-title">{t('display.title')}</h2>
        <p className="muted">{t('display.hint')}</p>
        <LargeTextToggle className="button large-text-toggle" />
      </section>
      <section className="card">
        <h2>{t('backups.title')}</h2>
        <p className="muted">{t('backups.hint')}</p>
        <BackupKeep />
        <BackupList />
      </section>
      <PassphraseCard />
      <section className="card">
        <h2>{t('settings.audit')}</h2>
        <p className="muted">{t('settings.auditHint')}</p>
        <button className="button" onClick={() => void verify.run()} disabled={verify.busy}>
          {t('settings.auditRun')}
        </button>
        <ErrorNote message={verify.error} />
        {report && (
          <p className={report.ok ? 'success-note' : 'error-note'} role="status">
            {report.ok
              ? t('settings.auditOk', { count: report.events })
              : t('settings.auditBroken', { id: report.brokenAt })}
          </p>
        )}
      </section>
      <section className="card" aria-labelledby="about-title">
        <h2 id="about-title">{t('settings.about')}</h2>
        <p className="muted">{t('settings.aboutHint')}</p>
        <ul className="plain-list">
          <li>
            <ExternalLink href="https://flk.npc.gov.cn/">{t('settings.lawDatabase')}</ExternalLink>
          </li>
          <li>
            <ExternalLink href="https://www.gov.cn/">{t('settings.govPortal')}</ExternalLink>
          </li>
        </ul>
      </section>
    </section>
  );
}
