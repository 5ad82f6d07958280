import { useTranslation } from 'react-i18next';
import { recordKinds } from '../../../shared/domain/records';
import { RecordButtons, type FileButton } from '../records/RecordButtons';

/** The signed records of finalized minutes, and the bundle that reports them to the sub-district. */
export function RecordExport({ meetingId }: { meetingId: number }) {
  const { t } = useTranslation();
  const records: FileButton[] = [
    ...recordKinds.map((kind) => ({
      label: t(`records.${kind}`),
      channel: 'record:export' as const,
      input: { id: meetingId, kind, format: 'pdf' as const },
    })),
    {
      label: t('records.resolutionsPng'),
      channel: 'record:export',
      input: { id: meetingId, kind: 'resolutions', format: 'png' },
    },
  ];
  const standards: FileButton[] = [
    {
      label: t('records.minutesOfd'),
      channel: 'record:export',
      input: { id: meetingId, kind: 'minutes', format: 'ofd' },
    },
    {
      label: t('records.resolutionsOfd'),
      channel: 'record:export',
      input: { id: meetingId, kind: 'resolutions', format: 'ofd' },
    },
    {
      label: t('records.minutesArchive'),
      channel: 'record:export',
      input: { id: meetingId, kind: 'minutes', format: 'pdfa' },
    },
  ];
  return (
    <>
      <section className="card" aria-labelledby="record-export-title">
        <h2 id="record-export-title">{t('records.exportTitle')}</h2>
        <p className="muted">{t('records.exportHint')}</p>
        <RecordButtons buttons={records} />
        <p className="muted">{t('records.formatsHint')}</p>
        <RecordButtons buttons={standards} showIdentity={false} />
      </section>
      <section className="card" aria-labelledby="bundle-title">
        <h2 id="bundle-title">{t('bundle.title')}</h2>
        <p className="muted">{t('bundle.hint')}</p>
        <RecordButtons
          showIdentity={false}
          buttons={[{ label: t('bundle.meeting'), channel: 'bundle:export', input: { meetingId } }]}
        />
      </section>
    </>
  );
}
