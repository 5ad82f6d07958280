import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { voteRuleLabels, type VoteRule } from '../../shared/domain/agenda';
import { formatAddress } from '../../shared/domain/resident';
import { voteMethodLabels, type VoteRecord, type VoteRecordInput } from '../../shared/domain/vote';
import { AppError } from '../../shared/errors';
import { decideHeads, decideOwners, describeOutcome, type Choice, type Outcome, type Tally } from '../../shared/voting';
import type { Tx } from '../db/audit';
import { agendaItem, attendance, household, vote } from '../db/schema';
import { attendanceSummary } from './attendance';
import { change, type Handlers, type ServiceContext } from './context';
import { openMeeting } from './meeting';
import { readLocale } from './settings';

type VoteHandlers = Pick<Handlers, 'vote:record' | 'vote:list' | 'vote:households'>;
type Ballots = z.output<typeof VoteRecordInput>['ballots'];

const headRules = ['simple_majority', 'absolute_majority', 'two_thirds', 'unanimity'] as const;
type HeadRule = (typeof headRules)[number];
const isHeadRule = (rule: VoteRule): rule is HeadRule => (headRules as readonly string[]).includes(rule);

function tallyOf(choices: { choice: Choice }[]): Tally {
  const count = (c: Choice) => choices.filter((x) => x.choice === c).length;
  return { for: count('for'), against: count('against'), abstain: count('abstain'), invalid: 0 };
}

export function voteRecords(ctx: ServiceContext, meetingId: number): VoteRecord[] {
  const locale = readLocale(ctx);
  return ctx.db
    .select()
    .from(vote)
    .where(eq(vote.meetingId, meetingId))
    .orderBy(asc(vote.id))
    .all()
    .map(({ input: _input, meetingId: _m, ...row }) => ({ ...row, summary: describeOutcome(row.outcome, locale) }));
}

export function voteService(ctx: ServiceContext): VoteHandlers {
  /** Compute the outcome from what was entered, refusing combinations that make no sense. */
  function decide(tx: Tx, meetingId: number, rule: VoteRule, ballots: Ballots): Outcome {
    const refuse = () =>
      new AppError('vote_method_rule', { method: voteMethodLabels[ballots.method], rule: voteRuleLabels[rule] });
    const { quorum } = attendanceSummary(ctx, meetingId);
    switch (ballots.method) {
      case 'consensus':
        if (rule !== 'consensus') throw refuse();
        return { rule: 'consensus', adopted: true };
      case 'hands':
      case 'secret': {
        if (!isHeadRule(rule)) throw refuse();
        const { counts } = ballots;
        const votes = counts.for + counts.against + counts.abstain + counts.invalid;
        if (votes > quorum.represented) throw new AppError('vote_too_many', { votes, present: quorum.represented });
        return decideHeads(rule, counts, quorum.represented);
      }
      case 'roll_call': {
        if (!isHeadRule(rule)) throw refuse();
        const here = new Set(
          tx
            .select({ id: attendance.id })
            .from(attendance)
            .where(
              and(eq(attendance.meetingId, meetingId), isNull(attendance.leftAt), isNotNull(attendance.residentId)),
            )
            .all()
            .map((a) => a.id),
        );
        if (ballots.choices.some((c) => !here.has(c.attendanceId))) throw new AppError('vote_not_present');
        const unique = [...new Map(ballots.choices.map((c) => [c.attendanceId, c])).values()];
        return decideHeads(rule, tallyOf(unique), quorum.represented);
      }
      case 'owners': {
        if (rule !== 'owners_ordinary' && rule !== 'owners_major') throw refuse();
        const flats = tx.select().from(household).all();
        const owned = flats.filter((h) => h.area !== null);
        const byId = new Map(flats.map((h) => [h.id, h]));
        const unique = [...new Map(ballots.choices.map((c) => [c.householdId, c])).values()];
        const counted = unique.map((c) => {
          const flat = byId.get(c.householdId);
          if (!flat)
            throw new AppError('not_found', { entity: { 'zh-CN': '房屋', en: 'household' }, id: c.householdId });
          if (flat.area === null) throw new AppError('household_area_missing', { address: formatAddress(flat) });
          return { area: flat.area, choice: c.choice };
        });
        return decideOwners(rule, {
          totalArea: owned.reduce((sum, h) => sum + h.area!, 0),
          totalOwners: owned.length,
          ballots: counted,
        });
      }
    }
  }

  return {
    'vote:list': ({ id }) => voteRecords(ctx, id),

    'vote:households': () =>
      (
        ctx.db.$client
          .prepare(
            `SELECT h.id, h.building, h.unit, h.room, h.area, group_concat(r.name, '、') AS names
             FROM household h LEFT JOIN resident r ON r.household_id = h.id
             WHERE h.area IS NOT NULL GROUP BY h.id
             ORDER BY CAST(h.building AS INTEGER), h.building, CAST(h.unit AS INTEGER), CAST(h.room AS INTEGER), h.room`,
          )
          .all() as { id: number; building: string; unit: string; room: string; area: number; names: string | null }[]
      ).map((h) => ({ id: h.id, address: formatAddress(h), area: h.area, names: h.names ?? '' })),

    'vote:record': ({ agendaItemId, rule, question, ballots, corrects }) => {
      const item = ctx.db.select().from(agendaItem).where(eq(agendaItem.id, agendaItemId)).get();
      if (!item)
        throw new AppError('not_found', { entity: { 'zh-CN': '议程事项', en: 'agenda item' }, id: agendaItemId });
      const recorded = change(ctx, (tx, audit) => {
        openMeeting(tx, item.meetingId);
        const at = ctx.now().toISOString();
        if (corrects) {
          const earlier = tx.select().from(vote).where(eq(vote.id, corrects.voteId)).get();
          if (!earlier || earlier.agendaItemId !== agendaItemId || earlier.supersededAt !== null) {
            throw new AppError('vote_correction');
          }
          tx.update(vote).set({ supersededAt: at }).where(eq(vote.id, earlier.id)).run();
        }
        const outcome = decide(tx, item.meetingId, rule, ballots);
        const row = tx
          .insert(vote)
          .values({
            meetingId: item.meetingId,
            agendaItemId,
            method: ballots.method,
            rule,
            question,
            wording: ballots.method === 'consensus' ? ballots.wording : '',
            input: ballots,
            outcome,
            recordedAt: at,
            correctsId: corrects?.voteId ?? null,
            correctionReason: corrects?.reason ?? '',
          })
          .returning()
          .get();
        audit({
          action: corrects ? 'vote.correct' : 'vote.record',
          entity: 'meeting',
          entityId: item.meetingId,
          payload: { voteId: row.id, agendaItemId, rule, question, ballots, outcome, corrects },
        });
        return row;
      });
      ctx.events.emit({ type: 'meeting:changed', id: item.meetingId });
      return voteRecords(ctx, item.meetingId).find((v) => v.id === recorded.id)!;
    },
  };
}
