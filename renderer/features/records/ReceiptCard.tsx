import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReceiptImported } from '../../../shared/domain/receipt';
import { call } from '../../api/client';
import { fileToBase64 } from '../../api/files';
import { ErrorNote } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { useIncomingFiles } from '../../stores/incoming';
import { useMeetings } from '../../stores/meetings';
import { useReports } from '../../stores/reports';
import { hrefOf } from '../../stores/router';
import { formatMoment } from '../meetings/format';
import { ReportBadge } from './ReportBadge';
import { FilePicker } from '../../components/FilePicker';

/** 街道回执: the office's signed answer to each bundle, imported here; then each reported meeting's verdict. */
export function ReceiptCard() {
  const { t } = useTranslation();
  const { byMeeting, load } = useReports();
  const { list, loadList } = useMeetings();
  const [imported, setImported] = useState<ReceiptImported | null>(null);
  const refresh = useAction(async () => {
    await Promise.all([load(), loadList()]);
  });
  const importing = useAction(async (file: File) => {
    setImported(null);
    setImported(await call('receipt:import', { fileName: file.name, data: await fileToBase64(file) }));
    await load();
  });
  useEffect(() => {
    void refresh.run();
  }, [refresh.run]); // eslint-disable-line react-hooks/exhaustive-deps
  useIncomingFiles('receipt', (files) => void importing.run(files[0]!));

  const reported = (list ?? []).filter((m) => byMeeting?.[m.id]);
  return (
    <section className="card" aria-labelledby="receipt-title">
      <h2 id="receipt-title">{t('receipt.title')}</h2>
      <p className="muted">{t('receipt.hint')}</p>
      <FilePicker
        label={t('receipt.import')}
        accept=".ysreceipt,.zip"
        disabled={importing.busy}
        onFiles={(files) => void importing.run(files[0]!)}
      />
      {imported && (
        <p className="success-note" role="status">
          ✓ {t('receipt.imported', { count: imported.applied, meetings: imported.meetings })}
          {imported.others > 0 && ` ${t('receipt.others', { count: imported.others })}`}
        </p>
      )}
      <ErrorNote message={importing.error ?? refresh.error} />
      {byMeeting && reported.length === 0 && <p className="muted">{t('receipt.none')}</p>}
      {reported.length > 0 && (
        <table className="table" aria-label={t('receipt.tableLabel')}>
          <thead>
            <tr>
              <th>{t('receipt.columns.meeting')}</th>
              <th>{t('receipt.columns.exportedAt')}</th>
              <th>{t('receipt.columns.state')}</th>
            </tr>
          </thead>
          <tbody>
            {reported.map((meeting) => {
              const report = byMeeting![meeting.id]!;
              return (
                <tr key={meeting.id}>
                  <td>
                    <a className="strong-link" href={hrefOf({ page: 'meeting', id: meeting.id })}>
                      {meeting.title}
                    </a>
                  </td>
                  <td className="small">{formatMoment(report.exportedAt)}</td>
                  <td>
                    <ReportBadge report={report} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
