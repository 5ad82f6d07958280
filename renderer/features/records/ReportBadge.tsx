import { reportStateLabels, type MeetingReport, type ReportState } from '../../../shared/domain/receipt';
import { pick } from '../../i18n';

const stateClass: Record<ReportState, string> = {
  reported: 'verdict-warn',
  verified: 'verdict-valid',
  refused: 'verdict-tampered',
};

/** 已上报 / 已核验 / 被拒收, with the office's reason under a refusal. */
export function ReportBadge({ report }: { report: MeetingReport }) {
  return (
    <>
      <span className={`badge ${stateClass[report.state]}`} data-report={report.state}>
        {pick(reportStateLabels[report.state])}
      </span>
      {report.state === 'refused' && report.reason && (
        <div className="error-note small">
          {pick(report.reason)}
          {report.detail && <span>（{report.detail}）</span>}
        </div>
      )}
    </>
  );
}
