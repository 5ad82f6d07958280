import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote, Field } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { useFollowup } from '../../stores/followup';

/** 监督员队伍: who may record supervision checks. */
export function SupervisorsCard() {
  const { t } = useTranslation();
  const { supervisors, saveSupervisor } = useFollowup();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const saving = useAction(saveSupervisor);
  return (
    <section className="card" aria-labelledby="supervisors-title">
      <h2 id="supervisors-title">{t('followup.supervisors')}</h2>
      <p className="muted small">{t('followup.supervisorsHint')}</p>
      <ul className="plain-list">
        {supervisors.map((s) => (
          <li key={s.id}>
            {s.name} <span className="muted small">{s.phoneMasked}</span>
          </li>
        ))}
      </ul>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void saving.run({ name, phone }).then((ok) => ok && (setName(''), setPhone('')));
        }}
      >
        <Field
          name="supervisor-name"
          label={t('followup.supervisorName')}
          value={name}
          required
          maxLength={30}
          onChange={(e) => setName(e.target.value)}
        />
        <Field
          name="supervisor-phone"
          label={t('followup.supervisorPhone')}
          value={phone}
          maxLength={30}
          type="tel"
          onChange={(e) => setPhone(e.target.value)}
        />
        <ErrorNote message={saving.error} />
        <button className="button" type="submit" disabled={saving.busy}>
          ＋ {t('followup.addSupervisor')}
        </button>
      </form>
    </section>
  );
}
