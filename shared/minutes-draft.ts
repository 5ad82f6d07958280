import { agendaNumbers, orderAgenda, voteRuleLabels, type AgendaItem } from './domain/agenda';
import { contactLine, type Community } from './domain/community';
import { meetingDay, meetingKindLabels, type Meeting } from './domain/meeting';
import { isResolution, type Decision, type MinutesAnnex, type MinutesContent } from './domain/minutes';
import type { Attendee } from './domain/run';
import { voteMethodLabels, voterLabel, type VoteRecord } from './domain/vote';
import { formatDate, formatDateTime, formatTime } from './dates';
import type { NoticeContent } from './notice';
import { figuresSentence, quorumSentence, type MeetingFigures } from './figures';
import { describeOutcome } from './voting';

type Person = { name: string; address: string };

export type MinutesRecord = {
  meeting: Meeting;
  community: Community;
  agenda: AgendaItem[];
  attendees: Attendee[];
  /** Invited residents who neither came nor sent a proxy. */
  absentees: Person[];
  figures: MeetingFigures;
  votes: VoteRecord[];
  speakers: { agendaItemId: number; name: string; address: string; note: string }[];
  /** Names two or more residents of the community share: those are always printed with the room. */
  duplicateNames: readonly string[];
};

const list = (names: string[]) => (names.length ? names.join('、') : '无');

/** "王𠇔（3-1-101）" when another resident has the same name, else just the name. */
const labeller = (duplicates: readonly string[]) => {
  const shared = new Set(duplicates);
  return (p: Person) => (shared.has(p.name) && p.address ? `${p.name}（${p.address}）` : p.name);
};

function attendanceSection(record: MinutesRecord, label: (p: Person) => string): MinutesContent['attendance'] {
  const residents = record.attendees.filter((a) => !a.guest);
  const guests = record.attendees.filter((a) => a.guest);
  const byRole = new Map<string, number>();
  for (const person of residents) for (const tag of person.tags) byRole.set(tag, (byRole.get(tag) ?? 0) + 1);
  const roles = [...byRole].map(([tag, n]) => `${tag} ${n} 人`).join('、');
  const asPerson = (a: Attendee) => ({ name: a.name, address: a.detail });
  const proxies = residents.flatMap((holder) =>
    holder.proxiesFor.map((p) => `${label({ name: p.name, address: p.detail })} 委托 ${label(asPerson(holder))}`),
  );
  const left = residents.filter((a) => a.leftAt !== null);
  return {
    summary: `${figuresSentence(record.figures)}${roles ? `出席居民中${roles}。` : ''}`,
    present: list(residents.map((a) => label(asPerson(a)))),
    guests: list(guests.map((a) => (a.detail ? `${a.name}（${a.detail}）` : a.name))),
    proxies: list(proxies),
    absent: list(record.absentees.map(label)),
    quorum: quorumSentence(record.figures),
    left: list(
      left.map(
        (a) =>
          `${label(asPerson(a))}（${formatTime(a.leftAt)} 离场${a.proxiesFor.length ? `，所持${a.proxiesFor.map((p) => label({ name: p.name, address: p.detail })).join('、')}的委托随之失效` : ''}）`,
      ),
    ),
  };
}

/** The votes on an item that stand: every record no correction replaced, in the order they were taken. */
const standingVotes = (votes: VoteRecord[], itemId: number) =>
  votes.filter((v) => v.agendaItemId === itemId && v.supersededAt === null);

/** "是否同意东门划线停车方案？" → "东门划线停车方案": the question as the thing decided. */
function proposition(question: string): string {
  return question.replace(/^是否(同意)?/, '').replace(/[？?。.]+$/, '');
}

/** The result as the minutes word it, always in Chinese whatever language the screen is in. */
const resultOf = (vote: VoteRecord) => describeOutcome(vote.outcome, 'zh-CN');

function voteText(vote: VoteRecord, annex: number | undefined): string {
  const corrected = vote.correctsId ? `（更正前一次记录，原因：${vote.correctionReason}）` : '';
  if (vote.method === 'consensus') {
    return `协商事项：${vote.question.replace(/[。.？?]+$/, '')}。经协商一致通过${corrected}。`;
  }
  const named = annex ? `（${voteMethodLabels[vote.method]['zh-CN']}名单见附件 ${annex}）` : '';
  return `表决事项：${vote.question.replace(/[。.]+$/, '')}${/[？?]$/.test(vote.question) ? '' : '。'}表决方式：${voteMethodLabels[vote.method]['zh-CN']}；规则：${voteRuleLabels[vote.rule]['zh-CN']}。结果：${resultOf(vote)}${corrected}。${named}`;
}

/** What an adopted vote resolved, in the words the secretary then edits; nothing for a vote that failed. */
function resolutionText(vote: VoteRecord): string {
  if (vote.method === 'consensus') return vote.wording;
  return `同意${proposition(vote.question)}。`;
}

function attendanceAnnex(record: MinutesRecord): MinutesAnnex['attendance'] {
  const names = new Map(record.attendees.map((a) => [a.id, a.name]));
  return record.attendees.flatMap((a) => {
    const person = {
      kind: a.guest ? ('guest' as const) : ('resident' as const),
      name: a.name,
      address: a.detail,
      role: a.guest ? '列席' : a.tags.join('、'),
      checkedIn: formatTime(a.checkedInAt),
      left: formatTime(a.leftAt),
      note: a.proxiesFor.map((p) => `持 ${p.name}（${p.detail}）的委托`).join('；'),
    };
    const represented = a.proxiesFor.map((p) => ({
      kind: 'proxy' as const,
      name: p.name,
      address: p.detail,
      role: '',
      checkedIn: '',
      left: a.leftAt ? formatTime(a.leftAt) : '',
      note: `书面委托 ${names.get(a.id)}（${a.detail}）代为出席`,
    }));
    return [person, ...represented];
  });
}

/**
 * The first draft of 会议纪要, written from what was recorded during the meeting (减负: the secretary only
 * corrects and completes it). The attendance, the figures, the votes and the annexes are the record itself and
 * stay as drafted; owners and deadlines are left for the secretary: the record does not know them.
 */
export function draftMinutes(record: MinutesRecord): MinutesContent {
  const { meeting, community } = record;
  const numbers = agendaNumbers(record.agenda);
  const label = labeller(record.duplicateNames);
  const agenda = orderAgenda(record.agenda);
  // Annex 1 is the attendance list; each named vote (roll call, owners) gets the next number, in agenda order.
  const namedVotes = agenda.flatMap((item) =>
    standingVotes(record.votes, item.id).filter((v) => v.lines && (v.method === 'roll_call' || v.method === 'owners')),
  );
  const annexNumber = new Map(namedVotes.map((v, i) => [v.id, i + 2]));
  const items = agenda.map((item) => {
    const votes = standingVotes(record.votes, item.id);
    const decisive = votes.at(-1);
    const decision: Decision = !decisive ? 'none' : decisive.outcome.adopted ? 'adopted' : 'not_adopted';
    const spoken = record.speakers
      .filter((s) => s.agendaItemId === item.id)
      .map((s) => (s.note ? `${label(s)}：${s.note}` : `${label(s)} 发言。`));
    return {
      agendaItemId: item.id,
      number: numbers.get(item.id)!,
      title: item.title,
      presenter: item.presenter,
      discussion: [item.notes.trim(), ...spoken].filter(Boolean).join('\n'),
      vote: votes.length ? votes.map((v) => voteText(v, annexNumber.get(v.id))).join('\n') : '本项未表决。',
      result: decisive ? resultOf(decisive) : '',
      decision,
      resolution: decision === 'adopted' ? resolutionText(decisive!) : '',
      owner: '',
      deadline: '',
    };
  });
  const adopted = items.filter((i) => i.decision === 'adopted').length;
  const notAdopted = items.filter((i) => i.decision === 'not_adopted').length;
  // The day it was held, else the day it was planned for: "2026年12月5日（星期六）".
  const day = meetingDay(meeting);
  return {
    header: {
      title: `${meeting.title}会议纪要`,
      community: `${community.district}${community.subDistrict}${community.name}`,
      pavilion: community.pavilionName,
      kind: meetingKindLabels[meeting.kind]['zh-CN'],
      date: day ? formatDate(day, 'zh-CN', { weekday: true }) : '',
      time: [formatTime(meeting.startedAt), formatTime(meeting.closedAt)].filter(Boolean).join('—'),
      planned: meeting.scheduledAt ? formatDateTime(meeting.scheduledAt, 'zh-CN', { weekday: true }) : '',
      place: meeting.place || community.pavilionPlace,
      host: meeting.host,
      recorder: meeting.recorder,
    },
    attendance: attendanceSection(record, label),
    figures: record.figures,
    items,
    closing: {
      followUps: [
        adopted
          ? `本次会议形成议定事项 ${adopted} 项，由责任方按期落实，社区跟踪督办，落实结果向居民公示。`
          : '本次会议未形成议定事项。',
        notAdopted ? `未获通过的事项 ${notAdopted} 项，另行协商。` : '',
      ].join(''),
      other: '',
    },
    annex: {
      attendance: attendanceAnnex(record),
      votes: namedVotes.map((v) => ({
        agendaItemId: v.agendaItemId,
        number: numbers.get(v.agendaItemId)!,
        question: v.question,
        method: v.method as 'roll_call' | 'owners',
        result: resultOf(v),
        lines: v.lines!,
      })),
    },
    signing: { representatives: 0 },
  };
}

/** Every text the minutes print, for the missing-glyph check before export and the sub-district's search. */
export function minutesTexts(content: MinutesContent): string[] {
  return [
    ...Object.values(content.header),
    ...Object.values(content.attendance),
    ...content.items.flatMap((i) => [i.title, i.presenter, i.discussion, i.vote, i.resolution, i.owner]),
    ...Object.values(content.closing),
    ...(content.annex?.attendance ?? []).flatMap((p) => [p.name, p.note]),
    ...(content.annex?.votes ?? []).flatMap((v) => v.lines.map(voterLabel)),
  ].filter((text): text is string => Boolean(text));
}

/** The 公示 stays up seven days from the day it is issued: 12月1日 to 12月8日. */
export const noticeDays = 7;

/**
 * 议定事项公示: the resolutions of finalized minutes — adopted votes and consensus only, numbered from 1 — with
 * how each was decided, the 公示期 and where it is posted, for the notice board and WeChat groups. Built from the
 * minutes, so what residents read is exactly what was signed.
 */
export function resolutionNotice(input: {
  content: MinutesContent;
  community: Community;
  issued: Date;
}): NoticeContent {
  const { content, community, issued } = input;
  const h = content.header;
  const resolved = content.items.filter(isResolution);
  const start = new Date(issued.getFullYear(), issued.getMonth(), issued.getDate());
  const end = new Date(start.getFullYear(), start.getMonth(), start.getDate() + noticeDays);
  const posted = community.noticeBoard || '社区公示栏';
  const contact = contactLine(community);
  return {
    header: h.community,
    title: `${h.title.replace(/会议纪要$/, '')}议定事项公示`,
    salutation: '各位居民：',
    opening: `${h.date}，${h.pavilion || community.pavilionName}召开${h.kind}，经充分协商${resolved.length ? `，形成以下议定事项 ${resolved.length} 项` : '，本次会议未形成议定事项'}。现予公示，接受居民群众监督。`,
    sections: [],
    listLabel: '议定事项',
    agenda: resolved.map((item, n) => ({
      number: String(n + 1),
      title: `${item.title}：${item.resolution.trim().replace(/\n/g, ' ')}`,
      detail: [
        item.result && `表决结果：${item.result}`,
        item.owner && `责任方：${item.owner}`,
        item.deadline && `完成时限：${formatDate(item.deadline)}`,
      ]
        .filter(Boolean)
        .join('；'),
      child: false,
    })),
    closing: `公示期：${formatDate(start)}至${formatDate(end)}，公示地点：${posted}。如有意见或建议，请在公示期内向社区居民委员会反映${contact ? `（${contact}）` : ''}。`,
    issuer: `${community.name}居民委员会`,
    issuedOn: formatDate(issued),
  };
}
