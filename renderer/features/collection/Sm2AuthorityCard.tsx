import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { ErrorNote } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { useIdentity } from '../../stores/minutes';
import { Sm2Status } from '../records/Sm2Status';

/** The office's SM2 (国密) CA beside its RSA one: created once, under the same names. */
export function Sm2AuthorityCard() {
  const { t } = useTranslation();
  const { status, load } = useIdentity();
  const creating = useAction(async () => {
    await call('ca:createSm2', {});
    await load();
  });
  const ready = status?.current?.unlocked ?? false;
  return (
    <section className="card" aria-labelledby="sm2-ca-title">
      <h2 id="sm2-ca-title">{t('certificates.sm2Title')}</h2>
      {status?.sm2 ? (
        <Sm2Status info={status.sm2} />
      ) : (
        <>
          <p className="muted">{t('certificates.sm2None')}</p>
          <button
            type="button"
            className="button"
            disabled={!ready || creating.busy}
            onClick={() => void creating.run()}
          >
            {t('certificates.sm2Create')}
          </button>
        </>
      )}
      <ErrorNote message={creating.error} />
    </section>
  );
}
