import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, Input, Output, RecordFile } from '../../../shared/contract';
import { call } from '../../api/client';
import { downloadBase64 } from '../../api/files';
import { ErrorNote } from '../../components/Field';
import { exportDespiteMissing } from '../../components/missingGlyphs';
import { useAction } from '../../components/useAction';
import { useIdentity } from '../../stores/minutes';
import { IdentityCard } from './IdentityCard';

/** Channels that answer with a file to save. */
type FileChannel = { [C in Channel]: Output<C> extends RecordFile ? C : never }[Channel];
export type FileButton<C extends FileChannel = FileChannel> = {
  label: string;
  channel: C;
  input: Input<C>;
  /** A file without a signature (plain text, a spreadsheet) needs no unlocked identity. */
  unsigned?: boolean;
};

/** Ask the main side for a file and save it, unless it would print tofu and the secretary says no. */
export async function saveRecord<C extends FileChannel>(channel: C, input: Input<C>): Promise<boolean> {
  const file = (await call(channel, input)) as RecordFile;
  if (!(await exportDespiteMissing(file.missing))) return false;
  downloadBase64(file.fileName, file.data, file.type);
  return true;
}

/**
 * Buttons that each produce a file. Signed ones wait while the signing identity is missing or locked, with the
 * compact identity card shown first (unless another group on the page already shows it).
 */
export function RecordButtons({
  buttons,
  showIdentity = true,
  children,
}: {
  buttons: FileButton[];
  showIdentity?: boolean;
  /** More controls for the same row. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const ready = useIdentity((s) => s.status?.current?.unlocked ?? false);
  const [declined, setDeclined] = useState(false);
  const exporting = useAction(async (button: FileButton) => {
    setDeclined(false);
    setDeclined(!(await saveRecord(button.channel, button.input)));
  });
  const waiting = !ready && buttons.some((b) => !b.unsigned);
  return (
    <>
      {waiting && showIdentity && <IdentityCard compact />}
      <div className="header-actions">
        {buttons.map((button) => (
          <button
            key={button.label}
            className="button"
            disabled={(!ready && !button.unsigned) || exporting.busy}
            onClick={() => void exporting.run(button)}
          >
            {button.label}
          </button>
        ))}
        {children}
        {exporting.busy && (
          <span className="muted" role="status">
            {t('records.working')}
          </span>
        )}
        {declined && !exporting.busy && (
          <span className="muted" role="status">
            {t('notice.notExported')}
          </span>
        )}
      </div>
      <ErrorNote message={exporting.error} />
    </>
  );
}
