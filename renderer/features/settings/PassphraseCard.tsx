import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { ErrorNote, Field } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { useApp } from '../../stores/app';

/** A new data passphrase: the main side re-encrypts the file and every backup under a new key (rekey). */
export function PassphraseCard() {
  const { t } = useTranslation();
  const keyKind = useApp((s) => (s.status?.state === 'ready' ? s.status.keyKind : null));
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const change = useAction(async () => {
    await call('settings:changePassphrase', { current, next });
    setCurrent('');
    setNext('');
    setAgain('');
    setDone(true);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    setMismatch(next !== again);
    if (next === again) void change.run();
  };
  return (
    <section className="card" aria-labelledby="passphrase-title">
      <h2 id="passphrase-title">{t('settings.passphraseTitle')}</h2>
      {keyKind === 'os' ? (
        <p className="muted">{t('settings.passphraseKeychain')}</p>
      ) : (
        <form onSubmit={submit}>
          <p className="muted">{t('settings.passphraseHint')}</p>
          <Field
            label={t('settings.passphraseCurrent')}
            name="current-passphrase"
            type="password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(event) => setCurrent(event.target.value)}
          />
          <Field
            label={t('settings.passphraseNext')}
            name="new-passphrase"
            type="password"
            autoComplete="new-password"
            required
            value={next}
            onChange={(event) => setNext(event.target.value)}
            hint={t('unlock.strengthHint')}
          />
          <Field
            label={t('settings.passphraseRepeat')}
            name="repeat-passphrase"
            type="password"
            autoComplete="new-password"
            required
            value={again}
            onChange={(event) => setAgain(event.target.value)}
          />
          <ErrorNote message={mismatch ? t('unlock.mismatch') : change.error} />
          {done && (
            <p className="success-note" role="status">
              ✓ {t('settings.passphraseChanged')}
            </p>
          )}
          <div className="form-actions">
            <button className="button" type="submit" disabled={change.busy}>
              {t('settings.passphraseChange')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
