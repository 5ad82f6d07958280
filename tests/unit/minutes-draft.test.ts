import { describe, expect, it } from 'vitest';
import type { Meeting } from '../../shared/domain/meeting';
import type { VoteRecord } from '../../shared/domain/vote';
import { meetingFigures } from '../../shared/figures';
import { draftMinutes, resolutionNotice, type MinutesRecord } from '../../shared/minutes-draft';
import { profile } from './helpers';

const meeting: Meeting = {
  id: 1,
  title: '议事会',
  kind: 'pavilion',
  status: 'closed',
  scheduledAt: '2026-12-05T19:00',
  place: '',
  host: '陈书记',
  recorder: '周敏',
  durationMinutes: 90,
  expectedAttendance: null,
  invitedRoles: [],
  invitedParties: [],
  quorumKind: 'none',
  quorumValue: 0,
  startedAt: null,
  closedAt: null,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};
const item = (id: number, title: string) => ({
  id,
  meetingId: 1,
  parentId: null,
  position: id,
  kind: 'custom' as const,
  topicId: null,
  title,
  plannedMinutes: 10,
  presenter: '',
  question: '',
  voteRule: null,
  notes: '',
  spentSeconds: 0,
});
const vote = (agendaItemId: number, adopted: boolean, extra: Partial<VoteRecord> = {}): VoteRecord => ({
  id: agendaItemId * 10,
  agendaItemId,
  method: 'hands',
  rule: 'simple_majority',
  question: '是否同意增设非机动车棚？',
  wording: '',
  outcome: {
    rule: 'simple_majority',
    adopted,
    tally: { for: adopted ? 6 : 2, against: adopted ? 2 : 6, abstain: 0, invalid: 0 },
    base: 8,
    present: 8,
  },
  lines: null,
  summary: adopted ? '赞成 6，反对 2，弃权 0；有效票 8 票，通过' : '赞成 2，反对 6，弃权 0；有效票 8 票，未通过',
  recordedAt: '2026-12-05T11:30:00.000Z',
  correctsId: null,
  correctionReason: '',
  supersededAt: null,
  ...extra,
});
const community = {
  ...profile,
  contactName: '',
  contactPhone: '',
  noticeBoard: '',
  kind: 'community' as const,
  updatedAt: '',
};
const record = (votes: VoteRecord[]): MinutesRecord => ({
  meeting,
  community: { ...community },
  agenda: [item(1, '非机动车棚'), item(2, '广场舞音量')],
  attendees: [],
  absentees: [],
  figures: meetingFigures({ kind: 'none', value: 0 }, { attendees: [], proxies: [], invited: [] }),
  votes,
  speakers: [],
  duplicateNames: [],
});

describe('drafting minutes', () => {
  it('makes only the adopted vote a resolution; the failed one is 未通过 in the minutes and nowhere else', () => {
    const draft = draftMinutes(record([vote(1, true), vote(2, false)]));
    expect(draft.items.map((i) => [i.decision, i.resolution])).toEqual([
      ['adopted', '同意增设非机动车棚。'],
      ['not_adopted', ''],
    ]);
    expect(draft.items[1]!.vote).toContain('未通过');
    expect(draft.closing.followUps).toBe(
      '本次会议形成议定事项 1 项，由责任方按期落实，社区跟踪督办，落实结果向居民公示。未获通过的事项 1 项，另行协商。',
    );
    expect(draft.attendance.quorum).toBe('本次会议未设定法定人数。');
    expect(draft.header.place).toBe(profile.pavilionPlace);
    expect(draft.header.date).toBe('2026年12月5日（星期六）');
    expect(draft.header.planned).toBe('2026年12月5日（星期六）19:00');
  });

  it('uses the correction, not the result it replaced, and says why it was corrected', () => {
    const replaced = vote(1, false, { supersededAt: '2026-12-05T11:40:00.000Z' });
    const correction = vote(1, true, { id: 11, correctsId: replaced.id, correctionReason: '漏计两票' });
    const [first] = draftMinutes(record([replaced, correction])).items;
    expect(first!.resolution).toBe('同意增设非机动车棚。');
    expect(first!.vote).toContain('更正前一次记录，原因：漏计两票');
  });

  it('words the result in Chinese whatever language the secretary’s screen is in', () => {
    const english = vote(1, true, { summary: 'for 6, against 2, abstain 0; 8 valid votes; adopted' });
    const [first] = draftMinutes(record([english])).items;
    expect(first!.result).toBe('赞成 6，反对 2，弃权 0；有效票 8 票，通过');
  });

  it('puts only resolutions on the public notice, numbered from 1, with their vote and the 公示期', () => {
    const content = draftMinutes(record([vote(1, false), vote(2, true)]));
    const notice = resolutionNotice({
      content,
      community: { ...community, noticeBoard: '小区公示栏', contactName: '周敏', contactPhone: '0573-85123456' },
      issued: new Date(2026, 11, 1, 10, 0),
    });
    expect(notice.agenda).toEqual([
      {
        number: '1',
        title: '广场舞音量：同意增设非机动车棚。',
        detail: '表决结果：赞成 6，反对 2，弃权 0；有效票 8 票，通过',
        child: false,
      },
    ]);
    expect(notice.closing).toBe(
      '公示期：2026年12月1日至2026年12月8日，公示地点：小区公示栏。如有意见或建议，请在公示期内向社区居民委员会反映（联系人：周敏，电话：0573-85123456）。',
    );
    expect(notice.listLabel).toBe('议定事项');
  });
});
