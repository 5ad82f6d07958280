import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  canConsult,
  canMoveTopic,
  canWriteCase,
  consultationKindLabels,
  consultationKinds,
  decisionStatus,
  topicLevelLabels,
  topicSourceLabels,
  triageDecisionLabels,
  triageDecisions,
  type ConsultationKind,
  type TriageDecision,
  type TopicDetail,
} from '../../../shared/domain/topic';
import { call } from '../../api/client';
import { fileToBase64 } from '../../api/files';
import { Modal } from '../../components/Dialog';
import { useIncomingFiles } from '../../stores/incoming';
import { ErrorNote, Field } from '../../components/Field';
import { DateField } from '../../components/DateField';
import { useAction } from '../../components/useAction';
import { categoryName, pick } from '../../i18n';
import { formatDate, formatMoment, today } from '../meetings/format';
import { hrefOf } from '../../stores/router';
import { useTopics } from '../../stores/topics';
import { makeThumbnail } from './thumbnail';
import { TopicDialog } from './TopicDialog';
import { TopicStatusBadge } from './TopicStatusBadge';
import { TriageDialog, type TriageAction } from './TriageDialog';

/** A topic's history is its audit events: each action the app writes, by its key in topics.events. */
const topicEvents = {
  'topic.create': 'create',
  'topic.update': 'update',
  'topic.triage': 'triage',
  'topic.duplicate': 'duplicate',
  'topic.consultation': 'consultation',
  'topic.photo': 'photo',
  'topic.scheduled': 'scheduled',
  'topic.unscheduled': 'unscheduled',
  'topic.decided': 'decided',
  'topic.implementing': 'implementing',
  'topic.done': 'done',
  'case.save': 'caseSave',
} as const;
const eventOf = (action: string) =>
  action in topicEvents ? topicEvents[action as keyof typeof topicEvents] : ('other' as const);

export function TopicPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const topic = useTopics((s) => s.details[id]);
  const loadDetail = useTopics((s) => s.loadDetail);
  const { run: runLoad, error: loadError } = useAction(loadDetail);
  const [editing, setEditing] = useState(false);
  const [action, setAction] = useState<TriageAction | null>(null);

  useEffect(() => {
    void runLoad(id);
  }, [id, runLoad]);

  if (!topic) {
    return (
      <section className="page">
        <a href="#/topics">← {t('topics.back')}</a>
        {loadError ? <ErrorNote message={loadError} /> : <p className="muted">{t('common.loading')}</p>}
      </section>
    );
  }

  const decisions = triageDecisions.filter((d) => canMoveTopic(topic.status, decisionStatus[d]));
  return (
    <section className="page" aria-labelledby="topic-title">
      <a className="back-link" href="#/topics">
        ← {t('topics.back')}
      </a>
      <header className="page-header">
        <div>
          <p className="eyebrow">
            {categoryName(topic.category)} · {pick(topicLevelLabels[topic.level])}
          </p>
          <h1 id="topic-title">
            {topic.title} <TopicStatusBadge status={topic.status} />
          </h1>
          <p className="muted">
            {pick(topicSourceLabels[topic.source])} · {topic.raisedBy || t('topics.anonymous')} ·{' '}
            {formatDate(topic.raisedOn)}
            {(topic.building || topic.lane) &&
              ` · ${[topic.building && t('topics.buildingNo', { n: topic.building }), topic.lane].filter(Boolean).join(' ')}`}
          </p>
        </div>
        <div className="header-actions">
          <button className="button" onClick={() => setEditing(true)}>
            {t('common.edit')}
          </button>
          {canWriteCase(topic.status) && (
            <a className="button" href={hrefOf({ page: 'case', id: topic.id })}>
              {t('typicalCase.button')}
            </a>
          )}
          {decisions.map((decision, i) => (
            <button
              key={decision}
              className={i === 0 ? 'button primary' : 'button'}
              onClick={() => setAction({ kind: 'decision', decision })}
            >
              {t(`topics.actions.${decision}`)}
            </button>
          ))}
        </div>
      </header>
      {topic.description && <p className="card prose">{topic.description}</p>}
      {topic.decision && (
        <p className="card">
          <strong>
            {pick(triageDecisionLabels[topic.decision])}
            {topic.referredTo && ` → ${topic.referredTo}`}
          </strong>
          {topic.decisionReason && `：${topic.decisionReason}`}
        </p>
      )}
      <Consultations topic={topic} />
      <Photos topic={topic} />
      <section className="card">
        <h2>{t('topics.history')}</h2>
        <ol className="timeline">
          {topic.history.map((entry, i) => (
            <li key={i}>
              <time dateTime={entry.at}>{formatMoment(entry.at)}</time> {t(`topics.events.${eventOf(entry.action)}`)}
              <HistoryDetail detail={entry.detail} />
            </li>
          ))}
        </ol>
      </section>
      {editing && <TopicDialog topic={topic} onClose={() => setEditing(false)} />}
      {action && (
        <TriageDialog
          action={action}
          topics={[topic]}
          candidates={[]}
          onDone={() => loadDetail(id)}
          onClose={() => setAction(null)}
        />
      )}
    </section>
  );
}

function Consultations({ topic }: { topic: TopicDetail }) {
  const { t } = useTranslation();
  const empty = {
    kind: 'visit' as ConsultationKind,
    date: today(),
    households: 0,
    summary: '',
  };
  const [draft, setDraft] = useState(empty);
  const add = useAction(async () => {
    await call('topic:addConsultation', { topicId: topic.id, ...draft });
    setDraft(empty);
    await useTopics.getState().loadDetail(topic.id);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void add.run();
  };
  const reached = topic.consultations.reduce((sum, c) => sum + c.households, 0);
  return (
    <section className="card">
      <h2>
        {t('topics.consultations')} <span className="muted small">{t('topics.reached', { count: reached })}</span>
      </h2>
      {topic.consultations.length > 0 && (
        <ul className="plain-list">
          {topic.consultations.map((c) => (
            <li key={c.id}>
              <strong>
                {formatDate(c.date)} {pick(consultationKindLabels[c.kind])}
              </strong>{' '}
              · {t('topics.households', { count: c.households })} · {c.summary}
            </li>
          ))}
        </ul>
      )}
      {topic.consultations.length === 0 && !canConsult(topic.status) && (
        <p className="muted">{t('topics.noConsultation')}</p>
      )}
      {canConsult(topic.status) && (
        <form className="inline-form" onSubmit={submit}>
          <label className="field">
            <span className="field-label">{t('topics.consultationKind')}</span>
            <select
              value={draft.kind}
              onChange={(e) => setDraft({ ...draft, kind: e.target.value as ConsultationKind })}
            >
              {consultationKinds.map((k) => (
                <option key={k} value={k}>
                  {pick(consultationKindLabels[k])}
                </option>
              ))}
            </select>
          </label>
          <DateField
            name="consultationDate"
            label={t('topics.consultationDate')}
            value={draft.date}
            required
            onChange={(value) => setDraft({ ...draft, date: value })}
          />
          <Field
            name="households"
            type="number"
            min={0}
            max={100000}
            label={t('topics.householdsReached')}
            value={draft.households}
            onChange={(e) => setDraft({ ...draft, households: Number(e.target.value) })}
          />
          <Field
            name="summary"
            className="grow"
            label={t('topics.opinions')}
            required
            maxLength={4000}
            value={draft.summary}
            onChange={(e) => setDraft({ ...draft, summary: e.target.value })}
          />
          <button className="button" type="submit" disabled={add.busy}>
            {t('topics.addConsultation')}
          </button>
        </form>
      )}
      <ErrorNote message={add.error} />
    </section>
  );
}

function Photos({ topic }: { topic: TopicDetail }) {
  const { t } = useTranslation();
  const [viewing, setViewing] = useState<string | null>(null);
  const upload = useAction(async (files: File[]) => {
    for (const file of files) {
      const thumbnail = await makeThumbnail(file).catch(() => 'data:image/jpeg;base64,');
      await call('topic:addPhoto', {
        topicId: topic.id,
        fileName: file.name,
        data: await fileToBase64(file),
        thumbnail,
      });
    }
    await useTopics.getState().loadDetail(topic.id);
  });
  useIncomingFiles('photo', (files) => void upload.run(files));
  const open = useAction(async (photoId: number) => {
    const photo = await call('topic:photo', { id: photoId });
    setViewing(`data:${photo.type};base64,${photo.data}`);
  });
  return (
    <section className="card">
      <h2>{t('topics.photos')}</h2>
      <div className="photos">
        {topic.photos.map((photo) => (
          <button key={photo.id} className="photo" title={photo.fileName} onClick={() => void open.run(photo.id)}>
            <img src={photo.thumbnail} alt={photo.fileName} />
          </button>
        ))}
        <label className="photo add">
          ＋ {t('topics.addPhoto')}
          <input
            type="file"
            accept="image/jpeg,image/png,image/webp"
            multiple
            aria-label={t('topics.addPhoto')}
            onChange={(e) => void upload.run([...(e.target.files ?? [])])}
          />
        </label>
      </div>
      <ErrorNote message={upload.error ?? open.error} />
      {viewing && <PhotoView src={viewing} onClose={() => setViewing(null)} />}
    </section>
  );
}

/** A photo at full size; Esc, the button or a click on the picture closes it. */
function PhotoView({ src, onClose }: { src: string; onClose(): void }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <Modal labelledBy={titleId} className="dialog lightbox" onClose={onClose}>
      <h2 id={titleId} className="visually-hidden">
        {t('topics.photos')}
      </h2>
      <img src={src} alt="" onClick={onClose} />
      <div className="form-actions">
        <button className="button" data-autofocus onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Modal>
  );
}

/** What the audit event adds: the meeting of each round (a topic may take several), or the triage reason. */
function HistoryDetail({ detail }: { detail: string }) {
  const { t } = useTranslation();
  const payload = JSON.parse(detail) as { meetingId?: number; decision?: TriageDecision; reason?: string };
  if (payload.meetingId) {
    return (
      <>
        {' · '}
        <a href={hrefOf({ page: 'meeting', id: payload.meetingId })}>
          {t('topics.meetingNo', { id: payload.meetingId })}
        </a>
      </>
    );
  }
  if (payload.decision)
    return <>{` · ${pick(triageDecisionLabels[payload.decision])}${payload.reason ? `：${payload.reason}` : ''}`}</>;
  return null;
}
