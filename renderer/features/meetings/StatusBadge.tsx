import { meetingStatusLabels, type MeetingStatus } from '../../../shared/domain/meeting';
import { pick } from '../../i18n';

export function StatusBadge({ status }: { status: MeetingStatus }) {
  return <span className={`badge status-${status}`}>{pick(meetingStatusLabels[status])}</span>;
}
