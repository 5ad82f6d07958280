import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Resident } from '../../shared/domain/resident';
import { figuresSentence } from '../../shared/figures';
import { coreWithCommunity, send } from './helpers';
import { SignInDesk } from './sign-in-model';

type Op =
  | { kind: 'checkIn'; who: number }
  | { kind: 'leave'; who: number }
  | { kind: 'guest' }
  | { kind: 'proxy'; holder: number; absent: number };

const who = fc.integer({ min: 0, max: 7 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: who.map((w) => ({ kind: 'checkIn' as const, who: w })) },
  { weight: 2, arbitrary: who.map((w) => ({ kind: 'leave' as const, who: w })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'guest' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('proxy' as const), holder: who, absent: who }) },
);

describe('one set of figures, whoever reads them', () => {
  it('property: random check-ins, proxies, leaves and guests give the model’s figures on the run screen, in who may vote, in the limit of a show of hands, and frozen in the minutes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const core = await coreWithCommunity();
        const people: Resident[] = [];
        for (let i = 0; i < 8; i += 1) {
          people.push(
            await send(core, 'resident:save', {
              name: `居民${i}`,
              gender: null,
              building: '1',
              unit: '1',
              room: `${i + 1}01`,
              // Six of the eight are invited (by role).
              tags: i < 6 ? ['居民代表'] : [],
              area: 90,
            }),
          );
        }
        const meeting = await send(core, 'meeting:create', { title: '议事会' });
        await send(core, 'meeting:plan', {
          id: meeting.id,
          host: '',
          recorder: '',
          durationMinutes: 60,
          expectedAttendance: null,
          invitedRoles: ['居民代表'],
          invitedParties: [],
          invitedResidentIds: [],
          quorumKind: 'fraction',
          quorumValue: 0.5,
        });
        const [item] = await send(core, 'agenda:add', {
          meetingId: meeting.id,
          kind: 'custom',
          title: '停车',
          plannedMinutes: 10,
        });
        await send(core, 'meeting:setStatus', { id: meeting.id, status: 'in_progress' });

        const desk = new SignInDesk();
        const rowOf = async (i: number) =>
          (await send(core, 'attendance:list', { id: meeting.id })).find((a) => a.residentId === people[i]!.id);
        for (const step of ops) {
          if (step.kind === 'checkIn') {
            await send(core, 'attendance:checkIn', { meetingId: meeting.id, residentId: people[step.who]!.id });
            desk.checkIn(step.who);
          } else if (step.kind === 'leave') {
            const row = await rowOf(step.who);
            if (row && !row.leftAt) await send(core, 'attendance:leave', { attendanceId: row.id });
            expect(desk.leave(step.who)).toBe(Boolean(row && !row.leftAt));
          } else if (step.kind === 'guest') {
            await send(core, 'attendance:addGuest', {
              meetingId: meeting.id,
              name: '来宾',
              organisation: '',
              role: '',
            });
            desk.guest();
          } else {
            const row = await rowOf(step.holder);
            if (!row) continue;
            const answer = await core.guard(
              'attendance:proxy',
              { meetingId: meeting.id, holderAttendanceId: row.id, absentResidentId: people[step.absent]!.id },
              { trusted: true },
            );
            // The service refuses exactly what the rules refuse.
            expect(answer.ok).toBe(desk.proxy(step.holder, step.absent));
          }
        }

        const model = desk.figures([0, 1, 2, 3, 4, 5]);
        const { figures } = await send(core, 'run:state', { id: meeting.id });
        expect({
          invited: figures.invited,
          attended: figures.attended.total,
          attendedProxies: figures.attended.proxies,
          present: figures.present.total,
          presentByProxy: figures.present.proxies,
          left: figures.left.total,
          guests: figures.guests,
        }).toEqual(model);

        // Who may vote in a roll call: every represented resident once, a proxy as its own line.
        const voters = await send(core, 'vote:voters', { id: meeting.id });
        expect(voters.people).toHaveLength(model.present);
        expect(voters.people.filter((v) => v.proxyHolder)).toHaveLength(model.presentByProxy);
        expect(new Set(voters.people.map((v) => v.residentId)).size).toBe(model.present);
        // A show of hands can have no more votes than are represented.
        const tooMany = await core.guard(
          'vote:record',
          {
            agendaItemId: item!.id,
            rule: 'simple_majority',
            question: '？',
            ballots: { method: 'hands', counts: { for: model.present + 1, against: 0, abstain: 0, invalid: 0 } },
          },
          { trusted: true },
        );
        expect(tooMany.ok === false && tooMany.error.code).toBe('vote_too_many');

        // Closing freezes the same figures into the minutes, in numbers and in words.
        await send(core, 'meeting:setStatus', { id: meeting.id, status: 'closed' });
        const { content } = await send(core, 'minutes:get', { id: meeting.id });
        expect(content.figures).toEqual(figures);
        expect(content.attendance.summary.startsWith(figuresSentence(figures))).toBe(true);
        const annex = content.annex!.attendance;
        expect(annex.filter((p) => p.kind === 'guest')).toHaveLength(model.guests);
        expect(annex.filter((p) => p.kind === 'resident')).toHaveLength(desk.came.size);
        core.close();
      }),
      { numRuns: 12 },
    );
  }, 240_000);
});
