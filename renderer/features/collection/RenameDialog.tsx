import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssuedCertificate } from '../../../shared/domain/records';
import { call } from '../../api/client';
import { downloadBase64 } from '../../api/files';
import { Modal } from '../../components/Dialog';
import { ErrorNote, Field } from '../../components/Field';
import { useAction } from '../../components/useAction';

/**
 * Rename a community: the office issues a successor certificate for the same community and key under the new
 * name. Its earlier reports stay its own (one community by its uid); its new ones count under the new name.
 */
export function RenameDialog({
  entry,
  onDone,
  onClose,
}: {
  entry: IssuedCertificate;
  onDone(fileName: string): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const [name, setName] = useState(entry.name);
  const renaming = useAction(async () => {
    const certificate = await call('ca:rename', { id: entry.id, name });
    downloadBase64(certificate.fileName, certificate.data, certificate.type);
    onDone(certificate.fileName);
    onClose();
  });
  const unit = entry.unit.replace(new RegExp(`${entry.name}居民委员会$`), `${name.trim()}居民委员会`);
  return (
    <Modal labelledBy={titleId} onClose={onClose}>
      <h2 id={titleId}>{t('certificates.renameTitle')}</h2>
      <p>{t('certificates.renameIntro', { unit: entry.unit })}</p>
      <Field
        label={t('certificates.renameName')}
        name="rename-name"
        value={name}
        required
        maxLength={60}
        onChange={(e) => setName(e.target.value)}
        hint={t('certificates.renameUnit', { unit })}
      />
      <p className="muted">{t('certificates.renameHint')}</p>
      <ErrorNote message={renaming.error} />
      <div className="form-actions">
        <button className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button className="button primary" disabled={!name.trim() || renaming.busy} onClick={() => void renaming.run()}>
          {t('certificates.renameIssue')}
        </button>
      </div>
    </Modal>
  );
}
