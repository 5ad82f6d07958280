import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { downloadBase64, fileToBase64 } from '../../api/files';
import { ErrorNote, Field } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import { useAction } from '../../components/useAction';
import { useIncomingFiles } from '../../stores/incoming';
import { formatDate } from '../meetings/format';
import { useIdentity } from '../../stores/minutes';

/**
 * The community's signing identity: create it on first use, unlock it with its passphrase once per start,
 * back it up as an encrypted P12, or import one the sub-district issued.
 */
export function IdentityCard({
  compact = false,
  title,
  intro,
  sm2Choice = false,
}: {
  compact?: boolean;
  /** The sub-district calls its identity its CA certificate. */
  title?: string;
  intro?: string;
  /** The office may create its SM2 CA together with the RSA one (else later, from its own card). */
  sm2Choice?: boolean;
}) {
  const { t } = useTranslation();
  const { status, load } = useIdentity();
  const loading = useAction(load);
  // A File: the import dialog for a .p12 dropped onto the window (or opened from the OS).
  const [dialog, setDialog] = useState<'export' | 'import' | 'passphrase' | File | null>(null);

  useEffect(() => {
    void loading.run();
  }, [loading.run]); // eslint-disable-line react-hooks/exhaustive-deps
  useIncomingFiles('p12', ([file]) => setDialog(file!));

  if (!status) return <ErrorNote message={loading.error} />;
  const { current } = status;
  return (
    <section className="card" aria-labelledby="identity-title">
      <h2 id="identity-title">{title ?? t('records.identity.title')}</h2>
      {!current && (
        <>
          <p className="muted">{intro ?? t('records.identity.none')}</p>
          <CreateForm needsPassphrase={status.protection === 'passphrase'} sm2Choice={sm2Choice} />
        </>
      )}
      {current && (
        <>
          <p className={current.unlocked ? 'success-note' : 'muted'} role="status">
            {current.unlocked ? `✓ ${t('records.identity.unlocked')}` : t('records.identity.locked')}
          </p>
          {!current.unlocked && <UnlockForm />}
          {!compact && (
            <dl className="facts">
              <dt>{t('records.identity.subject')}</dt>
              <dd>{current.subject}</dd>
              <dt>{t('records.identity.issuer')}</dt>
              <dd>{current.issuer}</dd>
              <dt>{t('records.identity.fingerprint')}</dt>
              <dd className="mono">{current.fingerprint}</dd>
              <dt>{t('records.identity.validTo')}</dt>
              <dd>
                {formatDate(current.validTo)} · {t(`records.identity.source.${current.source}`)} ·{' '}
                {t(`records.identity.protection.${current.protection}`)}
              </dd>
            </dl>
          )}
        </>
      )}
      {!compact && (
        <div className="header-actions">
          {current?.unlocked && (
            <button className="button" onClick={() => setDialog('export')}>
              {t('records.identity.exportP12')}
            </button>
          )}
          {current?.protection === 'passphrase' && (
            <button className="button" onClick={() => setDialog('passphrase')}>
              {t('records.identity.changePassphrase')}
            </button>
          )}
          <button className="button" onClick={() => setDialog('import')}>
            {t('records.identity.importP12')}
          </button>
        </div>
      )}
      {dialog === 'export' && (
        <ExportDialog askPassphrase={current?.protection === 'passphrase'} onClose={() => setDialog(null)} />
      )}
      {dialog === 'passphrase' && <ChangePassphraseDialog onClose={() => setDialog(null)} />}
      {(dialog === 'import' || dialog instanceof File) && (
        <ImportDialog
          needsPassphrase={status.protection === 'passphrase'}
          initial={dialog instanceof File ? dialog : undefined}
          onClose={() => setDialog(null)}
        />
      )}
    </section>
  );
}

/** A new passphrase (or backup password), typed twice: a typo here would lock the key away for good. */
function PassphraseFields({
  value,
  onChange,
  name = 'passphrase',
  label,
  confirmLabel,
  hint,
}: {
  value: [string, string];
  onChange(v: [string, string]): void;
  name?: string;
  label?: string;
  confirmLabel?: string;
  hint?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="form-row">
      <Field
        name={name}
        type="password"
        autoComplete="new-password"
        label={label ?? t('records.identity.passphrase')}
        hint={hint ?? t('records.identity.passphraseHint')}
        required
        minLength={8}
        value={value[0]}
        onChange={(e) => onChange([e.target.value, value[1]])}
      />
      <Field
        name={`${name}Confirm`}
        type="password"
        autoComplete="new-password"
        label={confirmLabel ?? t('records.identity.confirm')}
        required
        minLength={8}
        value={value[1]}
        onChange={(e) => onChange([value[0], e.target.value])}
      />
    </div>
  );
}

function CreateForm({ needsPassphrase, sm2Choice }: { needsPassphrase: boolean; sm2Choice: boolean }) {
  const { t } = useTranslation();
  const { create, load } = useIdentity();
  const [pair, setPair] = useState<[string, string]>(['', '']);
  const [mismatch, setMismatch] = useState(false);
  const [withSm2, setWithSm2] = useState(false);
  const creating = useAction(async (passphrase?: string) => {
    await create(passphrase);
    // The SM2 CA is made from the RSA one's names and sealed under its key, so it comes second.
    if (withSm2) {
      await call('ca:createSm2', {});
      await load();
    }
  });
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        setMismatch(needsPassphrase && pair[0] !== pair[1]);
        if (!needsPassphrase || pair[0] === pair[1]) void creating.run(needsPassphrase ? pair[0] : undefined);
      }}
    >
      {needsPassphrase && <PassphraseFields value={pair} onChange={setPair} />}
      {sm2Choice && (
        <label className="check">
          <input type="checkbox" checked={withSm2} onChange={(e) => setWithSm2(e.target.checked)} />
          {t('certificates.sm2AtSetUp')}
        </label>
      )}
      <ErrorNote message={mismatch ? t('records.identity.mismatch') : creating.error} />
      <div>
        <button className="button primary" type="submit" disabled={creating.busy}>
          {creating.busy ? t('records.identity.creating') : t('records.identity.create')}
        </button>
      </div>
    </form>
  );
}

function UnlockForm() {
  const { t } = useTranslation();
  const unlock = useIdentity((s) => s.unlock);
  const [passphrase, setPassphrase] = useState('');
  const unlocking = useAction(unlock);
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void unlocking.run(passphrase);
      }}
    >
      <Field
        name="unlock"
        type="password"
        autoComplete="current-password"
        label={t('records.identity.passphrase')}
        required
        value={passphrase}
        onChange={(e) => setPassphrase(e.target.value)}
      />
      <button className="button primary" type="submit" disabled={unlocking.busy}>
        {t('records.identity.unlock')}
      </button>
      <ErrorNote message={unlocking.error} />
    </form>
  );
}

/**
 * A backup holds the key itself, so it asks for the signing passphrase again even while the key is unlocked:
 * someone at an unattended screen must not walk away with it.
 */
function ExportDialog({ askPassphrase, onClose }: { askPassphrase: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [pair, setPair] = useState<[string, string]>(['', '']);
  const exporting = useAction(async () => {
    if (pair[0] !== pair[1]) throw new Error(t('records.identity.mismatch'));
    const file = await call('identity:exportP12', {
      passphrase: askPassphrase ? passphrase : undefined,
      password: pair[0],
    });
    downloadBase64(file.fileName, file.data, file.type);
  });
  return (
    <FormDialog
      title={t('records.identity.exportP12')}
      submitLabel={t('records.identity.exportP12')}
      busy={exporting.busy}
      error={exporting.error}
      onSubmit={() => exporting.run()}
      onClose={onClose}
    >
      {askPassphrase && (
        <Field
          name="exportPassphrase"
          type="password"
          autoComplete="current-password"
          label={t('records.identity.exportPassphrase')}
          required
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
        />
      )}
      <PassphraseFields
        name="p12Password"
        label={t('records.identity.p12Password')}
        confirmLabel={t('records.identity.p12Confirm')}
        hint={t('records.identity.p12Hint')}
        value={pair}
        onChange={setPair}
      />
    </FormDialog>
  );
}

function ChangePassphraseDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const load = useIdentity((s) => s.load);
  const [passphrase, setPassphrase] = useState('');
  const [pair, setPair] = useState<[string, string]>(['', '']);
  const changing = useAction(async () => {
    if (pair[0] !== pair[1]) throw new Error(t('records.identity.mismatch'));
    await call('identity:changePassphrase', { passphrase, newPassphrase: pair[0] });
    await load();
  });
  return (
    <FormDialog
      title={t('records.identity.changePassphrase')}
      submitLabel={t('records.identity.changePassphrase')}
      busy={changing.busy}
      error={changing.error}
      onSubmit={() => changing.run()}
      onClose={onClose}
    >
      <Field
        name="currentPassphrase"
        type="password"
        autoComplete="current-password"
        label={t('records.identity.currentPassphrase')}
        required
        value={passphrase}
        onChange={(e) => setPassphrase(e.target.value)}
      />
      <PassphraseFields
        name="newPassphrase"
        label={t('records.identity.newPassphrase')}
        confirmLabel={t('records.identity.confirmNew')}
        value={pair}
        onChange={setPair}
      />
    </FormDialog>
  );
}

function ImportDialog({
  needsPassphrase,
  initial,
  onClose,
}: {
  needsPassphrase: boolean;
  initial?: File;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const importP12 = useIdentity((s) => s.importP12);
  const [file, setFile] = useState<File | null>(initial ?? null);
  const [password, setPassword] = useState('');
  const [pair, setPair] = useState<[string, string]>(['', '']);
  const importing = useAction(async () => {
    if (!file) return;
    if (needsPassphrase && pair[0] !== pair[1]) throw new Error(t('records.identity.mismatch'));
    await importP12({
      fileName: file.name,
      data: await fileToBase64(file),
      password,
      passphrase: needsPassphrase ? pair[0] : undefined,
    });
  });
  return (
    <FormDialog
      title={t('records.identity.importP12')}
      submitLabel={t('records.identity.importP12')}
      busy={importing.busy}
      error={importing.error}
      onSubmit={() => importing.run()}
      onClose={onClose}
    >
      <p className="muted">{t('records.identity.importHint')}</p>
      <Field
        name="p12"
        type="file"
        accept=".p12,.pfx,application/x-pkcs12"
        label={t('records.identity.p12File')}
        required={!initial}
        onChange={(e) => setFile(e.target.files?.[0] ?? initial ?? null)}
      />
      {initial && file === initial && <p className="muted">{initial.name}</p>}
      <Field
        name="p12Password"
        type="password"
        label={t('records.identity.p12FilePassword')}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      {needsPassphrase && <PassphraseFields value={pair} onChange={setPair} />}
    </FormDialog>
  );
}
