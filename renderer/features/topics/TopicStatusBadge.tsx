import { topicStatusLabels, type TopicStatus } from '../../../shared/domain/topic';
import { pick } from '../../i18n';

export function TopicStatusBadge({ status }: { status: TopicStatus }) {
  return <span className={`badge topic-${status}`}>{pick(topicStatusLabels[status])}</span>;
}
