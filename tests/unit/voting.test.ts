import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideHeads, decideOwners, describeOutcome, type Choice, type Tally } from '../../shared/voting';

const tally = (f: number, a: number, ab = 0, inv = 0): Tally => ({ for: f, against: a, abstain: ab, invalid: inv });
const arbTally = fc.record({ for: fc.nat(200), against: fc.nat(200), abstain: fc.nat(200), invalid: fc.nat(50) });

describe('head-count rules', () => {
  it('simple majority: more than half of valid votes cast; abstentions count as cast, invalid ballots do not', () => {
    expect(decideHeads('simple_majority', tally(10, 9), 30).adopted).toBe(true);
    expect(decideHeads('simple_majority', tally(10, 10), 30).adopted).toBe(false);
    expect(decideHeads('simple_majority', tally(10, 5, 5), 30).adopted).toBe(false); // 10 of 20 is not more than half
    expect(decideHeads('simple_majority', tally(10, 9, 0, 50), 80).adopted).toBe(true);
    expect(decideHeads('simple_majority', tally(0, 0), 30).adopted).toBe(false);
  });

  it('absolute majority: more than half of those present, whatever was cast', () => {
    expect(decideHeads('absolute_majority', tally(15, 0), 30).adopted).toBe(false);
    expect(decideHeads('absolute_majority', tally(16, 0), 30).adopted).toBe(true);
  });

  it('two-thirds and unanimity at their exact edges', () => {
    expect(decideHeads('two_thirds', tally(6, 3), 9).adopted).toBe(true);
    expect(decideHeads('two_thirds', tally(5, 3), 9).adopted).toBe(false);
    expect(decideHeads('two_thirds', tally(0, 0), 9).adopted).toBe(false);
    expect(decideHeads('unanimity', tally(9, 0), 9).adopted).toBe(true);
    expect(decideHeads('unanimity', tally(9, 0, 1), 10).adopted).toBe(false);
    expect(decideHeads('unanimity', tally(9, 0, 0, 1), 10).adopted).toBe(true);
  });

  it('properties: one more vote in favour never turns adopted into rejected; invalid ballots never matter to cast-based rules', () => {
    for (const rule of ['simple_majority', 'absolute_majority', 'two_thirds', 'unanimity'] as const) {
      fc.assert(
        fc.property(arbTally, fc.nat(600), (t, extra) => {
          const present = t.for + t.against + t.abstain + t.invalid + extra;
          const before = decideHeads(rule, t, present).adopted;
          const moreFor = decideHeads(
            rule,
            { ...t, for: t.for + 1, against: Math.max(0, t.against - 1) },
            present,
          ).adopted;
          if (rule !== 'unanimity') expect(!before || moreFor).toBe(true);
          if (rule !== 'absolute_majority') {
            expect(decideHeads(rule, { ...t, invalid: t.invalid + 7 }, present + 7).adopted).toBe(before);
          }
        }),
      );
    }
  });

  it('property: simple majority without abstentions is exactly "more for than against"', () => {
    fc.assert(
      fc.property(
        fc.nat(500),
        fc.nat(500),
        (f, a) => decideHeads('simple_majority', tally(f, a), f + a).adopted === f > a,
      ),
    );
  });

  it('property: unanimity implies two-thirds implies simple majority', () => {
    fc.assert(
      fc.property(arbTally, (t) => {
        const present = t.for + t.against + t.abstain + t.invalid;
        const u = decideHeads('unanimity', t, present).adopted;
        const two = decideHeads('two_thirds', t, present).adopted;
        const simple = decideHeads('simple_majority', t, present).adopted;
        return (!u || two) && (!two || simple);
      }),
    );
  });

  it('records the rule and the numbers in words', () => {
    expect(describeOutcome(decideHeads('simple_majority', tally(12, 3, 2, 1), 20), 'zh-CN')).toBe(
      '赞成 12，反对 3，弃权 2，无效 1；有效票 17 票，通过',
    );
  });
});

describe('Civil Code art. 278 owners’ votes', () => {
  // Ten flats of 100 m² (1,000 m², 10 owners).
  const ballots = (choices: Choice[], area = 100) => choices.map((choice) => ({ area, choice }));
  const flats = { totalArea: 1000, totalOwners: 10 };

  it('needs two-thirds of both area and owners to take part', () => {
    const six = ballots(['for', 'for', 'for', 'for', 'for', 'for']);
    expect(decideOwners('owners_ordinary', { ...flats, ballots: six })).toMatchObject({
      participationMet: false,
      adopted: false,
    });
    const seven = ballots(['for', 'for', 'for', 'for', 'against', 'against', 'abstain']);
    expect(decideOwners('owners_ordinary', { ...flats, ballots: seven })).toMatchObject({
      participationMet: true,
      adopted: true,
    });
    // Owners enough (7 of 10) but their area short: 7 small flats of 90 m² in a 1,000 m² compound is 63%.
    expect(
      decideOwners('owners_ordinary', { ...flats, ballots: ballots(Array(7).fill('for'), 90) }).participationMet,
    ).toBe(false);
  });

  it('exactly two-thirds takes part; exactly half is not a majority; exactly three-quarters carries a major matter', () => {
    const third = { totalArea: 300, totalOwners: 3 };
    expect(decideOwners('owners_ordinary', { ...third, ballots: ballots(['for', 'against']) }).participationMet).toBe(
      true,
    );
    expect(
      decideOwners('owners_ordinary', {
        ...flats,
        ballots: ballots(['for', 'for', 'for', 'for', 'against', 'against', 'against', 'against']),
      }).adopted,
    ).toBe(false);
    expect(
      decideOwners('owners_major', {
        ...flats,
        ballots: ballots(['for', 'for', 'for', 'for', 'for', 'for', 'against', 'abstain']),
      }).adopted,
    ).toBe(true);
    expect(
      decideOwners('owners_major', {
        ...flats,
        ballots: ballots(['for', 'for', 'for', 'for', 'for', 'against', 'against', 'abstain']),
      }).adopted,
    ).toBe(false);
  });

  it('needs both the area and the headcount majority', () => {
    // Two owners of big flats in favour, three of small flats against.
    const vote = {
      totalArea: 600,
      totalOwners: 5,
      ballots: [
        { area: 200, choice: 'for' as const },
        { area: 200, choice: 'for' as const },
        ...ballots(['against', 'against', 'against'], 66.67),
      ],
    };
    expect(decideOwners('owners_ordinary', vote)).toMatchObject({ participationMet: true, adopted: false });
  });

  it('properties: a major matter that passes also passes as ordinary; adoption needs participation', () => {
    const arbBallots = fc.array(
      fc.record({
        area: fc.integer({ min: 1, max: 30000 }).map((n) => n / 100),
        choice: fc.constantFrom<Choice>('for', 'against', 'abstain'),
      }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(arbBallots, fc.nat(60), (list, absentOwners) => {
        const vote = {
          totalArea: list.reduce((s, b) => s + b.area, 0) + absentOwners * 80,
          totalOwners: list.length + absentOwners,
          ballots: list,
        };
        const major = decideOwners('owners_major', vote);
        const ordinary = decideOwners('owners_ordinary', vote);
        return (!major.adopted || ordinary.adopted) && (!ordinary.adopted || ordinary.participationMet);
      }),
    );
  });
});
