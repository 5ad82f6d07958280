import { z } from 'zod';
import type { Localized } from '../errors';
import type { Choice, Outcome } from '../voting';
import { AgendaItemId, voteRules, type VoteRule } from './agenda';

export const voteMethods = ['consensus', 'hands', 'roll_call', 'secret', 'owners'] as const;
export type VoteMethod = (typeof voteMethods)[number];

export const voteMethodLabels: Record<VoteMethod, Localized> = {
  consensus: { 'zh-CN': '协商一致', en: 'Consensus' },
  hands: { 'zh-CN': '举手表决', en: 'Show of hands' },
  roll_call: { 'zh-CN': '记名表决', en: 'Roll call' },
  secret: { 'zh-CN': '无记名投票', en: 'Secret ballot' },
  owners: { 'zh-CN': '业主按户表决', en: "Owners' vote by household" },
};

const count = z.number().int().min(0).max(100_000);
const choice = z.enum(['for', 'against', 'abstain']);
const Counts = z.strictObject({ for: count, against: count, abstain: count, invalid: count });

/** What the secretary enters, by method. The rule must suit the method (owners' rules only by household). */
export const VoteRecordInput = z.strictObject({
  agendaItemId: AgendaItemId,
  rule: z.enum(voteRules),
  question: z.string().trim().min(1).max(500),
  ballots: z.discriminatedUnion('method', [
    z.strictObject({ method: z.literal('consensus'), wording: z.string().trim().min(1).max(2000) }),
    z.strictObject({ method: z.literal('hands'), counts: Counts }),
    z.strictObject({ method: z.literal('secret'), counts: Counts }),
    z.strictObject({
      method: z.literal('roll_call'),
      /** One choice per represented resident: in the room, or through the proxy its holder votes with. */
      choices: z.array(z.strictObject({ residentId: z.number().int().positive(), choice })).max(5_000),
    }),
    z.strictObject({
      method: z.literal('owners'),
      choices: z.array(z.strictObject({ householdId: z.number().int().positive(), choice })).max(20_000),
    }),
  ]),
  /** Set when this record corrects an earlier one: both stay, the reason is kept. */
  corrects: z
    .strictObject({ voteId: z.number().int().positive(), reason: z.string().trim().min(1).max(500) })
    .optional(),
});

/** Who may vote now in a roll call: a resident in the room, or an absent one whose proxy holder is here. */
export type Voter = { residentId: number; name: string; address: string; proxyHolder: string | null };

/** A household in an owners' vote, and who in the room speaks for it (nobody when it votes on paper). */
export type HouseholdVoter = {
  id: number;
  address: string;
  area: number;
  /** Everyone registered in the flat. */
  owners: string;
  /** The owner voting in the room, in person or through a proxy ('' when none is here). */
  voter: string;
  proxyHolder: string | null;
};

/** One named line of a roll call or an owners' vote, kept with the vote as it was taken (the annex prints it). */
export type VoteLine = {
  name: string;
  address: string;
  choice: Choice;
  proxyHolder: string | null;
  /** The flat's private area (owners' votes only). */
  area?: number;
};

/** "冯玉梅（由 王建平 代为表决）": a proxy is its own line, named with its holder. */
export const voterLabel = (v: { name: string; proxyHolder: string | null }) =>
  v.proxyHolder ? `${v.name}（由 ${v.proxyHolder} 代为表决）` : v.name;

export const choiceLabels: Record<Choice, Localized> = {
  for: { 'zh-CN': '赞成', en: 'For' },
  against: { 'zh-CN': '反对', en: 'Against' },
  abstain: { 'zh-CN': '弃权', en: 'Abstain' },
};

/** The ballots as they were entered: what a correction starts from. */
export type VoteBallots = z.output<typeof VoteRecordInput>['ballots'];

export type VoteRecord = {
  id: number;
  agendaItemId: number;
  method: VoteMethod;
  rule: VoteRule;
  question: string;
  wording: string;
  outcome: Outcome;
  /** The named lines of a roll call or an owners' vote; null for a count or consensus. */
  lines: VoteLine[] | null;
  summary: string;
  recordedAt: string;
  correctsId: number | null;
  correctionReason: string;
  supersededAt: string | null;
};
