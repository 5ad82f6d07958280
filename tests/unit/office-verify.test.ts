import { describe, expect, it } from 'vitest';
import { readZip } from '../../electron/records/bundle';
import { createIdentity } from '../../electron/records/identity';
import { copiedHash } from '../fixtures/pdf-increment';
import { send } from './helpers';
import { issuedPair, issuedPairWith, keysOf } from './office';

const picked = ({ fileName, data }: { fileName: string; data: string }) => ({ fileName, data });

describe('the office checks a PDF against what the register says its signer reported', () => {
  it('says “matches” only for the very file the signer’s own community reported, never for another key or words', async () => {
    const { office, community: east, bundle } = await issuedPair('东湖社区');
    const west = await issuedPairWith(office, '西湖社区');
    const verify = async (fileName: string, pdf: Buffer) =>
      send(office, 'record:verify', { fileName, data: pdf.toString('base64') });
    const exported = await send(east.core, 'record:export', { id: east.meeting.id, kind: 'minutes' });
    const original = Buffer.from(exported.data, 'base64');
    const { recordHash } = await send(east.core, 'minutes:get', { id: east.meeting.id });

    const reportedPdf = readZip(Buffer.from(bundle.data, 'base64')).get(`meetings/${east.meeting.id}/minutes.pdf`)!;

    // Before east reported it, the office has nothing to compare with.
    expect((await verify('东湖.pdf', reportedPdf)).match).toEqual({ state: 'none' });
    await send(office, 'collection:import', picked(bundle));
    expect(await verify('东湖.pdf', reportedPdf)).toMatchObject({
      verdict: 'valid',
      match: {
        state: 'reported',
        meetingId: east.meeting.id,
        title: '11月幸福议事会',
        unit: '平湖市当湖街道东湖社区居民委员会',
      },
    });

    // A copy east signed again outside the bundle is valid, but it is not the file the office holds.
    expect(await verify('东湖-再次导出.pdf', original)).toMatchObject({ verdict: 'valid', match: { state: 'none' } });
    // East's own key under other words with the reported hash: valid as a signature, matched to nothing.
    const reworded = await verify(
      'reworded.pdf',
      await copiedHash(recordHash!, east.meeting.id, await keysOf(east.core)),
    );
    expect(reworded).toMatchObject({ verdict: 'valid', match: { state: 'none' } });

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
