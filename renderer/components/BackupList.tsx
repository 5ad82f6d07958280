import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo } from '../../shared/contract';
import { call } from '../api/client';
import { ErrorNote } from './Field';
import { useAction } from './useAction';

/** The automatic backups, newest first; restoring one sets the current file aside and never overwrites it. */
export function BackupList() {
  const { t } = useTranslation();
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const list = useCallback(async () => setBackups(await call('backup:list', {})), []);
  const load = useAction(list);
  const restore = useAction(async (backup: BackupInfo) => {
    if (!window.confirm(t('backups.confirm', { time: new Date(backup.createdAt).toLocaleString() }))) return;
    await call('backup:restore', { name: backup.name });
    window.location.reload();
  });
  const { run } = load;
  useEffect(() => void run(), [run]);

  const reasonOf = (reason: string) => {
    const meeting = /^meeting-(\d+)-closed$/.exec(reason);
    return meeting
      ? t('backups.meetingClosed', { id: meeting[1] })
      : t(`backups.reasons.${reason}`, { defaultValue: reason });
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
                <td>{new Date(backup.createdAt).toLocaleString()}</td>
                <td>{reasonOf(backup.reason)}</td>
                <td>{(backup.bytes / 1024).toFixed(0)} KB</td>
                <td className="actions">
                  <button className="button small" disabled={restore.busy} onClick={() => void restore.run(backup)}>
                    {t('backups.restore')}
                  </button>
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
