import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../../shared/domain/meeting';
import { call } from '../../api/client';
import { downloadBase64 } from '../../api/files';
import { ErrorNote } from '../../components/Field';
import { exportDespiteMissing } from '../../components/missingGlyphs';
import { useAction } from '../../components/useAction';

/** 会议通知 for the notice board (A4 PDF) and for WeChat groups (a phone-sized picture). */
export function NoticeExport({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const [declined, setDeclined] = useState(false);
  const exporting = useAction(async (format: 'pdf' | 'png' | 'sheet') => {
    setDeclined(false);
    const { missing } = await call('meeting:noticeCheck', { id: meeting.id });
    if (!(await exportDespiteMissing(missing))) return setDeclined(true);
    const file =
      format === 'sheet'
        ? await call('meeting:signInSheet', { id: meeting.id })
        : await call('meeting:notice', { id: meeting.id, format });
    downloadBase64(file.fileName, file.data, file.type);
  });
  return (
    <section className="card" aria-labelledby="notice-title">
      <h2 id="notice-title">{t('notice.title')}</h2>
      <p className="muted">{t('notice.hint')}</p>
      <div className="header-actions">
        <button className="button" disabled={exporting.busy} onClick={() => void exporting.run('pdf')}>
          {t('notice.pdf')}
        </button>
        <button className="button" disabled={exporting.busy} onClick={() => void exporting.run('png')}>
          {t('notice.png')}
        </button>
        <button className="button" disabled={exporting.busy} onClick={() => void exporting.run('sheet')}>
          {t('notice.sheet')}
        </button>
        {exporting.busy && <span className="muted">{t('notice.working')}</span>}
        {declined && !exporting.busy && (
          <span className="muted" role="status">
            {t('notice.notExported')}
          </span>
        )}
      </div>
      <ErrorNote message={exporting.error} />
    </section>
  );
}
