import type { Locale } from './locale';

export type Tally = { for: number; against: number; abstain: number; invalid: number };
export type Choice = 'for' | 'against' | 'abstain';

/** One participating household in an owners' vote (按户): its private area in m² and its choice. */
export type OwnerBallot = { area: number; choice: Choice };
export type OwnerVote = { totalArea: number; totalOwners: number; ballots: readonly OwnerBallot[] };

export type HeadOutcome = {
  rule: 'simple_majority' | 'absolute_majority' | 'two_thirds' | 'unanimity';
  adopted: boolean;
  tally: Tally;
  base: number;
  present: number;
};
export type OwnerOutcome = {
  rule: 'owners_ordinary' | 'owners_major';
  adopted: boolean;
  participationMet: boolean;
  totalArea: number;
  totalOwners: number;
  participatingArea: number;
  participatingOwners: number;
  forArea: number;
  forOwners: number;
  againstOwners: number;
  abstainOwners: number;
};
export type Outcome = { rule: 'consensus'; adopted: true } | HeadOutcome | OwnerOutcome;

/** Valid ballots: invalid ones are recorded but never counted. Abstentions are valid ballots that are not "for". */
export const votesCast = (t: Tally) => t.for + t.against + t.abstain;

/**
 * A head-count rule, with the base it is measured against:
 * simple majority — more than half of the valid votes cast; absolute majority — more than half of those
 * present; two-thirds — at least two-thirds of valid votes cast; unanimity — every valid vote in favour.
 * Integer comparisons only, so 2/3 of 9 is exactly 6.
 */
export function decideHeads(
  rule: 'simple_majority' | 'absolute_majority' | 'two_thirds' | 'unanimity',
  tally: Tally,
  present: number,
): Outcome {
  const cast = votesCast(tally);
  const base = rule === 'absolute_majority' ? present : cast;
  const adopted =
    rule === 'simple_majority'
      ? 2 * tally.for > cast
      : rule === 'absolute_majority'
        ? 2 * tally.for > present
        : rule === 'two_thirds'
          ? cast > 0 && 3 * tally.for >= 2 * cast
          : cast > 0 && tally.for === cast;
  return { rule, adopted, tally, base, present };
}

/** Areas to integer hundredths of a m², so thresholds compare exactly. */
const hundredths = (area: number) => Math.round(area * 100);

/**
 * Civil Code art. 278: owners holding at least 2/3 of the private area and at least 2/3 of the owners take part;
 * an ordinary matter passes with more than half of the participating area and more than half of the
 * participating owners; a major matter (maintenance funds, rebuilding, changing the use of common parts) needs
 * at least three-quarters of both.
 */
export function decideOwners(rule: OwnerOutcome['rule'], vote: OwnerVote): OwnerOutcome {
  const totalArea = hundredths(vote.totalArea);
  const participatingArea = vote.ballots.reduce((sum, b) => sum + hundredths(b.area), 0);
  const participatingOwners = vote.ballots.length;
  const inFavour = vote.ballots.filter((b) => b.choice === 'for');
  const forArea = inFavour.reduce((sum, b) => sum + hundredths(b.area), 0);
  const forOwners = inFavour.length;
  const participationMet =
    totalArea > 0 &&
    vote.totalOwners > 0 &&
    3 * participatingArea >= 2 * totalArea &&
    3 * participatingOwners >= 2 * vote.totalOwners;
  const passes =
    rule === 'owners_major'
      ? 4 * forArea >= 3 * participatingArea && 4 * forOwners >= 3 * participatingOwners
      : 2 * forArea > participatingArea && 2 * forOwners > participatingOwners;
  return {
    rule,
    adopted: participationMet && participatingOwners > 0 && passes,
    participationMet,
    totalArea: totalArea / 100,
    totalOwners: vote.totalOwners,
    participatingArea: participatingArea / 100,
    participatingOwners,
    forArea: forArea / 100,
    forOwners,
    againstOwners: vote.ballots.filter((b) => b.choice === 'against').length,
    abstainOwners: vote.ballots.filter((b) => b.choice === 'abstain').length,
  };
}

const pct = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '—');

/**
 * The shares an owners' vote turns on (art. 278), in percent to one decimal: residents read "22 户同意 · 面积 48%"
 * and see why it failed. `forArea` and `forOwners` are of those taking part; `needed` is the bar both must clear.
 */
export function ownerShares(o: OwnerOutcome) {
  const share = (part: number, whole: number) => (whole > 0 ? Math.round((1000 * part) / whole) / 10 : 0);
  return {
    forOwners: share(o.forOwners, o.participatingOwners),
    forArea: share(o.forArea, o.participatingArea),
    tookPartOwners: share(o.participatingOwners, o.totalOwners),
    tookPartArea: share(o.participatingArea, o.totalArea),
    needed: o.rule === 'owners_major' ? ('three_quarters' as const) : ('more_than_half' as const),
  };
}

/** The sentence the minutes and the projector print under a result. */
export function describeOutcome(outcome: Outcome, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const verdict = outcome.adopted ? (zh ? '通过' : 'adopted') : zh ? '未通过' : 'not adopted';
  if (outcome.rule === 'consensus') return zh ? '经协商一致通过' : 'Adopted by consensus';
  if ('tally' in outcome) {
    const { tally, base } = outcome;
    const counts = zh
      ? `赞成 ${tally.for}，反对 ${tally.against}，弃权 ${tally.abstain}${tally.invalid ? `，无效 ${tally.invalid}` : ''}`
      : `for ${tally.for}, against ${tally.against}, abstain ${tally.abstain}${tally.invalid ? `, invalid ${tally.invalid}` : ''}`;
    const baseText =
      outcome.rule === 'absolute_majority'
        ? zh
          ? `到会 ${base} 人`
          : `${base} present`
        : zh
          ? `有效票 ${base} 票`
          : `${base} valid votes`;
    return zh ? `${counts}；${baseText}，${verdict}` : `${counts}; ${baseText}; ${verdict}`;
  }
  const o = outcome;
  const participation = zh
    ? `参与表决业主 ${o.participatingOwners}/${o.totalOwners} 户（${pct(o.participatingOwners, o.totalOwners)}），专有面积 ${o.participatingArea}/${o.totalArea} ㎡（${pct(o.participatingArea, o.totalArea)}）`
    : `${o.participatingOwners}/${o.totalOwners} owners (${pct(o.participatingOwners, o.totalOwners)}), ${o.participatingArea}/${o.totalArea} m² (${pct(o.participatingArea, o.totalArea)}) took part`;
  const support = zh
    ? `同意 ${o.forOwners} 户（${pct(o.forOwners, o.participatingOwners)}）、面积 ${o.forArea} ㎡（${pct(o.forArea, o.participatingArea)}）`
    : `${o.forOwners} owners (${pct(o.forOwners, o.participatingOwners)}) with ${o.forArea} m² (${pct(o.forArea, o.participatingArea)}) in favour`;
  const unmet = o.participationMet ? '' : zh ? '，参与人数或面积未达三分之二' : '; participation below two-thirds';
  return zh ? `${participation}；${support}${unmet}，${verdict}` : `${participation}; ${support}${unmet}; ${verdict}`;
}
