import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { meetingKindLabels, meetingKinds, type Meeting, type MeetingKind } from '../../../shared/domain/meeting';
import { DateField } from '../../components/DateField';
import { Field } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import { useAction } from '../../components/useAction';
import { pick } from '../../i18n';
import { useApp } from '../../stores/app';
import { useMeetings } from '../../stores/meetings';

type Draft = { title: string; kind: MeetingKind; day: string; time: string; place: string };

/** Create a meeting, or edit the title, time and place of one that is not closed. */
export function MeetingDialog({
  meeting,
  onClose,
  onSaved,
}: {
  meeting?: Meeting;
  onClose(): void;
  onSaved?(m: Meeting): void;
}) {
  const { t } = useTranslation();
  const pavilionPlace = useApp((s) => s.community?.pavilionPlace ?? '');
  const { create, update } = useMeetings();
  const [draft, setDraft] = useState<Draft>({
    title: meeting?.title ?? '',
    kind: meeting?.kind ?? 'pavilion',
    day: meeting?.scheduledAt?.slice(0, 10) ?? '',
    time: meeting?.scheduledAt?.slice(11, 16) ?? '',
    place: meeting?.place ?? pavilionPlace,
  });
  const save = useAction(async ({ day, time, ...value }: Draft) => {
    const scheduledAt = day ? `${day}T${time}` : null;
    if (meeting) {
      await update(meeting.id, { title: value.title, scheduledAt, place: value.place });
      onSaved?.(meeting);
    } else {
      onSaved?.(await create({ ...value, scheduledAt }));
    }
  });

  return (
    <FormDialog
      title={meeting ? t('meetingForm.editTitle') : t('meetingForm.createTitle')}
      submitLabel={meeting ? t('common.save') : t('meetingForm.create')}
      busy={save.busy}
      error={save.error}
      onSubmit={() => save.run(draft)}
      onClose={onClose}
    >
      <Field
        name="title"
        label={t('meetingForm.title')}
        placeholder={t('meetingForm.titlePlaceholder')}
        value={draft.title}
        required
        maxLength={120}
        autoFocus
        onChange={(e) => setDraft({ ...draft, title: e.target.value })}
      />
      {!meeting && (
        <label className="field" htmlFor="field-kind">
          <span className="field-label">{t('meetingForm.kind')}</span>
          <select
            id="field-kind"
            value={draft.kind}
            onChange={(e) => setDraft({ ...draft, kind: e.target.value as MeetingKind })}
          >
            {meetingKinds.map((kind) => (
              <option key={kind} value={kind}>
                {pick(meetingKindLabels[kind])}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="form-row">
        <DateField
          name="scheduledDay"
          label={t('meetingForm.day')}
          value={draft.day}
          required={Boolean(draft.time)}
          onChange={(day) => setDraft({ ...draft, day })}
        />
        {/* A day without its hour would print "另行通知" on the notice: both or neither. */}
        <Field
          name="scheduledTime"
          type="time"
          label={t('meetingForm.time')}
          value={draft.time}
          required={Boolean(draft.day)}
          onChange={(e) => setDraft({ ...draft, time: e.target.value })}
        />
      </div>
      <Field
        name="place"
        label={t('meetingForm.place')}
        value={draft.place}
        maxLength={120}
        onChange={(e) => setDraft({ ...draft, place: e.target.value })}
      />
    </FormDialog>
  );
}
