import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tagName } from '../../i18n';
import { defaultResidentTags, genders, type Gender, type Resident } from '../../../shared/domain/resident';
import { call } from '../../api/client';
import { Field } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import { useAction } from '../../components/useAction';
import { useResidents } from '../../stores/residents';

type Draft = {
  name: string;
  gender: Gender | null;
  building: string;
  unit: string;
  room: string;
  phone: string;
  tags: string[];
  area: string;
};

/** Add a resident by hand or correct one; the stored phone is only replaced when a new one is typed. */
export function ResidentDialog({ resident, onClose }: { resident?: Resident; onClose(): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>({
    name: resident?.name ?? '',
    gender: resident?.gender ?? null,
    building: resident?.building ?? '',
    unit: resident?.unit ?? '',
    room: resident?.room ?? '',
    phone: '',
    tags: resident?.tags ?? [],
    area: resident?.area ? String(resident.area) : '',
  });
  const [extraTag, setExtraTag] = useState('');
  const save = useAction(async ({ phone, area, ...value }: Draft) => {
    await call('resident:save', {
      ...value,
      area: area.trim() ? Number(area) : null,
      ...(resident ? { id: resident.id } : {}),
      ...(phone || !resident ? { phone } : {}),
    });
    await useResidents.getState().refresh();
  });

  const toggle = (tag: string) =>
    setDraft({ ...draft, tags: draft.tags.includes(tag) ? draft.tags.filter((x) => x !== tag) : [...draft.tags, tag] });
  const tagChoices = [...new Set([...defaultResidentTags, ...draft.tags])];

  return (
    <FormDialog
      title={resident ? t('residents.editTitle') : t('residents.addTitle')}
      submitLabel={t('common.save')}
      busy={save.busy}
      error={save.error}
      onSubmit={() =>
        save.run({ ...draft, tags: extraTag.trim() ? [...new Set([...draft.tags, extraTag.trim()])] : draft.tags })
      }
      onClose={onClose}
    >
      <div className="form-row">
        <Field
          name="name"
          label={t('residents.columns.name')}
          value={draft.name}
          required
          maxLength={40}
          autoFocus
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
        />
        <label className="field" htmlFor="field-gender">
          <span className="field-label">{t('residents.columns.gender')}</span>
          <select
            id="field-gender"
            value={draft.gender ?? ''}
            onChange={(e) => setDraft({ ...draft, gender: (e.target.value || null) as Gender | null })}
          >
            <option value="">—</option>
            {genders.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="form-row three">
        <Field
          name="building"
          label={t('residents.building')}
          value={draft.building}
          maxLength={20}
          onChange={(e) => setDraft({ ...draft, building: e.target.value })}
        />
        <Field
          name="unit"
          label={t('residents.unit')}
          value={draft.unit}
          maxLength={20}
          onChange={(e) => setDraft({ ...draft, unit: e.target.value })}
        />
        <Field
          name="room"
          label={t('residents.room')}
          value={draft.room}
          maxLength={20}
          onChange={(e) => setDraft({ ...draft, room: e.target.value })}
        />
      </div>
      <div className="form-row">
        <Field
          name="phone"
          type="tel"
          label={t('residents.columns.phone')}
          value={draft.phone}
          maxLength={20}
          placeholder={resident?.phoneMasked ? t('residents.phoneKeep', { masked: resident.phoneMasked }) : ''}
          onChange={(e) => setDraft({ ...draft, phone: e.target.value })}
        />
        <Field
          name="area"
          type="number"
          min={0}
          step="0.01"
          label={t('residents.area')}
          value={draft.area}
          onChange={(e) => setDraft({ ...draft, area: e.target.value })}
        />
      </div>
      <fieldset className="tag-picker">
        <legend className="field-label">{t('residents.columns.tags')}</legend>
        {tagChoices.map((tag) => (
          <label key={tag} className={draft.tags.includes(tag) ? 'tag-choice on' : 'tag-choice'}>
            <input type="checkbox" checked={draft.tags.includes(tag)} onChange={() => toggle(tag)} />
            {tagName(tag)}
          </label>
        ))}
        <input
          className="tag-extra"
          aria-label={t('residents.otherTag')}
          placeholder={t('residents.otherTag')}
          value={extraTag}
          maxLength={20}
          onChange={(e) => setExtraTag(e.target.value)}
        />
      </fieldset>
    </FormDialog>
  );
}
