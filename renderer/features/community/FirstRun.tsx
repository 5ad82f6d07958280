import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileKind } from '../../../shared/domain/community';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { CommunityForm } from './CommunityForm';

/** The first screen: is this a community's computer or the sub-district office's, and what is it called? */
export function FirstRun() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ProfileKind>('community');
  return (
    <main className="first-run">
      <div className="first-run-top">
        <LanguageSwitch />
      </div>
      <section className="first-run-card" aria-labelledby="first-run-title">
        <div className="brand-mark large" aria-hidden="true">
          <img src="./icon.svg" alt="" />
        </div>
        <h1 id="first-run-title">{t('firstRun.title')}</h1>
        <fieldset className="profile-kind">
          <legend>{t('subDistrict.kindTitle')}</legend>
          {(['community', 'sub_district'] as const).map((k) => (
            <label key={k} className={kind === k ? 'kind-choice selected' : 'kind-choice'}>
              <input type="radio" name="profile-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              <strong>{t(k === 'community' ? 'subDistrict.community' : 'subDistrict.office')}</strong>
              <span className="muted small">
                {t(k === 'community' ? 'subDistrict.communityHint' : 'subDistrict.officeHint')}
              </span>
            </label>
          ))}
        </fieldset>
        <p className="lead">{kind === 'community' ? t('firstRun.intro') : t('subDistrict.intro')}</p>
        <CommunityForm key={kind} kind={kind} submitLabel={t('firstRun.submit')} />
        <p className="muted small">{t('firstRun.dataNote')}</p>
      </section>
    </main>
  );
}
