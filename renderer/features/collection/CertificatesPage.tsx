import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssuedCertificate, TrustStatus } from '../../../shared/domain/records';
import { RenameDialog } from './RenameDialog';
import { RevokeDialog } from './RevokeDialog';
import { call } from '../../api/client';
import { downloadBase64, fileToBase64 } from '../../api/files';
import { confirmDialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { useIncomingFiles } from '../../stores/incoming';
import { useIdentity } from '../../stores/minutes';
import { IdentityCard } from '../records/IdentityCard';
import { Sm2AuthorityCard } from './Sm2AuthorityCard';
import { formatDate, formatLocalDateTime } from '../meetings/format';
import { FilePicker } from '../../components/FilePicker';

/** The sub-district's CA: its own certificate, issuing communities' certificates from their requests, and the list. */
export function CertificatesPage() {
  const { t } = useTranslation();
  const ready = useIdentity((s) => s.status?.current?.unlocked ?? false);
  const [issued, setIssued] = useState<IssuedCertificate[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [sealPicture, setSealPicture] = useState<File | null>(null);
  const [revoking, setRevoking] = useState<IssuedCertificate | null>(null);
  const [renaming, setRenaming] = useState<IssuedCertificate | null>(null);
  const [renamed, setRenamed] = useState<string | null>(null);
  const [status, setStatus] = useState<TrustStatus | null>(null);
  const loading = useAction(async () => {
    setIssued(await call('ca:issued', {}));
    setStatus(await call('trust:status', {}));
  });
  const publishing = useAction(async () => {
    const crl = await call('ca:crl', {});
    downloadBase64(crl.fileName, crl.data, crl.type);
  });
  const issuing = useAction(async (file: File) => {
    const request = { fileName: file.name, data: await fileToBase64(file) };
    // The office sees whom it certifies before it signs anything.
    const asked = await call('ca:inspect', request);
    const confirmed = await confirmDialog({
      title: t('certificates.confirmTitle'),
      message: [
        t('certificates.confirm', { unit: asked.unit }),
        asked.replaces &&
          t('certificates.replaces', { unit: asked.replaces.unit, validTo: formatDate(asked.replaces.validTo) }),
        asked.algorithm === 'sm2' && t('certificates.sm2Confirm'),
      ]
        .filter(Boolean)
        .join('\n\n'),
      confirm: t('certificates.issue'),
    });
    if (!confirmed) return;
    const picture = asked.algorithm === 'sm2' && sealPicture ? await fileToBase64(sealPicture) : undefined;
    const certificate = await call('ca:issue', { ...request, ...(picture ? { sealPicture: picture } : {}) });
    downloadBase64(certificate.fileName, certificate.data, certificate.type);
    setDone(certificate.fileName);
    await loading.run();
  });
  useIncomingFiles('request', ([file]) => void issuing.run(file!));
  useEffect(() => {
    void loading.run();
  }, [loading.run]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <section className="page" aria-labelledby="certificates-title">
      <header className="page-header">
        <h1 id="certificates-title">{t('certificates.title')}</h1>
      </header>
      <IdentityCard title={t('certificates.caTitle')} intro={t('certificates.caNone')} sm2Choice />
      <Sm2AuthorityCard />
      <section className="card" aria-labelledby="issue-title">
        <h2 id="issue-title">{t('certificates.issueTitle')}</h2>
        <p className="muted">{t('certificates.issueHint')}</p>
        <FilePicker
          label={t('certificates.pick')}
          accept=".csr,.pem,.req"
          look="primary"
          disabled={!ready || issuing.busy}
          onFiles={(files) => {
            setDone(null);
            void issuing.run(files[0]!);
          }}
        />
        <label className="field">
          <span>{t('certificates.sealPicture')}</span>
          <input type="file" accept=".png,.jpg,.jpeg" onChange={(e) => setSealPicture(e.target.files?.[0] ?? null)} />
          <small className="muted">{t('certificates.sealPictureHint')}</small>
        </label>
        {done && (
          <p className="success-note" role="status">
            ✓ {t('certificates.issued', { name: done })}
          </p>
        )}
        <ErrorNote message={issuing.error} />
      </section>
      {status?.own && (
        <p className="error-note" role="alert">
          {t('trust.ownExpiring', { date: formatDate(status.own.validTo), days: status.own.daysLeft })}
        </p>
      )}
      {status?.issued.map((e) => (
        <p key={e.unit + e.validTo} className="error-note" role="alert">
          {t('trust.issuedExpiring', { unit: e.unit, date: formatDate(e.validTo), days: e.daysLeft })}
        </p>
      ))}
      <section className="card" aria-labelledby="issued-title">
        <h2 id="issued-title">{t('certificates.listTitle')}</h2>
        {renamed && (
          <p className="success-note" role="status">
            ✓ {t('certificates.renamed', { name: renamed })}
          </p>
        )}
        {issued.length === 0 ? (
          <p className="muted">{t('certificates.none')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>{t('certificates.columns.unit')}</th>
                <th>{t('certificates.columns.status')}</th>
                <th>{t('certificates.columns.issuedAt')}</th>
                <th>{t('certificates.columns.validTo')}</th>
                <th>{t('certificates.columns.technical')}</th>
              </tr>
            </thead>
            <tbody>
              {issued.map((c) => (
                <tr key={c.fingerprint}>
                  <td>{c.unit || c.subject}</td>
                  <td>
                    {t(`certificates.status.${c.status}`)}
                    {c.revokedAt && (
                      <span className="muted small">
                        {' '}
                        {t('certificates.revokedOn', { date: formatDate(c.revokedAt) })}
                      </span>
                    )}
                    {c.status !== 'revoked' && (
                      <button
                        className="button small danger-outline"
                        style={{ marginLeft: '0.75rem' }}
                        onClick={() => setRevoking(c)}
                      >
                        {t('certificates.revoke')}
                      </button>
                    )}
                    {c.status === 'active' && c.communityUid && c.algorithm === 'rsa' && (
                      <button
                        className="button small"
                        style={{ marginLeft: '0.5rem' }}
                        disabled={!ready}
                        onClick={() => setRenaming(c)}
                      >
                        {t('certificates.rename')}
                      </button>
                    )}
                  </td>
                  <td>{formatLocalDateTime(c.issuedAt)}</td>
                  <td>{c.validTo ? formatDate(c.validTo) : ''}</td>
                  <td>
                    <details>
                      <summary>{t('certificates.columns.technical')}</summary>
                      <dl className="facts small">
                        <dt>{t('certificates.tech.subject')}</dt>
                        <dd>{c.subject}</dd>
                        <dt>{t('certificates.tech.fingerprint')}</dt>
                        <dd className="mono">{c.fingerprint}</dd>
                        <dt>{t('certificates.tech.serial')}</dt>
                        <dd className="mono">{c.serial}</dd>
                        <dt>{t('certificates.tech.community')}</dt>
                        <dd className="mono">{c.communityUid ?? t('certificates.tech.noCommunity')}</dd>
                      </dl>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <ErrorNote message={loading.error} />
      </section>
      <section className="card" aria-labelledby="crl-title">
        <h2 id="crl-title">{t('certificates.crlTitle')}</h2>
        <p className="muted">{t('certificates.crlHint')}</p>
        <button className="button" disabled={!ready || publishing.busy} onClick={() => void publishing.run()}>
          {t('certificates.crlPublish')}
        </button>
        <ErrorNote message={publishing.error} />
      </section>
      {renaming && (
        <RenameDialog
          entry={renaming}
          onDone={(name) => {
            setRenamed(name);
            void loading.run();
          }}
          onClose={() => setRenaming(null)}
        />
      )}
      {revoking && <RevokeDialog entry={revoking} onDone={setIssued} onClose={() => setRevoking(null)} />}
    </section>
  );
}
