import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../../shared/domain/meeting';
import { formatSpan } from '../../../shared/dates';
import { i18n } from '../../i18n';
import { formatLocalDateTime } from './format';

/** 计划 and 实际 side by side, so nobody mistakes the planned time for the clicks the minutes use. */
export function MeetingTimes({ meeting }: { meeting: Pick<Meeting, 'scheduledAt' | 'startedAt' | 'closedAt'> }) {
  const { t } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <span className="meeting-times">
      {meeting.scheduledAt ? (
        <span>{t('meetings.planned', { time: formatLocalDateTime(meeting.scheduledAt) })}</span>
      ) : (
        <span className="muted">{t('meetings.unscheduled')}</span>
      )}
      {meeting.startedAt && (
        <span>
          {t('meetings.actual', {
            time: formatSpan(meeting.startedAt, meeting.closedAt, locale, { weekday: true }),
          })}
        </span>
      )}
    </span>
  );
}
