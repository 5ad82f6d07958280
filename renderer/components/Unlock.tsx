import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useApp } from '../stores/app';
import { BackupList } from './BackupList';
import { ErrorNote, Field } from './Field';
import { LanguageSwitch } from './LanguageSwitch';
import { useAction } from './useAction';

/**
 * The first screen when the data file's key comes from a passphrase (the browser host; the desktop app without a
 * system keychain): the passphrase opens the data, or on a new install is chosen, twice. A forgotten one gets
 * its own screen: nothing, not even Yishiting, can open the data without it, and no new database is made.
 */
export function Unlock({ setup }: { setup: boolean }) {
  const { t } = useTranslation();
  const load = useApp((s) => s.load);
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [forgotten, setForgotten] = useState(false);
  const unlock = useAction(async () => {
    await call('app:unlock', { passphrase });
    await load();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const differs = setup && passphrase !== again;
    setMismatch(differs);
    if (!differs) void unlock.run();
  };

  if (forgotten) {
    return (
      <main className="first-run">
        <div className="first-run-top">
          <LanguageSwitch />
        </div>
        <section className="first-run-card" role="alert" aria-labelledby="forgotten-title">
          <h1 id="forgotten-title">{t('unlock.forgottenTitle')}</h1>
          <p className="lead">{t('unlock.forgottenText')}</p>
          <p className="muted">{t('unlock.forgottenBackups')}</p>
          <BackupList />
          <div className="form-actions">
            <button className="button primary" onClick={() => setForgotten(false)}>
              {t('unlock.tryAgain')}
            </button>
          </div>
        </section>
      </main>
    );
  }
  return (
    <main className="first-run">
      <div className="first-run-top">
        <LanguageSwitch />
      </div>
      <section className="first-run-card" aria-labelledby="unlock-title">
        <h1 id="unlock-title">{setup ? t('unlock.setupTitle') : t('unlock.title')}</h1>
        <p className="lead">{setup ? t('unlock.setupLead') : t('unlock.lead')}</p>
        <form onSubmit={submit}>
          <Field
            label={setup ? t('unlock.newPassphrase') : t('unlock.passphrase')}
            name="passphrase"
            type="password"
            autoComplete={setup ? 'new-password' : 'current-password'}
            autoFocus
            required
            value={passphrase}
            onChange={(event) => setPassphrase(event.target.value)}
            hint={setup ? t('unlock.strengthHint') : undefined}
          />
          {setup && (
            <Field
              label={t('unlock.repeat')}
              name="repeat"
              type="password"
              autoComplete="new-password"
              required
              value={again}
              onChange={(event) => setAgain(event.target.value)}
            />
          )}
          <ErrorNote message={mismatch ? t('unlock.mismatch') : unlock.error} />
          <div className="form-actions">
            <button className="button primary" type="submit" disabled={unlock.busy}>
              {unlock.busy ? t('unlock.opening') : setup ? t('unlock.setupSubmit') : t('unlock.submit')}
            </button>
            {!setup && (
              <button className="button" type="button" onClick={() => setForgotten(true)}>
                {t('unlock.forgot')}
              </button>
            )}
          </div>
        </form>
      </section>
    </main>
  );
}
