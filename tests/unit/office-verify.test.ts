import { describe, expect, it } from 'vitest';
import { createIdentity } from '../../electron/records/identity';
import { copiedHash } from '../fixtures/pdf-increment';
import { send } from './helpers';
import { issuedPair, issuedPairWith, keysOf } from './office';

const picked = ({ fileName, data }: { fileName: string; data: string }) => ({ fileName, data });

describe('the office checks a PDF against what the register says its signer reported', () => {
  it('says “matches” only for the minutes the signer’s own community reported, never for another key', async () => {
    const { office, community: east, bundle } = await issuedPair('东湖社区');
    const west = await issuedPairWith(office, '西湖社区');
    const verify = async (fileName: string, pdf: Buffer) =>
      send(office, 'record:verify', { fileName, data: pdf.toString('base64') });
    const exported = await send(east.core, 'record:export', { id: east.meeting.id, kind: 'minutes' });
    const original = Buffer.from(exported.data, 'base64');
    const { recordHash } = await send(east.core, 'minutes:get', { id: east.meeting.id });

    // Before east reported it, the office has nothing to compare with.
    expect((await verify('东湖.pdf', original)).match).toEqual({ state: 'none' });
    await send(office, 'collection:import', picked(bundle));
    expect(await verify('东湖.pdf', original)).toMatchObject({
      verdict: 'valid',
      match: {
        state: 'reported',
        meetingId: east.meeting.id,
        title: '11月幸福议事会',
        unit: '平湖市当湖街道东湖社区居民委员会',
      },
    });

    // East's hash and meeting copied into a PDF that 西湖's genuine, office-issued key signs: valid, but not east's.
    const byWest = await verify('copied.pdf', await copiedHash(recordHash!, east.meeting.id, west.keys));
    expect(byWest.verdict).toBe('valid');
    expect(byWest.signer?.name).toBe('西湖社区居民委员会');
    expect(byWest.match).toEqual({ state: 'none' });
    // The same with a self-made 东湖 certificate: an unknown signer, nothing matched.
    const forger = await createIdentity(
      { name: '东湖社区', subDistrict: '当湖街道', district: '平湖市', kind: 'community' },
      new Date(),
    );
    const selfMade = await verify('self-made.pdf', await copiedHash(recordHash!, east.meeting.id, forger));
    expect(selfMade).toMatchObject({ verdict: 'unknown_signer', match: { state: 'none' } });
    // A hash east never reported, under east's own key and meeting, matches nothing either.
    const unreported = await verify(
      'other.pdf',
      await copiedHash('ab'.repeat(32), east.meeting.id, await keysOf(east.core)),
    );
    expect(unreported).toMatchObject({ verdict: 'valid', match: { state: 'none' } });
  }, 240_000);
});
