import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { meetingKindLabels, meetingKinds, type Meeting, type MeetingKind } from '../../../shared/domain/meeting';
import { ErrorNote, Field } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { pick } from '../../i18n';
import { useApp } from '../../stores/app';
import { useMeetings } from '../../stores/meetings';

type Draft = { title: string; kind: MeetingKind; scheduledAt: string; place: string };

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
  const dialog = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState<Draft>({
    title: meeting?.title ?? '',
    kind: meeting?.kind ?? 'pavilion',
    scheduledAt: meeting?.scheduledAt ?? '',
    place: meeting?.place ?? pavilionPlace,
  });
  const save = useAction(async (value: Draft) => {
    const scheduledAt = value.scheduledAt || null;
    if (meeting) {
      await update(meeting.id, { title: value.title, scheduledAt, place: value.place });
      onSaved?.(meeting);
    } else {
      onSaved?.(await create({ ...value, scheduledAt }));
    }
  });

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await save.run(draft)) onClose();
  }

  return (
    <dialog ref={dialog} className="dialog" onClose={onClose} aria-labelledby="meeting-dialog-title">
      <form className="form" onSubmit={(e) => void submit(e)}>
        <h2 id="meeting-dialog-title">{meeting ? t('meetingForm.editTitle') : t('meetingForm.createTitle')}</h2>
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
          <Field
            name="scheduledAt"
            type="datetime-local"
            label={t('meetingForm.time')}
            value={draft.scheduledAt}
            onChange={(e) => setDraft({ ...draft, scheduledAt: e.target.value })}
          />
          <Field
            name="place"
            label={t('meetingForm.place')}
            value={draft.place}
            maxLength={120}
            onChange={(e) => setDraft({ ...draft, place: e.target.value })}
          />
        </div>
        <ErrorNote message={save.error} />
        <div className="form-actions">
          <button className="button" type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button className="button primary" type="submit" disabled={save.busy}>
            {save.busy ? t('common.saving') : meeting ? t('common.save') : t('meetingForm.create')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
