import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channels, contract } from '../../shared/contract';
import { auditCount, coreWithCommunity, send } from './helpers';

const hostileStrings = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\u202Eevil',
  '\u200B',
  '😀'.repeat(500),
  '𠇔'.repeat(50),
  'x'.repeat(2_000_000),
  '<script>alert(1)</script>',
  "'; DROP TABLE meeting; --",
  '../../../../etc/passwd',
  'data:text/html,<b>x</b>',
];
const hostileNumbers = [-1, 0, 1.5, -1e308, 1e308, Number.MAX_SAFE_INTEGER + 2, Number.NaN, Number.POSITIVE_INFINITY];
const hostileShapes = [null, true, [], {}, [1, 2, 3], { nested: { deep: [null] } }];
const hostileValues: unknown[] = [...hostileStrings, ...hostileNumbers, ...hostileShapes];

const fieldsOf = (channel: (typeof channels)[number]) =>
  Object.keys((contract[channel].input as { shape?: object }).shape ?? {});

/**
 * Every channel, generated from the contract: wrong types, missing and extra fields, huge strings, unicode edge
 * cases, negative and huge numbers. The guard must answer an envelope every time, never a stack, and nothing
 * may be written unless the answer is ok.
 */
describe('fuzzing every contract channel', () => {
  async function probe(core: Awaited<ReturnType<typeof coreWithCommunity>>, channel: string, input: unknown) {
    const before = auditCount(core);
    const envelope = await core.guard(channel, input, { trusted: true });
    expect(typeof envelope.ok, `${channel} ${JSON.stringify(input)?.slice(0, 80)}`).toBe('boolean');
    if (!envelope.ok) {
      expect(envelope.error.message.length).toBeGreaterThan(0);
      expect(envelope.error.message).not.toMatch(/\n\s+at |TypeError|ReferenceError|SqliteError/);
      expect(auditCount(core), `${channel} wrote although it refused`).toBe(before);
    }
    return envelope;
  }

  it('answers hostile values in every field with an envelope and writes nothing when it refuses', async () => {
    const core = await coreWithCommunity();
    const meeting = await send(core, 'meeting:create', { title: '议事会' });
    let refused = 0;
    for (const channel of channels) {
      for (const input of [null, 42, 'x', [], undefined, { zzUnknown: 1 }]) {
        const envelope = await probe(core, channel, input);
        if (!envelope.ok) refused += 1;
      }
      for (const field of fieldsOf(channel)) {
        for (const value of hostileValues) {
          await probe(core, channel, { [field]: value, id: meeting.id, meetingId: meeting.id });
          await probe(core, channel, { [field]: value, zzUnknown: 'extra' });
        }
      }
    }
    expect(refused).toBeGreaterThanOrEqual(channels.length * 5);
    expect(await send(core, 'audit:verify', {})).toMatchObject({ ok: true });
  }, 120_000);

  it('survives arbitrary JSON on every channel', async () => {
    const core = await coreWithCommunity();
    for (const channel of channels) {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), async (input) => {
          await probe(core, channel, input);
        }),
        { numRuns: 40 },
      );
    }
    expect(await send(core, 'audit:verify', {})).toMatchObject({ ok: true });
  }, 120_000);
});
