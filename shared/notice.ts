import { agendaNumbers, orderAgenda, type AgendaItem } from './domain/agenda';
import type { Community } from './domain/community';
import { meetingKindLabels, type Meeting } from './domain/meeting';
import { formatDate, formatDateTime } from './dates';

export type NoticeContent = {
  header: string;
  title: string;
  salutation: string;
  opening: string;
  sections: { label: string; text: string }[];
  /** The numbered list and its heading: the agenda on a meeting notice, the resolutions on a 公示. */
  listLabel: string;
  agenda: { number: string; title: string; detail: string; child: boolean }[];
  closing: string;
  issuer: string;
  issuedOn: string;
};

/**
 * 会议通知, written once from what the secretary already entered (减负: nothing typed twice).
 * No resident's phone or ID number: the notice goes on the board and into WeChat groups (only the office's contact line).
 */
export function noticeContent(input: {
  meeting: Meeting;
  community: Community;
  agenda: AgendaItem[];
  inviteeTotal: number;
  issuedOn: Date;
}): NoticeContent {
  const { meeting, community, agenda, inviteeTotal } = input;
  const kind = meetingKindLabels[meeting.kind]['zh-CN'];
  const when = meeting.scheduledAt ? formatDateTime(meeting.scheduledAt, 'zh-CN', { weekday: true }) : '另行通知';
  const place = meeting.place || community.pavilionPlace;
  const invited = [
    meeting.invitedRoles.length ? `本社区${meeting.invitedRoles.join('、')}` : '',
    meeting.invitedParties.join('、'),
    inviteeTotal ? `受邀居民共 ${inviteeTotal} 人` : '',
  ].filter(Boolean);
  const numbers = agendaNumbers(agenda);
  const sections = [
    { label: '会议时间', text: `${when}，会期约 ${meeting.durationMinutes} 分钟` },
    { label: '会议地点', text: place },
    ...(meeting.host || meeting.recorder
      ? [
          {
            label: '主持人',
            text: [meeting.host, meeting.recorder && `记录人：${meeting.recorder}`].filter(Boolean).join('；'),
          },
        ]
      : []),
    { label: '参会人员', text: invited.length ? invited.join('；') : '本社区居民' },
    ...(community.contactName || community.contactPhone
      ? [
          {
            label: '联系人',
            text: [community.contactName, community.contactPhone && `电话 ${community.contactPhone}`]
              .filter(Boolean)
              .join('，'),
          },
        ]
      : []),
  ];
  return {
    header: `${community.district} ${community.subDistrict} ${community.name}`,
    title: `关于召开${meeting.title}的通知`,
    salutation: '各位居民、各有关单位：',
    opening: `经研究，定于${when}在${place}召开${kind}（${community.pavilionName}），就居民关心的事项共同商议。现将有关事项通知如下：`,
    sections,
    listLabel: '会议议程',
    agenda: orderAgenda(agenda).map((item) => ({
      number: numbers.get(item.id)!,
      title: item.title,
      detail: [
        item.plannedMinutes ? `约 ${item.plannedMinutes} 分钟` : '',
        item.presenter && `汇报人：${item.presenter}`,
      ]
        .filter(Boolean)
        .join('，'),
      child: item.parentId !== null,
    })),
    closing:
      '请参会人员准时出席。本人确实不能参加的，可书面委托他人代为参加，委托书请于会前交社区居委会。欢迎居民群众旁听，共商共议身边事。',
    issuer: `${community.name}居民委员会`,
    issuedOn: formatDate(input.issuedOn),
  };
}

/** Every text the notice prints, for the missing-glyph check. */
export function noticeTexts(notice: NoticeContent): string[] {
  return [
    notice.header,
    notice.title,
    notice.salutation,
    notice.opening,
    ...notice.sections.flatMap((s) => [s.label, s.text]),
    ...notice.agenda.flatMap((a) => [a.title, a.detail]),
    notice.closing,
    notice.issuer,
    notice.issuedOn,
  ];
}
