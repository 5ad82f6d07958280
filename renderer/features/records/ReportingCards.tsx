import { useEffect, useState } from 'react';
import type { CrlImported, TrustStatus } from '../../../shared/domain/records';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { fileToBase64 } from '../../api/files';
import { useIncomingFiles } from '../../stores/incoming';
import { ErrorNote } from '../../components/Field';
import { DateField } from '../../components/DateField';
import { useAction } from '../../components/useAction';
import { useIdentity } from '../../stores/minutes';
import { formatDate, today } from '../meetings/format';
import { RecordButtons } from './RecordButtons';
import { Sm2Status } from './Sm2Status';
import { FilePicker } from '../../components/FilePicker';

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
        <DateField
          name="bundle-from"
          label={t('bundle.from')}
          value={from}
          required
          onChange={(value) => setFrom(value)}
        />
        <DateField name="bundle-to" label={t('bundle.to')} value={to} required onChange={(value) => setTo(value)} />
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
  useIncomingFiles('certificate', ([file]) => void installing.run(file!));
  return (
    <section className="card" aria-labelledby="cert-request-title">
      <h2 id="cert-request-title">{t('certRequest.title')}</h2>
      <p className="muted">{t('certRequest.hint')}</p>
      <div className="header-actions">
        <RecordButtons
          showIdentity={false}
          buttons={[
            { label: t('certRequest.request'), channel: 'identity:request', input: {} },
            { label: t('certRequest.requestSm2'), channel: 'identity:requestSm2', input: {} },
          ]}
        />
        <FilePicker
          label={t('certRequest.install')}
          accept=".crt,.pem,.cer"
          disabled={!ready || installing.busy}
          onFiles={(files) => void installing.run(files[0]!)}
        />
      </div>
      {installed && (
        <p className="success-note" role="status">
          ✓ {t('certRequest.installed', { issuer: installed })}
        </p>
      )}
      <ErrorNote message={installing.error} />
      {status?.sm2 && (
        <>
          <h3>{t('certRequest.sm2Title')}</h3>
          <Sm2Status info={status.sm2} />
        </>
      )}
      <RevocationListPart />
    </section>
  );
}

/** The office's CRL, imported so that what it revoked is refused here too; and the 60-day expiry warning. */
function RevocationListPart() {
  const { t } = useTranslation();
  const [trust, setTrust] = useState<TrustStatus | null>(null);
  const [imported, setImported] = useState<CrlImported | null>(null);
  const refresh = useAction(async () => setTrust(await call('trust:status', {})));
  const importing = useAction(async (file: File) => {
    setImported(await call('trust:importCrl', { fileName: file.name, data: await fileToBase64(file) }));
    await refresh.run();
  });
  useEffect(() => {
    void refresh.run();
  }, [refresh.run]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <>
      {trust?.own && (
        <p className="error-note" role="alert">
          {t('trust.ownExpiring', { date: formatDate(trust.own.validTo), days: trust.own.daysLeft })}
        </p>
      )}
      <FilePicker
        label={t('trust.importCrl')}
        accept=".crl"
        disabled={importing.busy}
        onFiles={(files) => void importing.run(files[0]!)}
      />
      {imported && (
        <p className="success-note" role="status">
          ✓ {t('trust.crlImported', { issuer: imported.issuer, count: imported.revoked })}
        </p>
      )}
      {trust?.crl && !imported && (
        <p className="muted">
          {t('trust.crlHeld', { date: formatDate(trust.crl.thisUpdate), count: trust.crl.revoked })}
        </p>
      )}
      <ErrorNote message={importing.error} />
    </>
  );
}
