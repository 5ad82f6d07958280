import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  absentees,
  figuresSentence,
  meetingFigures,
  quorumSentence,
  representation,
  type AttendanceFacts,
} from '../../shared/figures';
import { SignInDesk } from './sign-in-model';

type Step =
  | { kind: 'checkIn'; resident: number }
  | { kind: 'leave'; resident: number }
  | { kind: 'guest' }
  | { kind: 'leaveGuest' }
  | { kind: 'proxy'; holder: number; absent: number };

/** The rows the database would hold after `steps`, and the model's answer for the same steps. */
function simulate(steps: Step[]) {
  const rows: { id: number; residentId: number | null; leftAt: string | null }[] = [];
  let proxies: { holderAttendanceId: number; absentResidentId: number }[] = [];
  const rowOf = (resident: number) => rows.find((r) => r.residentId === resident);
  const desk = new SignInDesk();
  steps.forEach((step, t) => {
    if (step.kind === 'checkIn') {
      const row = rowOf(step.resident);
      if (row) row.leftAt = null;
      else rows.push({ id: rows.length + 1, residentId: step.resident, leftAt: null });
      proxies = proxies.filter((p) => p.absentResidentId !== step.resident);
      desk.checkIn(step.resident);
    } else if (step.kind === 'leave') {
      if (desk.leave(step.resident)) rowOf(step.resident)!.leftAt = `t${t}`;
    } else if (step.kind === 'guest') {
      rows.push({ id: rows.length + 1, residentId: null, leftAt: null });
      desk.guest();
    } else if (step.kind === 'leaveGuest') {
      const guest = rows.find((r) => r.residentId === null && !r.leftAt);
      if (guest) guest.leftAt = `t${t}`;
    } else if (desk.proxy(step.holder, step.absent)) {
      proxies.push({ holderAttendanceId: rowOf(step.holder)!.id, absentResidentId: step.absent });
    }
  });
  return { facts: { attendees: rows, proxies, invited: [] } as AttendanceFacts, desk };
}

const resident = fc.integer({ min: 1, max: 12 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: resident.map((r) => ({ kind: 'checkIn' as const, resident: r })) },
  { weight: 2, arbitrary: resident.map((r) => ({ kind: 'leave' as const, resident: r })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'guest' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'leaveGuest' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('proxy' as const), holder: resident, absent: resident }) },
);

describe('the meeting figures', () => {
  it('counts a proxy once in 实到, and only in 在场 while its holder is in the room', () => {
    const { facts } = simulate([
      { kind: 'checkIn', resident: 1 },
      { kind: 'checkIn', resident: 2 },
      { kind: 'proxy', holder: 1, absent: 9 },
      { kind: 'proxy', holder: 2, absent: 9 },
      { kind: 'guest' },
    ]);
    const rule = { kind: 'fraction' as const, value: 0.5 };
    const figures = meetingFigures(rule, { ...facts, invited: [1, 2, 3, 9, 9] });
    expect(figures).toEqual({
      invited: 4,
      attended: { residents: 2, proxies: 1, total: 3 },
      present: { residents: 2, proxies: 1, total: 3 },
      left: { residents: 0, proxies: 0, total: 0 },
      guests: 1,
      quorum: { required: 2, reached: true, reachedNow: true },
    });
    const holderLeft = simulate([
      { kind: 'checkIn', resident: 1 },
      { kind: 'checkIn', resident: 2 },
      { kind: 'proxy', holder: 1, absent: 9 },
      { kind: 'leave', resident: 1 },
    ]).facts;
    const after = meetingFigures({ kind: 'count', value: 3 }, { ...holderLeft, invited: [] });
    expect(after.attended.total).toBe(3);
    expect(after.present).toEqual({ residents: 1, proxies: 0, total: 1 });
    expect(after.left).toEqual({ residents: 1, proxies: 1, total: 2 });
    expect(after.quorum).toEqual({ required: 3, reached: true, reachedNow: false });
    expect(figuresSentence(after)).toBe('实到 3 人（其中书面委托 1 人），中途离场 2 人，会议结束时在场 1 人。');
  });

  it('an outsider the door counted adds to 应到 as well as 实到; a guest adds to neither', () => {
    const { facts } = simulate([
      { kind: 'checkIn', resident: 1 },
      { kind: 'checkIn', resident: 7 },
      { kind: 'proxy', holder: 7, absent: 8 },
      { kind: 'guest' },
    ]);
    const figures = meetingFigures({ kind: 'fraction', value: 0.5 }, { ...facts, invited: [1, 2] });
    expect(figures.invited).toBe(4);
    expect(figures.attended.total).toBe(3);
    expect(figures.quorum).toEqual({ required: 2, reached: true, reachedNow: true });
    expect(figuresSentence(figures)).toBe('应到 4 人，实到 3 人（其中书面委托 1 人），列席 1 人。');
    // Without an invitation list nobody is asked and no 应到 is claimed.
    expect(meetingFigures({ kind: 'none', value: 0 }, { ...facts, invited: [] }).invited).toBe(0);
  });

  it('a resident who leaves and hands a proxy to someone still here stays represented, once', () => {
    const { facts } = simulate([
      { kind: 'checkIn', resident: 1 },
      { kind: 'checkIn', resident: 2 },
      { kind: 'leave', resident: 2 },
      { kind: 'proxy', holder: 1, absent: 2 },
    ]);
    const figures = meetingFigures({ kind: 'none', value: 0 }, { ...facts, invited: [] });
    expect(figures.attended).toEqual({ residents: 2, proxies: 0, total: 2 });
    expect(figures.present).toEqual({ residents: 1, proxies: 1, total: 2 });
    expect(figures.left.total).toBe(0);
    expect(representation({ ...facts, invited: [] }).find((r) => r.residentId === 2)).toMatchObject({
      came: true,
      present: true,
      proxyHolder: 1,
    });
  });

  it('with no quorum rule never claims one was reached', () => {
    const figures = meetingFigures({ kind: 'none', value: 0 }, { attendees: [], proxies: [], invited: [] });
    expect(figures.quorum).toBeNull();
    expect(quorumSentence(figures)).toBe('本次会议未设定法定人数。');
    const counted = meetingFigures(
      { kind: 'count', value: 20 },
      { attendees: [{ id: 1, residentId: 1, leftAt: null }], proxies: [], invited: [] },
    );
    expect(quorumSentence(counted)).toBe('法定人数 20 人，实到 1 人，未达到法定人数。');
  });

  it('property: 实到 = 在场 + 离场, guests apart, each person once, matching a model of the sign-in desk', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), fc.uniqueArray(resident), (steps, invited) => {
        const { facts, desk } = simulate(steps);
        const model = desk.figures(invited);
        const f = meetingFigures({ kind: 'fraction', value: 0.5 }, { ...facts, invited });
        expect(f.invited).toBe(model.invited);
        if (invited.length) expect(f.attended.total).toBeLessThanOrEqual(f.invited);
        expect(f.attended.total).toBe(model.attended);
        expect(f.attended.proxies).toBe(model.attendedProxies);
        expect(f.present.total).toBe(model.present);
        expect(f.present.proxies).toBe(model.presentByProxy);
        expect(f.left.total).toBe(model.left);
        expect(f.guests).toBe(model.guests);
        expect(f.attended.total).toBe(f.present.total + f.left.total);
        expect(f.attended.residents + f.attended.proxies).toBe(f.attended.total);
        expect(f.left.residents + f.left.proxies).toBe(f.left.total);
        // The absent are exactly the invited nobody represented, and nobody is both.
        const gone = absentees({ ...facts, invited });
        const people = representation({ ...facts, invited }).map((r) => r.residentId);
        expect(gone.filter((id) => people.includes(id))).toEqual([]);
        expect(gone.length).toBe(invited.filter((id) => !people.includes(id)).length);
        expect(f.quorum!.reachedNow).toBe(f.present.total >= f.quorum!.required);
      }),
      { numRuns: 500 },
    );
  });
});
