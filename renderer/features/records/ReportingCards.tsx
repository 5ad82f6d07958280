import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { fileToBase64 } from '../../api/files';
import { ErrorNote, Field } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { useIdentity } from '../../stores/minutes';
import { today } from '../meetings/format';
import { RecordButtons } from './RecordButtons';

/** 上报包 for a period: every meeting finalized in it, with its follow-up, in one signed file. */
export function PeriodBundleCard() {
  const { t } = useTranslation();
  const [from, setFrom] = useState(() => `${today().slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  return (
    <section className="card" aria-labelledby="period-bundle-title">
      <h2 id="period-bundle-title">{t('bundle.periodTitle')}</h2>
      <p className="muted">{t('bundle.hint')}</p>
      <div className="form-row">
        <Field
          name="bundle-from"
          type="date"
          label={t('bundle.from')}
          value={from}
          required
          onChange={(e) => setFrom(e.target.value)}
        />
        <Field
          name="bundle-to"
          type="date"
          label={t('bundle.to')}
          value={to}
          required
          onChange={(e) => setTo(e.target.value)}
        />
      </div>
      <RecordButtons
        showIdentity={false}
        buttons={[{ label: t('bundle.export'), channel: 'bundle:export', input: { from, to } }]}
      />
    </section>
  );
}

/** The way to a certificate the sub-district issues: a request out, the certificate in (the key never leaves). */
export function CertificateRequestCard() {
  const { t } = useTranslation();
  const { status, load } = useIdentity();
  const [installed, setInstalled] = useState<string | null>(null);
  const installing = useAction(async (file: File) => {
    const info = await call('identity:installCertificate', { fileName: file.name, data: await fileToBase64(file) });
    setInstalled(info.issuer);
    await load();
  });
  const ready = status?.current?.unlocked ?? false;
  return (
    <section className="card" aria-labelledby="cert-request-title">
      <h2 id="cert-request-title">{t('certRequest.title')}</h2>
      <p className="muted">{t('certRequest.hint')}</p>
      <div className="header-actions">
        <RecordButtons
          showIdentity={false}
          buttons={[{ label: t('certRequest.request'), channel: 'identity:request', input: {} }]}
        />
        <label className={`button file-button${ready ? '' : ' disabled'}`}>
          {t('certRequest.install')}
          <input
            type="file"
            accept=".crt,.pem,.cer"
            className="visually-hidden"
            disabled={!ready || installing.busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void installing.run(file);
            }}
          />
        </label>
      </div>
      {installed && (
        <p className="success-note" role="status">
          ✓ {t('certRequest.installed', { issuer: installed })}
        </p>
      )}
      <ErrorNote message={installing.error} />
    </section>
  );
}
