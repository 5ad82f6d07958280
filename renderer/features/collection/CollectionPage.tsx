import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { batchesOf, bundleRejectionLabels, type CollectedBundle } from '../../../shared/domain/bundle';
import { call } from '../../api/client';
import { fileToBase64 } from '../../api/files';
import { ErrorNote } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { useIncomingFiles } from '../../stores/incoming';
import { pick } from '../../i18n';
import { useCollection } from '../../stores/collection';
import { useIdentity } from '../../stores/minutes';
import { hrefOf } from '../../stores/router';
import { formatLocalDateTime } from '../meetings/format';
import { RecordButtons, saveRecord } from '../records/RecordButtons';
import { FilePicker } from '../../components/FilePicker';

const verdictClass: Record<CollectedBundle['verdict'], string> = {
  trusted: 'verdict-valid',
  unknown_signer: 'verdict-warn',
  rejected: 'verdict-tampered',
};

/** A bundle's verdict, and a refused one's reason. */
function Verdict({ bundle: b }: { bundle: CollectedBundle }) {
  const { t } = useTranslation();
  return (
    <>
      <span className={`badge ${verdictClass[b.verdict]}`}>{t(`collection.verdict.${b.verdict}`)}</span>
      {b.reason && (
        <div className="error-note small">
          {pick(bundleRejectionLabels[b.reason])}
          {b.detail && <span className="mono">（{b.detail}）</span>}
        </div>
      )}
    </>
  );
}

/** 街道汇总: bring in the communities' bundles one by one — each checked whole, a bad one refused with its reason. */
export function CollectionPage() {
  const { t } = useTranslation();
  const { bundles, load } = useCollection();
  const { run: runLoad, error: loadError } = useAction(load);
  const identity = useIdentity((s) => s.status);
  const loadIdentity = useIdentity((s) => s.load);
  const [progress, setProgress] = useState<{ done: number; total: number; file: string } | null>(null);
  const [summary, setSummary] = useState<string | null>(null);
  /** This import's verdicts, in the order the files were picked. */
  const [verdicts, setVerdicts] = useState<CollectedBundle[]>([]);
  useEffect(() => {
    void runLoad();
    void loadIdentity();
  }, [runLoad, loadIdentity]);

  const importing = useAction(async (files: File[]) => {
    const zips = files.filter((f) => /\.zip$/i.test(f.name));
    setSummary(null);
    setVerdicts([]);
    if (!zips.length) return setSummary(t('collection.noZip'));
    const results: CollectedBundle[] = [];
    // A folder goes in batches, each one command and one commit: what came back is saved, whatever follows.
    try {
      for (const batch of batchesOf(zips, (f) => Math.ceil(f.size / 3) * 4)) {
        setProgress({ done: results.length, total: zips.length, file: batch[0]!.name });
        const payload = await Promise.all(batch.map(async (f) => ({ fileName: f.name, data: await fileToBase64(f) })));
        results.push(...(await call('collection:importMany', { files: payload })));
        setVerdicts([...results]);
      }
    } finally {
      await load();
    }
    const count = (verdict: CollectedBundle['verdict']) => results.filter((r) => r.verdict === verdict).length;
    setSummary(
      t('collection.summary', {
        total: results.length,
        trusted: count('trusted'),
        unknown: count('unknown_signer'),
        rejected: count('rejected'),
      }),
    );
  });
  const pickFiles = (list: FileList | File[] | null) => {
    const files = [...(list ?? [])];
    if (files.length) void importing.run(files).finally(() => setProgress(null));
  };
  useIncomingFiles('bundle', pickFiles);
  const unlocked = identity?.current?.unlocked ?? false;
  const receipt = useAction((id: number) => saveRecord('collection:receipt', { id }));

  return (
    <section className="page" aria-labelledby="collection-title">
      <header className="page-header">
        <h1 id="collection-title">{t('collection.title')}</h1>
      </header>
      {identity && !identity.current && (
        <p className="warning-banner" role="alert">
          {t('collection.noCa')} <a href={hrefOf({ page: 'certificates' })}>{t('collection.noCaLink')} →</a>
        </p>
      )}
      <section className="card">
        <p className="muted">{t('collection.hint')}</p>
        <div className="header-actions">
          <FilePicker
            label={t('collection.pickFiles')}
            accept=".zip,application/zip"
            multiple
            look="primary"
            disabled={importing.busy}
            onFiles={pickFiles}
          />
          <FilePicker label={t('collection.pickFolder')} folder disabled={importing.busy} onFiles={pickFiles} />
        </div>
        {progress && (
          <div role="status" className="import-progress">
            <progress value={progress.done} max={progress.total} />
            <span>{t('collection.progress', progress)}</span>
          </div>
        )}
        {summary && (
          <p className="success-note" role="status">
            {summary}
          </p>
        )}
        <ErrorNote message={importing.error ?? loadError} />
        {verdicts.length > 0 && (
          <details className="import-verdicts" open={verdicts.length <= 50}>
            <summary>{t('collection.verdicts', { count: verdicts.length })}</summary>
            <ol aria-label={t('collection.verdictsLabel')}>
              {verdicts.map((b) => (
                <li key={b.id}>
                  <span className="small">{b.fileName}</span> <Verdict bundle={b} />
                </li>
              ))}
            </ol>
          </details>
        )}
      </section>
      {bundles && bundles.length > 0 && (
        <section className="card" aria-labelledby="receipts-title">
          <h2 id="receipts-title">{t('collection.receiptsTitle')}</h2>
          <p className="muted">{t('collection.receiptsHint')}</p>
          <RecordButtons buttons={[{ label: t('collection.receipts'), channel: 'collection:receipts', input: {} }]} />
          <ErrorNote message={receipt.error} />
        </section>
      )}
      {bundles?.length === 0 && (
        <div className="empty-state">
          <p className="empty-title">{t('collection.empty')}</p>
        </div>
      )}
      {bundles && bundles.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>{t('collection.columns.file')}</th>
              <th>{t('collection.columns.unit')}</th>
              <th>{t('collection.columns.signer')}</th>
              <th>{t('collection.columns.meetings')}</th>
              <th>{t('collection.columns.verdict')}</th>
              <th>{t('collection.columns.importedAt')}</th>
              <th aria-label={t('collection.receipt')} />
            </tr>
          </thead>
          <tbody>
            {bundles.map((b) => (
              <tr key={b.id}>
                <td className="small">{b.fileName}</td>
                <td>{b.unit}</td>
                <td>{b.signer}</td>
                <td>
                  {b.verdict === 'rejected' ? '' : b.meetings}
                  {b.sealed > 0 && <div className="small">{t('collection.sealed', { count: b.sealed })}</div>}
                </td>
                <td>
                  <Verdict bundle={b} />
                </td>
                <td className="small">{formatLocalDateTime(b.importedAt)}</td>
                <td className="actions">
                  <button
                    className="button small"
                    disabled={!unlocked || receipt.busy}
                    onClick={() => void receipt.run(b.id)}
                  >
                    {t('collection.receipt')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
