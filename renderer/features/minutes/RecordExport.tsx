import { useTranslation } from 'react-i18next';
import type { RecordKind } from '../../../shared/domain/records';
import { call } from '../../api/client';
import { downloadBase64 } from '../../api/files';
import { ErrorNote } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { useIdentity } from '../../stores/minutes';
import { IdentityCard } from '../records/IdentityCard';

const exports: { kind: RecordKind; format: 'pdf' | 'png'; label: string }[] = [
  { kind: 'minutes', format: 'pdf', label: 'records.minutes' },
  { kind: 'sign_in', format: 'pdf', label: 'records.sign_in' },
  { kind: 'resolutions', format: 'pdf', label: 'records.resolutions' },
  { kind: 'resolutions', format: 'png', label: 'records.resolutionsPng' },
];

/** The signed records of finalized minutes; asks for the signing identity first when it is missing or locked. */
export function RecordExport({ meetingId }: { meetingId: number }) {
  const { t } = useTranslation();
  const ready = useIdentity((s) => s.status?.current?.unlocked ?? false);
  const exporting = useAction(async (kind: RecordKind, format: 'pdf' | 'png') => {
    const file = await call('record:export', { id: meetingId, kind, format });
    // Never print tofu silently: the file is made, but the secretary is told which characters no font has.
    if (file.missing.length) window.alert(t('notice.missing', { chars: file.missing.join(' ') }).split('\n\n')[0]);
    downloadBase64(file.fileName, file.data, file.type);
  });
  return (
    <>
      {!ready && <IdentityCard compact />}
      <section className="card" aria-labelledby="record-export-title">
        <h2 id="record-export-title">{t('records.exportTitle')}</h2>
        <p className="muted">{t('records.exportHint')}</p>
        <div className="header-actions">
          {exports.map(({ kind, format, label }) => (
            <button
              key={`${kind}-${format}`}
              className="button"
              disabled={!ready || exporting.busy}
              onClick={() => void exporting.run(kind, format)}
            >
              {t(label)}
            </button>
          ))}
          {exporting.busy && (
            <span className="muted" role="status">
              {t('records.working')}
            </span>
          )}
        </div>
        <ErrorNote message={exporting.error} />
      </section>
    </>
  );
}
