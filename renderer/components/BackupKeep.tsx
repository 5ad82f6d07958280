import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { ErrorNote, Field } from './Field';
import { useAction } from './useAction';

/** How many automatic backups to keep; saved when the field is left. */
export function BackupKeep() {
  const { t } = useTranslation();
  const [keep, setKeep] = useState('');
  const [saved, setSaved] = useState<number | null>(null);
  const load = useAction(async () => setKeep(String(await call('backup:getKeep', {}))));
  const save = useAction(async (value: number) => setSaved(await call('backup:setKeep', { keep: value })));
  const { run } = load;
  useEffect(() => void run(), [run]);
  return (
    <div className="inline-form">
      <Field
        name="backupKeep"
        type="number"
        min={3}
        max={100}
        label={t('backups.keep')}
        hint={saved === null ? t('backups.keepHint') : `✓ ${t('backups.keepSaved', { count: saved })}`}
        value={keep}
        onChange={(e) => setKeep(e.target.value)}
        onBlur={() => void save.run(Number(keep))}
      />
      <ErrorNote message={load.error ?? save.error} />
    </div>
  );
}
