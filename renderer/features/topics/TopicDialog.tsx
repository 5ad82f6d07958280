import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../../shared/contract';
import {
  topicLevelLabels,
  topicLevels,
  topicSourceLabels,
  topicSources,
  type Topic,
} from '../../../shared/domain/topic';
import { call } from '../../api/client';
import { Field } from '../../components/Field';
import { DateField } from '../../components/DateField';
import { FormDialog } from '../../components/FormDialog';
import { useAction } from '../../components/useAction';
import { pick } from '../../i18n';
import { refreshTopic, useTopics } from '../../stores/topics';
import { today } from '../meetings/format';

type Draft = Input<'topic:create'>;

/** TopicFields.title's limit: what fits on the notice, the minutes and the projector. */
const titleMax = 100;

/** Collect a new topic, or correct one. Categories are free text with the usual ones offered. */
export function TopicDialog({ topic, onClose }: { topic?: Topic; onClose(): void }) {
  const { t } = useTranslation();
  const categories = useTopics((s) => s.categories);
  const [draft, setDraft] = useState<Draft>(
    topic
      ? {
          title: topic.title,
          description: topic.description,
          source: topic.source,
          raisedBy: topic.raisedBy,
          raisedOn: topic.raisedOn,
          category: topic.category,
          level: topic.level,
          building: topic.building,
          lane: topic.lane,
        }
      : {
          title: '',
          description: '',
          source: 'resident',
          raisedBy: '',
          raisedOn: today(),
          category: '',
          level: 'small',
          building: '',
          lane: '',
        },
  );
  const save = useAction(async (value: Draft) => {
    const saved = topic ? await call('topic:update', { id: topic.id, ...value }) : await call('topic:create', value);
    await Promise.all([refreshTopic(saved.id), useTopics.getState().loadList(), useTopics.getState().loadCategories()]);
  });

  useEffect(() => {
    void useTopics.getState().loadCategories();
  }, []);

  const [tried, setTried] = useState(false);
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  // A pasted 12345 complaint is often longer than a title: say so and offer to keep the rest, never cut it.
  const length = [...draft.title.trim()].length;
  const over = length - titleMax;
  function moveOverflow() {
    const full = draft.title.trim();
    set({
      title: [...full].slice(0, titleMax).join(''),
      description: [full, draft.description.trim()].filter(Boolean).join('\n\n'),
    });
  }

  return (
    <FormDialog
      title={topic ? t('topics.editTitle') : t('topics.createTitle')}
      submitLabel={t('common.save')}
      busy={save.busy}
      error={over > 0 && tried ? t('topics.titleTooLong', { max: titleMax, count: length }) : save.error}
      onSubmit={() => {
        setTried(true);
        return over > 0 ? Promise.resolve(false) : save.run(draft);
      }}
      onClose={onClose}
    >
      <Field
        name="title"
        label={t('topics.fields.title')}
        placeholder={t('topics.titlePlaceholder')}
        value={draft.title}
        required
        autoFocus
        aria-invalid={over > 0}
        onChange={(e) => set({ title: e.target.value })}
        hint={
          <span className={over > 0 ? 'error-text' : undefined}>
            {over > 0
              ? t('topics.titleTooLong', { max: titleMax, count: length })
              : t('topics.titleLeft', { count: titleMax - length })}
            {over > 0 && (
              <button type="button" className="button small inline" onClick={moveOverflow}>
                {t('topics.moveToDescription')}
              </button>
            )}
          </span>
        }
      />
      <label className="field" htmlFor="field-description">
        <span className="field-label">{t('topics.fields.description')}</span>
        <textarea
          id="field-description"
          rows={3}
          maxLength={4000}
          value={draft.description}
          onChange={(e) => set({ description: e.target.value })}
        />
      </label>
      <div className="form-row">
        <label className="field" htmlFor="field-source">
          <span className="field-label">{t('topics.fields.source')}</span>
          <select
            id="field-source"
            value={draft.source}
            onChange={(e) => set({ source: e.target.value as Draft['source'] })}
          >
            {topicSources.map((source) => (
              <option key={source} value={source}>
                {pick(topicSourceLabels[source])}
              </option>
            ))}
          </select>
        </label>
        <Field
          name="raisedBy"
          label={t('topics.fields.raisedBy')}
          value={draft.raisedBy}
          maxLength={60}
          onChange={(e) => set({ raisedBy: e.target.value })}
        />
      </div>
      <div className="form-row">
        <DateField
          name="raisedOn"
          label={t('topics.fields.raisedOn')}
          value={draft.raisedOn}
          required
          onChange={(value) => set({ raisedOn: value })}
        />
        <Field
          name="category"
          label={t('topics.fields.category')}
          value={draft.category}
          required
          maxLength={20}
          list="topic-categories"
          onChange={(e) => set({ category: e.target.value })}
        />
        <datalist id="topic-categories">
          {categories.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </div>
      <fieldset className="radio-row">
        <legend className="field-label">{t('topics.fields.level')}</legend>
        {topicLevels.map((level) => (
          <label key={level} className={draft.level === level ? 'tag-choice on' : 'tag-choice'}>
            <input type="radio" name="level" checked={draft.level === level} onChange={() => set({ level })} />
            {pick(topicLevelLabels[level])}
          </label>
        ))}
      </fieldset>
      <div className="form-row">
        <Field
          name="building"
          label={t('topics.fields.building')}
          value={draft.building}
          maxLength={20}
          onChange={(e) => set({ building: e.target.value })}
        />
        <Field
          name="lane"
          label={t('topics.fields.lane')}
          value={draft.lane}
          maxLength={60}
          onChange={(e) => set({ lane: e.target.value })}
        />
      </div>
    </FormDialog>
  );
}
