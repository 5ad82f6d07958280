import { describe, expect, it } from 'vitest';
import type { Meeting } from '../../shared/domain/meeting';
import type { VoteRecord } from '../../shared/domain/vote';
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
  summary: adopted ? '赞成 6，反对 2，弃权 0；有效票 8 票，通过' : '赞成 2，反对 6，弃权 0；有效票 8 票，未通过',
  recordedAt: '2026-12-05T11:30:00.000Z',
  correctsId: null,
  correctionReason: '',
  supersededAt: null,
  ...extra,
});
const record = (votes: VoteRecord[]): MinutesRecord => ({
  meeting,
  community: { ...profile, kind: 'community', updatedAt: '' },
  agenda: [item(1, '非机动车棚'), item(2, '广场舞音量')],
  attendees: [],
  absentees: [],
  inviteeTotal: 0,
  quorum: { represented: 0, proxiesCounted: 0, required: 0, reached: true },
  votes,
  speakers: [],
});

describe('drafting minutes', () => {
  it('words adopted and rejected votes as resolutions, and only counts the adopted ones', () => {
    const draft = draftMinutes(record([vote(1, true), vote(2, false)]));
    expect(draft.items.map((i) => i.resolution)).toEqual([
      '同意增设非机动车棚。',
      '增设非机动车棚未获通过，另行协商。',
    ]);
    expect(draft.closing.followUps).toContain('议定事项 1 项');
    expect(draft.attendance.quorum).toBe('本次会议未设定法定人数。');
    expect(draft.header.place).toBe(profile.pavilionPlace);
    expect(draft.header.date).toBe('2026年12月5日（星期六）');
  });

  it('uses the correction, not the result it replaced, and says why it was corrected', () => {
    const replaced = vote(1, false, { supersededAt: '2026-12-05T11:40:00.000Z' });
    const correction = vote(1, true, { id: 11, correctsId: replaced.id, correctionReason: '漏计两票' });
    const [first] = draftMinutes(record([replaced, correction])).items;
    expect(first!.resolution).toBe('同意增设非机动车棚。');
    expect(first!.vote).toContain('更正前一次记录，原因：漏计两票');
  });

  it('puts only resolved items on the public notice', () => {
    const content = draftMinutes(record([vote(1, true)]));
    const notice = resolutionNotice({
      content,
      community: { ...profile, kind: 'community', updatedAt: '' },
      issuedOn: '2026年12月6日',
    });
    expect(notice.agenda.map((a) => a.title)).toEqual(['非机动车棚：同意增设非机动车棚。']);
    expect(notice.listLabel).toBe('议定事项');
  });
});
