import type { Meeting } from '../../shared/domain/meeting';
import { AppError } from '../../shared/errors';
import { noticeContent, noticeTexts } from '../../shared/notice';
import { missingGlyphs } from '../records/fonts';
import { noticePdf, noticePng } from '../records/notice';
import { readCommunity } from './community';
import type { Handlers, ServiceContext } from './context';
import { invitees } from './meeting';

type NoticeHandlers = Pick<Handlers, 'meeting:noticeCheck' | 'meeting:notice'>;

export function noticeService(ctx: ServiceContext): NoticeHandlers {
  function content(id: number) {
    const community = readCommunity(ctx);
    if (!community) throw new AppError('community_required');
    const meeting = ctx.db.query.meeting.findFirst({ where: (m, { eq }) => eq(m.id, id) }).sync() as
      Meeting | undefined;
    if (!meeting) throw new AppError('not_found', { entity: { 'zh-CN': '会议', en: 'meeting' }, id });
    const agenda = ctx.db.query.agendaItem.findMany({ where: (a, { eq }) => eq(a.meetingId, id) }).sync();
    return noticeContent({
      meeting,
      community,
      agenda,
      inviteeTotal: invitees(ctx, id, meeting.invitedRoles).length,
      issuedOn: ctx.now(),
    });
  }

  return {
    'meeting:noticeCheck': ({ id }) => ({ missing: missingGlyphs(noticeTexts(content(id)), ctx.fonts) }),
    'meeting:notice': async ({ id, format }) => {
      const notice = content(id);
      const data = format === 'pdf' ? await noticePdf(notice, ctx.fonts) : noticePng(notice, ctx.fonts);
      return {
        fileName: `${notice.title}.${format}`,
        type: format === 'pdf' ? 'application/pdf' : 'image/png',
        data: data.toString('base64'),
        missing: missingGlyphs(noticeTexts(notice), ctx.fonts),
      };
    },
  };
}
