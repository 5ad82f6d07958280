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
import { FormDialog } from '../../components/FormDialog';
import { useAction } from '../../components/useAction';
import { pick } from '../../i18n';
import { refreshTopic, useTopics } from '../../stores/topics';

type Draft = Input<'topic:create'>;

const today = () => new Date().toLocaleDateString('sv-SE'); // YYYY-MM-DD in local time

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

  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });

  return (
    <FormDialog
      title={topic ? t('topics.editTitle') : t('topics.createTitle')}
      submitLabel={t('common.save')}
      busy={save.busy}
      error={save.error}
      onSubmit={() => save.run(draft)}
      onClose={onClose}
    >
      <Field
        name="title"
        label={t('topics.fields.title')}
        placeholder={t('topics.titlePlaceholder')}
        value={draft.title}
        required
        maxLength={100}
        autoFocus
        onChange={(e) => set({ title: e.target.value })}
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
        <Field
          name="raisedOn"
          type="date"
          label={t('topics.fields.raisedOn')}
          value={draft.raisedOn}
          required
          onChange={(e) => set({ raisedOn: e.target.value })}
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
