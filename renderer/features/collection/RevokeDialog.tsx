import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  revocationReasonLabels,
  revocationReasons,
  type IssuedCertificate,
  type RevocationReason,
} from '../../../shared/domain/records';
import { call } from '../../api/client';
import { Modal } from '../../components/Dialog';
import { DateField } from '../../components/DateField';
import { ErrorNote } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { pick } from '../../i18n';

const todayKey = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** Revoke a certificate the office issued: from which day (what it signed before stays valid) and why. */
export function RevokeDialog({
  entry,
  onDone,
  onClose,
}: {
  entry: IssuedCertificate;
  onDone(list: IssuedCertificate[]): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const [date, setDate] = useState(todayKey());
  const [reason, setReason] = useState<RevocationReason>('key_compromise');
  const revoking = useAction(async () => {
    onDone(await call('ca:revoke', { id: entry.id, date, reason }));
    onClose();
  });
  return (
    <Modal labelledBy={titleId} onClose={onClose}>
      <h2 id={titleId}>{t('certificates.revokeTitle')}</h2>
      <p>{t('certificates.revokeIntro', { unit: entry.unit || entry.subject })}</p>
      <DateField name="revoke-date" label={t('certificates.revokeDate')} value={date} required onChange={setDate} />
      <label className="field" htmlFor="revoke-reason">
        <span className="field-label">{t('certificates.revokeReason')}</span>
        <select id="revoke-reason" value={reason} onChange={(e) => setReason(e.target.value as RevocationReason)}>
          {revocationReasons.map((r) => (
            <option key={r} value={r}>
              {pick(revocationReasonLabels[r])}
            </option>
          ))}
        </select>
      </label>
      <p className="muted">{t('certificates.revokeHint')}</p>
      <ErrorNote message={revoking.error} />
      <div className="form-actions">
        <button className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button className="button danger" disabled={!date || revoking.busy} onClick={() => void revoking.run()}>
          {t('certificates.revoke')}
        </button>
      </div>
    </Modal>
  );
}
