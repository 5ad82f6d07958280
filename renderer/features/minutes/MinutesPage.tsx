import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { useMeetings } from '../../stores/meetings';
import { useMinutes } from '../../stores/minutes';
import { hrefOf } from '../../stores/router';
import { RecordExport } from './RecordExport';
import { DraftEditor } from './DraftEditor';
import { FinalView } from './FinalView';

export function MinutesPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const minutes = useMinutes((s) => s.byId[id]);
  const meeting = useMeetings((s) => s.byId[id]);
  const loadMinutes = useAction(useMinutes.getState().load);
  const loadMeeting = useMeetings((s) => s.load);

  useEffect(() => {
    void loadMinutes.run(id);
    void loadMeeting(id);
  }, [id, loadMinutes.run, loadMeeting]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <section className="page minutes-page" aria-labelledby="minutes-title">
      <a className="back-link" href={hrefOf({ page: 'meeting', id })}>
        ← {meeting?.title ?? t('common.back')}
      </a>
      {!minutes ? (
        loadMinutes.error ? (
          <ErrorNote message={loadMinutes.error} />
        ) : (
          <p className="muted">{t('common.loading')}</p>
        )
      ) : (
        <>
          <header className="page-header">
            <div>
              <p className="eyebrow">{t('minutes.title')}</p>
              <h1 id="minutes-title">
                {minutes.content.header.title}{' '}
                <span className={`badge ${minutes.status === 'final' ? 'status-closed' : 'status-draft'}`}>
                  {t(`minutes.${minutes.status}`)}
                </span>
              </h1>
            </div>
          </header>
          {minutes.status === 'draft' ? (
            <DraftEditor minutes={minutes} defaultBy={meeting?.recorder || meeting?.host || ''} />
          ) : (
            <>
              <FinalView minutes={minutes} />
              <RecordExport meetingId={id} />
            </>
          )}
        </>
      )}
    </section>
  );
}
