import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { voteRuleLabels, type VoteRule } from '../../shared/domain/agenda';
import { formatAddress } from '../../shared/domain/resident';
import { voteMethodLabels, type VoteLine, type VoteRecordInput } from '../../shared/domain/vote';
import { AppError } from '../../shared/errors';
import { decideHeads, decideOwners, type Choice, type Outcome, type Tally } from '../../shared/voting';
import type { Tx } from '../db/audit';
import { agendaItem, household, vote } from '../db/schema';
import { change, type Handlers, type ServiceContext } from './context';
import { figuresOf, findMeeting, householdVoters, openMeeting, voteRecords, votersOf } from './meeting-record';

type VoteHandlers = Pick<Handlers, 'vote:record' | 'vote:list' | 'vote:voters' | 'vote:ballots'>;
type Decided = { outcome: Outcome; lines: VoteLine[] | null };
type Ballots = z.output<typeof VoteRecordInput>['ballots'];

const headRules = ['simple_majority', 'absolute_majority', 'two_thirds', 'unanimity'] as const;
type HeadRule = (typeof headRules)[number];
const isHeadRule = (rule: VoteRule): rule is HeadRule => (headRules as readonly string[]).includes(rule);

function tallyOf(choices: { choice: Choice }[]): Tally {
  const count = (c: Choice) => choices.filter((x) => x.choice === c).length;
  return { for: count('for'), against: count('against'), abstain: count('abstain'), invalid: 0 };
}

export function voteService(ctx: ServiceContext): VoteHandlers {
  /** Compute the outcome (and the named lines) from what was entered, refusing combinations that make no sense. */
  function decide(tx: Tx, meetingId: number, rule: VoteRule, ballots: Ballots): Decided {
    const refuse = () =>
      new AppError('vote_method_rule', { method: voteMethodLabels[ballots.method], rule: voteRuleLabels[rule] });
    const current = openMeeting(tx, meetingId);
    // Every vote is measured against who is represented now (在场), proxies included.
    const present = figuresOf(ctx, current).present.total;
    switch (ballots.method) {
      case 'consensus':
        if (rule !== 'consensus') throw refuse();
        return { outcome: { rule: 'consensus', adopted: true }, lines: null };
      case 'hands':
      case 'secret': {
        if (!isHeadRule(rule)) throw refuse();
        const { counts } = ballots;
        const votes = counts.for + counts.against + counts.abstain + counts.invalid;
        if (votes > present) throw new AppError('vote_too_many', { votes, present });
        return { outcome: decideHeads(rule, counts, present), lines: null };
      }
      case 'roll_call': {
        if (!isHeadRule(rule)) throw refuse();
        const voters = new Map(votersOf(ctx, current).map((v) => [v.residentId, v]));
        if (ballots.choices.some((c) => !voters.has(c.residentId))) throw new AppError('vote_not_present');
        const chosen = new Map(ballots.choices.map((c) => [c.residentId, c.choice]));
        // In the order of the voters list, one line each, a proxy as its own line.
        const lines = [...voters.values()].flatMap((v) => {
          const choice = chosen.get(v.residentId);
          return choice ? [{ name: v.name, address: v.address, choice, proxyHolder: v.proxyHolder }] : [];
        });
        return { outcome: decideHeads(rule, tallyOf(lines), present), lines };
      }
      case 'owners': {
        if (rule !== 'owners_ordinary' && rule !== 'owners_major') throw refuse();
        const flats = new Map(
          tx
            .select()
            .from(household)
            .all()
            .map((h) => [h.id, h]),
        );
        for (const c of ballots.choices) {
          const flat = flats.get(c.householdId);
          if (!flat)
            throw new AppError('not_found', { entity: { 'zh-CN': '房屋', en: 'household' }, id: c.householdId });
          if (flat.area === null) throw new AppError('household_area_missing', { address: formatAddress(flat) });
        }
        const households = householdVoters(ctx, current);
        const chosen = new Map(ballots.choices.map((c) => [c.householdId, c.choice]));
        const lines = households.flatMap((h) => {
          const choice = chosen.get(h.id);
          return choice
            ? [{ name: h.voter || h.owners, address: h.address, area: h.area, choice, proxyHolder: h.proxyHolder }]
            : [];
        });
        const outcome = decideOwners(rule, {
          totalArea: households.reduce((sum, h) => sum + h.area, 0),
          totalOwners: households.length,
          ballots: lines.map((l) => ({ area: l.area, choice: l.choice })),
        });
        return { outcome, lines };
      }
    }
  }

  return {
    'vote:list': ({ id }) => voteRecords(ctx, id),

    'vote:ballots': ({ id }) => {
      const row = ctx.db.select({ input: vote.input }).from(vote).where(eq(vote.id, id)).get();
      if (!row) throw new AppError('not_found', { entity: { 'zh-CN': '表决记录', en: 'vote' }, id });
      return row.input as Ballots;
    },

    'vote:voters': ({ id }) => {
      const current = findMeeting(ctx.db, id);
      return {
        people: votersOf(ctx, current).map(({ householdId: _h, ...v }) => v),
        households: householdVoters(ctx, current),
      };
    },

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
        const { outcome, lines } = decide(tx, item.meetingId, rule, ballots);
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
            lines,
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
          payload: { voteId: row.id, agendaItemId, rule, question, ballots, lines, outcome, corrects },
        });
        return row;
      });
      ctx.events.emit({ type: 'meeting:changed', id: item.meetingId });
      return voteRecords(ctx, item.meetingId).find((v) => v.id === recorded.id)!;
    },
  };
}
