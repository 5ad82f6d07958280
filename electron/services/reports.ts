import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { canonicalJson } from '../../shared/canonical-json';
import { caseText, type TypicalCase } from '../../shared/domain/case';
import { formatDate, localDay } from '../../shared/dates';
import { meetingDay } from '../../shared/domain/meeting';
import { noticeTexts } from '../../shared/notice';
import { draftCase, resultNotice } from '../../shared/reports';
import { describeOutcome } from '../../shared/voting';
import { agendaItem, meeting, typicalCase, vote } from '../db/schema';
import { sha256 } from '../records/hash';
import { requireProfile } from './community';
import { change, type Handlers, type ServiceContext } from './context';
import { actionItems } from './followup';
import { renderers, type Records } from './records';
import { topicDetail } from './topic';

type ReportHandlers = Pick<Handlers, 'followup:notice' | 'case:get' | 'case:save' | 'case:export'>;

/** Records written from the follow-up: the 结果公示 and the 典型案例, signed like the meeting records. */
export function reportService(ctx: ServiceContext, records: Records): ReportHandlers {
  /** Everything the topic went through, for the first draft of its write-up. */
  function history(topicId: number) {
    const community = requireProfile(ctx, 'community');
    const topic = topicDetail(ctx, topicId);
    const items = ctx.db.select().from(agendaItem).where(eq(agendaItem.topicId, topicId)).all();
    const meetingIds = items.map((i) => i.meetingId);
    const meetings = meetingIds.length
      ? ctx.db
          .select()
          .from(meeting)
          .where(and(inArray(meeting.id, meetingIds), eq(meeting.status, 'closed')))
          .orderBy(asc(meeting.startedAt))
          .all()
          .map((m) => ({
            title: m.title,
            heldOn: meetingDay(m) ?? '',
          }))
      : [];
    const votes = items.length
      ? ctx.db
          .select()
          .from(vote)
          .where(
            and(
              inArray(
                vote.agendaItemId,
                items.map((i) => i.id),
              ),
              isNull(vote.supersededAt),
            ),
          )
          .all()
          .map((v) => ({ question: v.question, outcome: describeOutcome(v.outcome, 'zh-CN') }))
      : [];
    return { topic, community, meetings, votes, items: actionItems(ctx).filter((i) => i.topicId === topicId) };
  }

  function readCase(topicId: number): TypicalCase {
    const saved = ctx.db.select().from(typicalCase).where(eq(typicalCase.topicId, topicId)).get();
    return saved ?? { topicId, content: draftCase(history(topicId)), updatedAt: null };
  }

  return {
    'followup:notice': async ({ format }) => {
      const community = requireProfile(ctx, 'community');
      const notice = resultNotice({ items: actionItems(ctx), community, issuedOn: formatDate(ctx.now()) });
      const hash = sha256(canonicalJson(notice));
      const r = await renderers();
      const data =
        format === 'png'
          ? await ctx.work.run('noticePng', notice, ctx.fonts, `内容编号（与签名的 PDF 相同）：sha256:${hash}`)
          : await ctx.work.run('noticePdf', notice, ctx.fonts, records.seal('results', 0, hash));
      change(ctx, (_tx, audit) =>
        audit({
          action: 'record.export',
          entity: 'community',
          entityId: 1,
          payload: { kind: 'results', format, contentHash: hash },
        }),
      );
      return {
        fileName: `${community.name}-议定事项落实结果公示-${localDay(ctx.now().toISOString())}.${format}`,
        type: format === 'pdf' ? 'application/pdf' : 'image/png',
        data: data.toString('base64'),
        missing: r.missingGlyphs(noticeTexts(notice), ctx.fonts),
      };
    },
    'case:get': ({ topicId }) => readCase(topicId),
    'case:save': ({ topicId, content }) => {
      topicDetail(ctx, topicId); // not_found for a topic that is not there
      const updatedAt = ctx.now().toISOString();
      change(ctx, (tx, audit) => {
        tx.insert(typicalCase)
          .values({ topicId, content, updatedAt })
          .onConflictDoUpdate({ target: typicalCase.topicId, set: { content, updatedAt } })
          .run();
        audit({ action: 'case.save', entity: 'topic', entityId: topicId, payload: { title: content.title } });
      });
      return { topicId, content, updatedAt };
    },
    'case:export': async ({ topicId, format }) => {
      const { content } = readCase(topicId);
      const name = `典型案例-${content.title.replace(/[\\/:*?"<>|]/g, '')}`;
      if (format === 'txt') {
        return {
          fileName: `${name}.txt`,
          type: 'text/plain;charset=utf-8',
          data: Buffer.from(caseText(content)).toString('base64'),
          missing: [],
        };
      }
      const r = await renderers();
      const data = await ctx.work.run(
        'casePdf',
        content,
        ctx.fonts,
        records.seal('case', 0, sha256(canonicalJson(content))),
      );
      return {
        fileName: `${name}.pdf`,
        type: 'application/pdf',
        data: data.toString('base64'),
        missing: r.missingGlyphs(Object.values(content), ctx.fonts),
      };
    },
  };
}
