import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  modifiedSentence,
  noteSentence,
  problemSentence,
  sealSentence,
  type VerifyReport,
} from '../../../shared/domain/records';
import { pick } from '../../i18n';
import { call } from '../../api/client';
import { fileToBase64 } from '../../api/files';
import { ErrorNote } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { useIncomingFiles } from '../../stores/incoming';
import { formatLocalDateTime } from '../meetings/format';
import { FilePicker } from '../../components/FilePicker';

const verdictClass: Record<VerifyReport['verdict'], string> = {
  valid: 'verdict-valid',
  tampered: 'verdict-tampered',
  unsigned: 'verdict-warn',
  unknown_signer: 'verdict-warn',
  invalid_certificate: 'verdict-tampered',
};

/** Sentences declared once in shared/, in the UI's language. */
const both = (say: (locale: 'zh-CN' | 'en') => string) => pick({ 'zh-CN': say('zh-CN'), en: say('en') });

/** Open any PDF or OFD and say plainly whether it is as it was signed, who signed it, and which minutes it matches. */
export function VerifyCard() {
  const { t } = useTranslation();
  const [reports, setReports] = useState<VerifyReport[]>([]);
  const [progress, setProgress] = useState<string | null>(null);
  const verifying = useAction(async (files: File[]) => {
    const done: VerifyReport[] = [];
    for (const [i, file] of files.entries()) {
      setProgress(`${t('records.verify.working')} ${i + 1}/${files.length}`);
      done.push(await call('record:verify', { fileName: file.name, data: await fileToBase64(file) }));
      setReports([...done]);
    }
    setProgress(null);
  });
  useIncomingFiles('record', (files) => void verifying.run(files).finally(() => setProgress(null)));
  return (
    <section className="card" aria-labelledby="verify-title">
      <h2 id="verify-title">{t('records.verify.title')}</h2>
      <p className="muted">{t('records.verify.hint')}</p>
      <FilePicker
        label={t('records.verify.choose')}
        accept=".pdf,.ofd,application/pdf,application/ofd"
        multiple
        look="area"
        onFiles={(files) => void verifying.run(files).finally(() => setProgress(null))}
      />
      {progress && (
        <p className="muted" role="status">
          {progress}
        </p>
      )}
      <ErrorNote message={verifying.error} />
      <ul className="verify-list">
        {reports.map((report, i) => (
          <li key={`${report.fileName}-${i}`} className="verify-item">
            <div className="verify-head">
              <strong>{report.fileName}</strong>
              <span className={`badge ${verdictClass[report.verdict]}`}>
                {t(`records.verify.verdict.${report.verdict}`)}
              </span>
            </div>
            {report.reason && <p className="error-note">{t(`records.verify.reason.${report.reason}`)}</p>}
            {report.problem && (
              <p className="error-note">
                {both((l) => problemSentence(report.problem!.code, report.problem!.date, l))}
              </p>
            )}
            {report.notes.map((note) => (
              <p key={note.code} className="muted">
                {both((l) => noteSentence(note, l))}
              </p>
            ))}
            {report.modified && <p className="error-note">{both((l) => modifiedSentence(report.modified!, l))}</p>}
            {/* A PDF's SM2 seal beside its RSA signature: present and valid, or why not, or none (RSA only). */}
            {report.sm2Seal ? (
              <p className={report.sm2Seal.verdict === 'valid' ? 'success-note' : 'error-note'}>
                {both((l) => sealSentence(report.sm2Seal, l))}
              </p>
            ) : (
              report.signer &&
              /\.pdf$/i.test(report.fileName) && <p className="muted">{both((l) => sealSentence(null, l))}</p>
            )}
            <dl className="facts">
              {report.signer && (
                <>
                  <dt>{t('records.verify.signer')}</dt>
                  <dd>
                    {report.signer.name} <span className="mono small">{report.signer.fingerprint}</span>
                  </dd>
                </>
              )}
              {report.signedAt && (
                <>
                  <dt>{t('records.verify.signedAt')}</dt>
                  <dd>{formatLocalDateTime(report.signedAt)}</dd>
                </>
              )}
              {report.contentHash && (
                <>
                  <dt>{t('records.verify.hash')}</dt>
                  <dd className="mono small">{report.contentHash}</dd>
                </>
              )}
            </dl>
            {/* Only a record this database signed can match its minutes; a copied hash proves nothing. */}
            {report.verdict === 'valid' && (
              <p className={['current', 'reported'].includes(report.match.state) ? 'success-note' : 'muted'}>
                {t(`records.verify.match.${report.match.state}`, {
                  title: report.match.state === 'none' ? '' : report.match.title,
                  unit: report.match.state === 'reported' ? report.match.unit : '',
                })}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
