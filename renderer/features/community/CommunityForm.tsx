import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommunityProfileInput } from '../../../shared/domain/community';
import { ErrorNote, Field } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { useApp } from '../../stores/app';

const fields = ['name', 'subDistrict', 'district', 'pavilionName', 'pavilionPlace'] as const;
const empty: CommunityProfileInput = { name: '', subDistrict: '', district: '', pavilionName: '', pavilionPlace: '' };

/** The community profile, used by the first-run screen and by Settings. */
export function CommunityForm({ submitLabel, onSaved }: { submitLabel: string; onSaved?: () => void }) {
  const { t } = useTranslation();
  const community = useApp((s) => s.community);
  const saveCommunity = useApp((s) => s.saveCommunity);
  const [profile, setProfile] = useState<CommunityProfileInput>(() => {
    if (!community) return empty;
    const { updatedAt: _updatedAt, ...current } = community;
    return current;
  });
  const save = useAction(saveCommunity);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await save.run(profile)) onSaved?.();
  }

  return (
    <form className="form" onSubmit={(e) => void submit(e)}>
      {fields.map((field, index) => (
        <Field
          key={field}
          name={field}
          label={t(`community.${field}`)}
          placeholder={t(`community.${field}Placeholder`)}
          value={profile[field]}
          required
          maxLength={field === 'pavilionPlace' ? 120 : 60}
          autoFocus={index === 0}
          onChange={(e) => setProfile({ ...profile, [field]: e.target.value })}
        />
      ))}
      <ErrorNote message={save.error} />
      <div className="form-actions">
        <button className="button primary" type="submit" disabled={save.busy}>
          {save.busy ? t('common.saving') : submitLabel}
        </button>
      </div>
    </form>
  );
}
