import { useTranslation } from 'react-i18next';
import type { Sm2Info } from '../../../shared/domain/records';
import { formatDate } from '../meetings/format';

/** The SM2 (国密) certificate beside the RSA one, and the seal the office issued with it (its picture shown). */
export function Sm2Status({ info }: { info: Sm2Info }) {
  const { t } = useTranslation();
  if (info.state === 'requested') return <p className="muted">{t('certRequest.sm2Requested')}</p>;
  return (
    <div className="sm2-status" role="status">
      <p className="success-note">
        ✓{' '}
        {info.ca
          ? t('certificates.sm2Ready', { name: info.name, validTo: formatDate(info.validTo) })
          : t('certRequest.sm2Installed', { name: info.name, issuer: info.issuer, validTo: formatDate(info.validTo) })}
      </p>
      {info.seal && (
        <figure className="seal-figure">
          <img src={info.seal.picture} alt={info.seal.name} width={120} height={120} />
          <figcaption className="muted small">
            {t('certRequest.sealCaption', {
              name: info.seal.name,
              id: info.seal.id,
              validTo: formatDate(info.seal.validTo),
            })}
          </figcaption>
        </figure>
      )}
    </div>
  );
}
