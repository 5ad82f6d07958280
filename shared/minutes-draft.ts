import { agendaNumbers, orderAgenda, type AgendaItem } from './domain/agenda';
import type { Community } from './domain/community';
import { meetingKindLabels, type Meeting } from './domain/meeting';
import type { MinutesContent } from './domain/minutes';
import type { Attendee } from './domain/run';
import { voteMethodLabels, type VoteRecord } from './domain/vote';
import { voteRuleLabels } from './domain/agenda';
import { chineseDateTime, type NoticeContent } from './notice';
import type { QuorumStatus } from './quorum';

export type MinutesRecord = {
  meeting: Meeting;
  community: Community;
  agenda: AgendaItem[];
  attendees: Attendee[];
  /** Invited residents who neither came nor sent a proxy. */
  absentees: string[];
  inviteeTotal: number;
  quorum: QuorumStatus;
  votes: VoteRecord[];
  speakers: { agendaItemId: number; name: string; note: string }[];
};

/** "2026-11-23T11:02:00.000Z" → "19:02" on this machine's clock. */
export function localTime(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** "2026-11-23" on this machine's clock. */
export function localDay(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The day a meeting was held, else the day it was planned for (undefined for a meeting never scheduled). */
export const meetingDay = (m: { startedAt: string | null; scheduledAt: string | null }) =>
  m.startedAt ? localDay(m.startedAt) : m.scheduledAt?.slice(0, 10);

/** "2026-11-23 19:02" on this machine's clock. */
export const localStamp = (iso: string) => `${localDay(iso)} ${localTime(iso)}`;

const list = (names: string[]) => (names.length ? names.join('、') : '无');

function attendanceSection(record: MinutesRecord): MinutesContent['attendance'] {
  const residents = record.attendees.filter((a) => !a.guest);
  const guests = record.attendees.filter((a) => a.guest);
  const byRole = new Map<string, number>();
  for (const person of residents) for (const tag of person.tags) byRole.set(tag, (byRole.get(tag) ?? 0) + 1);
  const roles = [...byRole].map(([tag, n]) => `${tag} ${n} 人`).join('、');
  const proxies = residents.flatMap((holder) => holder.proxiesFor.map((p) => `${p.name} 委托 ${holder.name}`));
  const left = record.attendees.filter((a) => a.leftAt !== null);
  const { quorum } = record;
  return {
    summary: [
      record.inviteeTotal ? `应到 ${record.inviteeTotal} 人` : '',
      `实到居民 ${residents.length} 人${roles ? `（其中${roles}）` : ''}`,
      proxies.length ? `书面委托 ${proxies.length} 人` : '',
      guests.length ? `列席 ${guests.length} 人` : '',
      left.length
        ? `中途离会 ${left.length} 人（${left.map((a) => `${a.name} ${localTime(a.leftAt)}`).join('、')}）`
        : '',
    ]
      .filter(Boolean)
      .join('，')
      .concat('。'),
    present: list(residents.map((a) => a.name)),
    guests: list(guests.map((a) => (a.detail ? `${a.name}（${a.detail}）` : a.name))),
    proxies: list(proxies),
    absent: list(record.absentees),
    quorum:
      record.meeting.quorumKind === 'none'
        ? '本次会议未设定法定人数。'
        : `法定人数 ${quorum.required} 人，到会（含委托 ${quorum.proxiesCounted} 人）${quorum.represented} 人，${quorum.reached ? '达到法定人数，会议有效' : '未达到法定人数'}。`,
  };
}

/** The standing result of a vote on an item: the newest record that no correction replaced. */
function standingVote(votes: VoteRecord[], itemId: number): VoteRecord | undefined {
  return votes.filter((v) => v.agendaItemId === itemId && v.supersededAt === null).at(-1);
}

/** "是否同意东门划线停车方案？" → "东门划线停车方案": the question as the thing decided. */
function proposition(question: string): string {
  return question.replace(/^是否(同意)?/, '').replace(/[？?。.]+$/, '');
}

function voteText(vote: VoteRecord | undefined): string {
  if (!vote) return '本项未表决。';
  const corrected = vote.correctsId ? `（更正前一次记录，原因：${vote.correctionReason}）` : '';
  return `表决事项：${vote.question.replace(/[。.]+$/, '')}${/[？?]$/.test(vote.question) ? '' : '。'}表决方式：${voteMethodLabels[vote.method]['zh-CN']}；规则：${voteRuleLabels[vote.rule]['zh-CN']}。结果：${vote.summary}${corrected}。`;
}

function resolutionText(vote: VoteRecord | undefined): string {
  if (!vote) return '';
  if (vote.method === 'consensus') return vote.wording;
  const matter = proposition(vote.question);
  return vote.outcome.adopted ? `同意${matter}。` : `${matter}未获通过，另行协商。`;
}

/**
 * The first draft of 会议纪要, written from what was recorded during the meeting (减负: the secretary only
 * corrects and completes it). Owners and deadlines are left for the secretary: the record does not know them.
 */
export function draftMinutes(record: MinutesRecord): MinutesContent {
  const { meeting, community } = record;
  const numbers = agendaNumbers(record.agenda);
  // The day it was held, else the day it was planned for: "2026年12月5日（星期六）".
  const day = meetingDay(meeting);
  const items = orderAgenda(record.agenda).map((item) => {
    const vote = standingVote(record.votes, item.id);
    const spoken = record.speakers
      .filter((s) => s.agendaItemId === item.id)
      .map((s) => (s.note ? `${s.name}：${s.note}` : `${s.name} 发言。`));
    return {
      agendaItemId: item.id,
      number: numbers.get(item.id)!,
      title: item.title,
      presenter: item.presenter,
      discussion: [item.notes.trim(), ...spoken].filter(Boolean).join('\n'),
      vote: voteText(vote),
      resolution: resolutionText(vote),
      owner: '',
      deadline: '',
    };
  });
  const adopted = items.filter((i) => i.resolution && !i.resolution.endsWith('未获通过，另行协商。'));
  return {
    header: {
      title: `${meeting.title}会议纪要`,
      community: `${community.district}${community.subDistrict}${community.name}`,
      pavilion: community.pavilionName,
      kind: meetingKindLabels[meeting.kind]['zh-CN'],
      date: day ? chineseDateTime(`${day}T`).trim() : '',
      time: [localTime(meeting.startedAt), localTime(meeting.closedAt)].filter(Boolean).join('—'),
      place: meeting.place || community.pavilionPlace,
      host: meeting.host,
      recorder: meeting.recorder,
    },
    attendance: attendanceSection(record),
    items,
    closing: {
      followUps: adopted.length
        ? `本次会议形成议定事项 ${adopted.length} 项，由责任方按期落实，社区跟踪督办，落实结果向居民公示。`
        : '本次会议未形成议定事项。',
      other: '',
    },
  };
}

/** Every text the minutes print, for the missing-glyph check before export. */
export function minutesTexts(content: MinutesContent): string[] {
  return [
    ...Object.values(content.header),
    ...Object.values(content.attendance),
    ...content.items.flatMap((i) => [i.title, i.presenter, i.discussion, i.vote, i.resolution, i.owner]),
    ...Object.values(content.closing),
  ];
}

/**
 * 议定事项公示: the adopted resolutions of finalized minutes, for the notice board and WeChat groups. Built from
 * the minutes, so what residents read is exactly what was signed.
 */
export function resolutionNotice(input: {
  content: MinutesContent;
  community: Community;
  issuedOn: string;
}): NoticeContent {
  const { content, community } = input;
  const h = content.header;
  const resolved = content.items.filter((i) => i.resolution.trim());
  return {
    header: h.community,
    title: `${h.title.replace(/会议纪要$/, '')}议定事项公示`,
    salutation: '各位居民：',
    opening: `${h.date}，${h.pavilion || community.pavilionName}召开${h.kind}，经充分协商${resolved.length ? '，形成以下议定事项' : '，本次会议未形成议定事项'}。现予公示，接受居民群众监督。`,
    sections: [],
    listLabel: '议定事项',
    agenda: resolved.map((item) => ({
      number: item.number,
      title: `${item.title}：${item.resolution.replace(/\n/g, ' ')}`,
      detail: [item.owner && `责任方：${item.owner}`, item.deadline && `完成时限：${item.deadline}`]
        .filter(Boolean)
        .join('，'),
      child: item.number.includes('.'),
    })),
    closing: '公示期为七天。如有意见或建议，请在公示期内向社区居民委员会反映。',
    issuer: `${community.name}居民委员会`,
    issuedOn: input.issuedOn,
  };
}
