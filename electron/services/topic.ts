import { createHash, randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, like, or, type SQL } from 'drizzle-orm';
import {
  canConsult,
  canMoveTopic,
  decisionStatus,
  defaultTopicCategories,
  topicStatusLabels,
  type Topic,
  type TopicDetail,
  type TopicStatus,
} from '../../shared/domain/topic';
import { AppError } from '../../shared/errors';
import type { Tx } from '../db/audit';
import { readPhoto, removePhoto, sealClearPhotos, writePhoto } from '../db/photo-files';
import { auditEvent, topic, topicConsultation, topicPhoto } from '../db/schema';
import { change, type Handlers, type ServiceContext } from './context';

type TopicHandlers = Pick<
  Handlers,
  | 'topic:list'
  | 'topic:get'
  | 'topic:create'
  | 'topic:update'
  | 'topic:triage'
  | 'topic:markDuplicate'
  | 'topic:addConsultation'
  | 'topic:addPhoto'
  | 'topic:photo'
  | 'topic:categories'
>;

const imageTypes: { type: string; extension: string; matches: (b: Buffer) => boolean }[] = [
  { type: 'image/jpeg', extension: 'jpg', matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    type: 'image/png',
    extension: 'png',
    matches: (b) => b.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])),
  },
  {
    type: 'image/webp',
    extension: 'webp',
    matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
];

export function findTopic(tx: Pick<Tx, 'select'>, id: number): Topic {
  const row = tx.select().from(topic).where(eq(topic.id, id)).get();
  if (!row) throw new AppError('not_found', { entity: { 'zh-CN': '议题', en: 'topic' }, id });
  return row;
}

/** Move a topic along its life, refusing what canMoveTopic does not allow, with the topic's own name. */
export function moveTopic(tx: Tx, current: Topic, to: TopicStatus, extra: Partial<Topic>, at: string): void {
  if (!canMoveTopic(current.status, to)) {
    throw new AppError('topic_transition', {
      title: current.title,
      from: topicStatusLabels[current.status],
      to: topicStatusLabels[to],
    });
  }
  tx.update(topic)
    .set({ ...extra, status: to, updatedAt: at })
    .where(eq(topic.id, current.id))
    .run();
}

/** A topic with its consultations, photos and history (read from the audit log). */
export function topicDetail(ctx: ServiceContext, id: number): TopicDetail {
  const found = findTopic(ctx.db, id);
  const consultations = ctx.db
    .select()
    .from(topicConsultation)
    .where(eq(topicConsultation.topicId, id))
    .orderBy(asc(topicConsultation.date), asc(topicConsultation.id))
    .all();
  const photos = ctx.db
    .select({ id: topicPhoto.id, fileName: topicPhoto.fileName, thumbnail: topicPhoto.thumbnail })
    .from(topicPhoto)
    .where(eq(topicPhoto.topicId, id))
    .all();
  // The audit log already holds every step; the topic's history is read from it, not kept twice.
  const history = ctx.db
    .select({ at: auditEvent.at, action: auditEvent.action, detail: auditEvent.payload })
    .from(auditEvent)
    .where(and(eq(auditEvent.entity, 'topic'), eq(auditEvent.entityId, String(id))))
    .orderBy(asc(auditEvent.id))
    .all();
  return { ...found, consultations, photos, history };
}

export function topicService(ctx: ServiceContext): TopicHandlers {
  // Photos from before they were encrypted are sealed once, at the first start that has the key.
  sealClearPhotos(ctx.dataDir, ctx.dataKey());
  const changed = (ids: number[]) => {
    for (const id of ids) ctx.events.emit({ type: 'topic:changed', id });
  };

  return {
    'topic:list': ({ statuses, levels, sources, category, query }) => {
      const filters: (SQL | undefined)[] = [
        statuses?.length ? inArray(topic.status, statuses) : undefined,
        levels?.length ? inArray(topic.level, levels) : undefined,
        sources?.length ? inArray(topic.source, sources) : undefined,
        category ? eq(topic.category, category) : undefined,
        query
          ? or(
              like(topic.title, `%${query}%`),
              like(topic.description, `%${query}%`),
              like(topic.raisedBy, `%${query}%`),
            )
          : undefined,
      ];
      return ctx.db
        .select()
        .from(topic)
        .where(and(...filters))
        .orderBy(desc(topic.raisedOn), desc(topic.id))
        .all();
    },

    'topic:get': ({ id }) => topicDetail(ctx, id),

    'topic:create': (input) => {
      const created = change(ctx, (tx, audit) => {
        const stamp = ctx.now().toISOString();
        const row = tx
          .insert(topic)
          .values({ ...input, status: 'collected', createdAt: stamp, updatedAt: stamp })
          .returning()
          .get();
        audit({ action: 'topic.create', entity: 'topic', entityId: row.id, payload: input });
        return row;
      });
      changed([created.id]);
      return created;
    },

    'topic:update': ({ id, ...fields }) => {
      const updated = change(ctx, (tx, audit) => {
        findTopic(tx, id);
        tx.update(topic)
          .set({ ...fields, updatedAt: ctx.now().toISOString() })
          .where(eq(topic.id, id))
          .run();
        audit({ action: 'topic.update', entity: 'topic', entityId: id, payload: fields });
        return findTopic(tx, id);
      });
      changed([id]);
      return updated;
    },

    'topic:triage': ({ ids, decision, reason, referredTo }) => {
      if (decision !== 'accept' && !reason) throw new AppError('reason_required');
      if (decision === 'refer_department' && !referredTo) throw new AppError('department_required');
      const to = decision === 'refer_department' || decision === 'refer_mediation' ? referredTo : '';
      const result = change(ctx, (tx, audit) => {
        const at = ctx.now().toISOString();
        return ids.map((id) => {
          const fields = { decision, decisionReason: reason, referredTo: to };
          moveTopic(tx, findTopic(tx, id), decisionStatus[decision], fields, at);
          audit({
            action: 'topic.triage',
            entity: 'topic',
            entityId: id,
            payload: { decision, reason, referredTo: to },
          });
          return findTopic(tx, id);
        });
      });
      changed(ids);
      return result;
    },

    'topic:markDuplicate': ({ id, of }) => {
      if (id === of) throw new AppError('duplicate_of_itself');
      const result = change(ctx, (tx, audit) => {
        const original = findTopic(tx, of);
        const reason = `与议题 #${of}“${original.title}”重复`;
        moveTopic(
          tx,
          findTopic(tx, id),
          'declined',
          { decision: 'decline', decisionReason: reason, duplicateOf: of },
          ctx.now().toISOString(),
        );
        audit({ action: 'topic.duplicate', entity: 'topic', entityId: id, payload: { of } });
        return findTopic(tx, id);
      });
      changed([id]);
      return result;
    },

    'topic:addConsultation': (input) => {
      const added = change(ctx, (tx, audit) => {
        const current = findTopic(tx, input.topicId);
        if (!canConsult(current.status))
          throw new AppError('topic_closed_to_consultation', {
            title: current.title,
            status: topicStatusLabels[current.status],
          });
        const row = tx.insert(topicConsultation).values(input).returning().get();
        audit({ action: 'topic.consultation', entity: 'topic', entityId: input.topicId, payload: input });
        return row;
      });
      changed([input.topicId]);
      return added;
    },

    'topic:addPhoto': ({ topicId, fileName, data, thumbnail }) => {
      const bytes = Buffer.from(data, 'base64');
      const kind = imageTypes.find((t) => t.matches(bytes));
      if (!kind) throw new AppError('not_an_image', { name: fileName });
      const storedAs = `${randomUUID()}.${kind.extension}`;
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      // Written before the row: a crash in between leaves an unused file, never a row without its picture.
      writePhoto(ctx.dataDir, ctx.dataKey(), storedAs, bytes);
      try {
        const photo = change(ctx, (tx, audit) => {
          findTopic(tx, topicId);
          const row = tx
            .insert(topicPhoto)
            .values({ topicId, fileName, storedAs, sha256, thumbnail })
            .returning()
            .get();
          audit({ action: 'topic.photo', entity: 'topic', entityId: topicId, payload: { fileName, sha256 } });
          return { id: row.id, fileName, thumbnail };
        });
        changed([topicId]);
        return photo;
      } catch (error) {
        removePhoto(ctx.dataDir, storedAs);
        throw error;
      }
    },

    'topic:photo': ({ id }) => {
      const row = ctx.db.select().from(topicPhoto).where(eq(topicPhoto.id, id)).get();
      if (!row) throw new AppError('not_found', { entity: { 'zh-CN': '照片', en: 'photo' }, id });
      const bytes = readPhoto(ctx.dataDir, ctx.dataKey(), row);
      const type = imageTypes.find((t) => t.matches(bytes))?.type ?? 'application/octet-stream';
      return { fileName: row.fileName, type, data: bytes.toString('base64') };
    },

    'topic:categories': () => {
      const used = ctx.db.selectDistinct({ category: topic.category }).from(topic).all();
      return [...new Set([...defaultTopicCategories, ...used.map((u) => u.category)])];
    },
  };
}
