import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo } from '../../shared/contract';
import { call } from '../api/client';
import { formatMoment } from '../features/meetings/format';
import { confirmDialog } from './Dialog';
import { ErrorNote } from './Field';
import { useAction } from './useAction';

/**
 * The automatic backups and the files earlier restores set aside (replaced/), newest first by their own record;
 * restoring one sets the current file aside and never overwrites it. A copy that is empty or damaged is shown
 * as such and not offered.
 */
export function BackupList() {
  const { t } = useTranslation();
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const list = useCallback(async () => setBackups(await call('backup:list', {})), []);
  const load = useAction(list);
  const restore = useAction(async (backup: BackupInfo) => {
    const confirmed = await confirmDialog({
      title: t('backups.confirmTitle'),
      message: t('backups.confirm', { time: formatMoment(backup.createdAt) }),
      confirm: t('backups.restoreNow'),
    });
    if (!confirmed) return;
    await call('backup:restore', { name: backup.name });
    window.location.reload();
  });
  const { run } = load;
  useEffect(() => void run(), [run]);

  const reasonOf = (reason: string) => {
    const meeting = /^meeting-(\d+)-closed$/.exec(reason);
    if (meeting) return t('backups.meetingClosed', { id: meeting[1] });
    if (reason === 'start') return t('backups.reasons.start');
    return reason === 'replaced' ? t('backups.reasons.replaced') : t('backups.reasons.other');
  };
  return (
    <div>
      {backups?.length === 0 && <p className="muted">{t('backups.none')}</p>}
      {backups && backups.length > 0 && (
        <table className="table compact" aria-label={t('backups.title')}>
          <thead>
            <tr>
              <th>{t('backups.time')}</th>
              <th>{t('backups.reason')}</th>
              <th>{t('backups.size')}</th>
              <th aria-label={t('backups.restore')} />
            </tr>
          </thead>
          <tbody>
            {backups.map((backup) => (
              <tr key={backup.name}>
                <td>{formatMoment(backup.createdAt)}</td>
                <td>{reasonOf(backup.reason)}</td>
                <td>{(backup.bytes / 1024).toFixed(0)} KB</td>
                <td className="actions">
                  {backup.usable ? (
                    <button className="button small" disabled={restore.busy} onClick={() => void restore.run(backup)}>
                      {t('backups.restore')}
                    </button>
                  ) : (
                    <span className="muted">{t('backups.damaged')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorNote message={load.error ?? restore.error} />
    </div>
  );
}
