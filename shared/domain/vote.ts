import { z } from 'zod';
import type { Localized } from '../errors';
import type { Outcome } from '../voting';
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
      choices: z.array(z.strictObject({ attendanceId: z.number().int().positive(), choice })).max(5_000),
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

export type VoteRecord = {
  id: number;
  agendaItemId: number;
  method: VoteMethod;
  rule: VoteRule;
  question: string;
  wording: string;
  outcome: Outcome;
  summary: string;
  recordedAt: string;
  correctsId: number | null;
  correctionReason: string;
  supersededAt: string | null;
};
