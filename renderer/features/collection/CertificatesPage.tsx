import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssuedCertificate } from '../../../shared/domain/records';
import { call } from '../../api/client';
import { downloadBase64, fileToBase64 } from '../../api/files';
import { ErrorNote } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { useIdentity } from '../../stores/minutes';
import { IdentityCard } from '../records/IdentityCard';
import { formatDate, formatLocalDateTime } from '../meetings/format';

/** The sub-district's CA: its own certificate, issuing communities' certificates from their requests, and the list. */
export function CertificatesPage() {
  const { t } = useTranslation();
  const ready = useIdentity((s) => s.status?.current?.unlocked ?? false);
  const [issued, setIssued] = useState<IssuedCertificate[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const loading = useAction(async () => setIssued(await call('ca:issued', {})));
  const issuing = useAction(async (file: File) => {
    const request = { fileName: file.name, data: await fileToBase64(file) };
    // The office sees whom it certifies before it signs anything.
    const { subject } = await call('ca:inspect', request);
    if (!window.confirm(t('certificates.confirm', { subject }))) return;
    const certificate = await call('ca:issue', request);
    downloadBase64(certificate.fileName, certificate.data, certificate.type);
    setDone(certificate.fileName);
    await loading.run();
  });
  useEffect(() => {
    void loading.run();
  }, [loading.run]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <section className="page" aria-labelledby="certificates-title">
      <header className="page-header">
        <h1 id="certificates-title">{t('certificates.title')}</h1>
      </header>
      <IdentityCard title={t('certificates.caTitle')} intro={t('certificates.caNone')} />
      <section className="card" aria-labelledby="issue-title">
        <h2 id="issue-title">{t('certificates.issueTitle')}</h2>
        <p className="muted">{t('certificates.issueHint')}</p>
        <label className={`button primary file-button${ready ? '' : ' disabled'}`}>
          {t('certificates.pick')}
          <input
            type="file"
            accept=".csr,.pem,.req"
            className="visually-hidden"
            disabled={!ready || issuing.busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              setDone(null);
              if (file) void issuing.run(file);
            }}
          />
        </label>
        {done && (
          <p className="success-note" role="status">
            ✓ {t('certificates.issued', { name: done })}
          </p>
        )}
        <ErrorNote message={issuing.error} />
      </section>
      <section className="card" aria-labelledby="issued-title">
        <h2 id="issued-title">{t('certificates.listTitle')}</h2>
        {issued.length === 0 ? (
          <p className="muted">{t('certificates.none')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>{t('certificates.columns.subject')}</th>
                <th>{t('certificates.columns.issuedAt')}</th>
                <th>{t('certificates.columns.validTo')}</th>
                <th>{t('certificates.columns.fingerprint')}</th>
              </tr>
            </thead>
            <tbody>
              {issued.map((c) => (
                <tr key={c.fingerprint}>
                  <td>{c.subject}</td>
                  <td>{formatLocalDateTime(c.issuedAt)}</td>
                  <td>{formatDate(c.validTo)}</td>
                  <td className="mono small">{c.fingerprint.slice(0, 23)}…</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <ErrorNote message={loading.error} />
      </section>
    </section>
  );
}
