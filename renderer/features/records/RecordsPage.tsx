import { useTranslation } from 'react-i18next';
import { IdentityCard } from './IdentityCard';
import { CertificateRequestCard, PeriodBundleCard } from './ReportingCards';
import { ReceiptCard } from './ReceiptCard';
import { VerifyCard } from './VerifyCard';

/** 记录与签名: the community's signing identity, reporting to the sub-district, and checking any signed record. */
export function RecordsPage() {
  const { t } = useTranslation();
  return (
    <section className="page" aria-labelledby="records-title">
      <header className="page-header">
        <h1 id="records-title">{t('records.title')}</h1>
      </header>
      <IdentityCard />
      <CertificateRequestCard />
      <PeriodBundleCard />
      <ReceiptCard />
      <VerifyCard />
    </section>
  );
}
