import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileKind } from '../../../shared/domain/community';
import { ErrorNote, Field } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { useApp } from '../../stores/app';

const fields = {
  community: [
    'name',
    'subDistrict',
    'district',
    'pavilionName',
    'pavilionPlace',
    'contactName',
    'contactPhone',
    'noticeBoard',
  ],
  sub_district: ['name', 'district'],
} as const;
type FieldName = (typeof fields)['community'][number];
const empty: Record<FieldName, string> = {
  name: '',
  subDistrict: '',
  district: '',
  pavilionName: '',
  pavilionPlace: '',
  contactName: '',
  contactPhone: '',
  noticeBoard: '',
};
/** Printed on notices and 公示 when given; a profile can be saved without them. */
const optional: readonly FieldName[] = ['contactName', 'contactPhone', 'noticeBoard'];
const maxLength: Partial<Record<FieldName, number>> = {
  pavilionPlace: 120,
  noticeBoard: 120,
  contactName: 40,
  contactPhone: 30,
};

const pickFields = (c: Partial<Record<FieldName, string>>) =>
  Object.fromEntries(fields.community.map((f) => [f, c[f] ?? ''])) as Record<FieldName, string>;

/** The profile — a community's or a sub-district office's — for the first-run screen and Settings. */
export function CommunityForm({
  submitLabel,
  kind,
  onSaved,
}: {
  submitLabel: string;
  kind: ProfileKind;
  onSaved?: () => void;
}) {
  const { t } = useTranslation();
  const community = useApp((s) => s.community);
  const saveProfile = useApp((s) => s.saveProfile);
  // Only the profile's own fields: the saved record also carries its kind and time, which a save must not send.
  const [profile, setProfile] = useState<Record<FieldName, string>>(() =>
    community ? { ...empty, ...pickFields(community) } : empty,
  );
  const save = useAction(saveProfile);
  const labels = kind === 'community' ? 'community' : 'subDistrict';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok =
      kind === 'community'
        ? await save.run({ kind, profile })
        : await save.run({ kind, profile: { name: profile.name, district: profile.district } });
    if (ok) onSaved?.();
  }

  return (
    <form className="form" onSubmit={(e) => void submit(e)}>
      {fields[kind].map((field, index) => (
        <Field
          key={field}
          name={field}
          label={t(`${labels}.${field as 'name' | 'district'}`)}
          placeholder={t(`${labels}.${field as 'name' | 'district'}Placeholder`)}
          value={profile[field]}
          required={!optional.includes(field)}
          type={field === 'contactPhone' ? 'tel' : 'text'}
          maxLength={maxLength[field] ?? 60}
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
