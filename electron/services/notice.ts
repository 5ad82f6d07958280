import { formatAddress } from '../../shared/domain/resident';
import { AppError } from '../../shared/errors';
import { formatDateTime } from '../../shared/dates';
import { noticeContent, noticeTexts } from '../../shared/notice';

/** pdfkit, Skia and fontkit load on first export, not at start: they double the host's memory. */
const renderers = async () => {
  const [fonts, notice, sheet] = await Promise.all([
    import('../records/fonts'),
    import('../records/notice'),
    import('../records/sign-in-sheet'),
  ]);
  return { ...fonts, ...notice, ...sheet };
};
import { readCommunity } from './community';
import type { Handlers, ServiceContext } from './context';
import { findMeeting, invitees } from './meeting-record';
import { residentsByIds } from './resident';

type NoticeHandlers = Pick<Handlers, 'meeting:noticeCheck' | 'meeting:notice' | 'meeting:signInSheet'>;

export function noticeService(ctx: ServiceContext): NoticeHandlers {
  function content(id: number) {
    const community = readCommunity(ctx);
    if (!community) throw new AppError('community_required');
    const meeting = findMeeting(ctx.db, id);
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
    'meeting:noticeCheck': async ({ id }) => {
      const { missingGlyphs } = await renderers();
      return { missing: missingGlyphs(noticeTexts(content(id)), ctx.fonts) };
    },
    'meeting:signInSheet': async ({ id }) => {
      const { missingGlyphs } = await renderers();
      const notice = content(id);
      const meeting = findMeeting(ctx.db, id);
      // Invitees only, in address order; no phone or ID numbers on paper that lies on a table.
      const rows = residentsByIds(ctx, invitees(ctx, id, meeting.invitedRoles)).map((r) => ({
        name: r.name,
        address: formatAddress(r),
        role: r.tags.join('、'),
      }));
      const data = await ctx.work.run(
        'signInSheetPdf',
        {
          header: notice.header,
          title: meeting.title,
          when: meeting.scheduledAt ? formatDateTime(meeting.scheduledAt, 'zh-CN', { weekday: true }) : '',
          place: meeting.place,
          rows,
          blankRows: 10,
        },
        ctx.fonts,
      );
      const missing = missingGlyphs(
        rows.map((r) => r.name),
        ctx.fonts,
      );
      return {
        fileName: `${meeting.title}-签到表.pdf`,
        type: 'application/pdf',
        data: data.toString('base64'),
        missing,
      };
    },
    'meeting:notice': async ({ id, format }) => {
      const { missingGlyphs } = await renderers();
      const notice = content(id);
      const data = await (format === 'pdf'
        ? ctx.work.run('noticePdf', notice, ctx.fonts)
        : ctx.work.run('noticePng', notice, ctx.fonts));
      return {
        fileName: `${notice.title}.${format}`,
        type: format === 'pdf' ? 'application/pdf' : 'image/png',
        data: data.toString('base64'),
        missing: missingGlyphs(noticeTexts(notice), ctx.fonts),
      };
    },
  };
}
