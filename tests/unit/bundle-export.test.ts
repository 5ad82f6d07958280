import { describe, expect, it } from 'vitest';
import { bundleFiles, type BundleManifest } from '../../shared/domain/bundle';
import { checkBundle, readZip } from '../../electron/records/bundle';
import { sha256 } from '../../electron/records/hash';
import { readSeal } from '../../electron/records/verify-pdf';
import { send, type TestCore } from './helpers';
import { finalizedWithIdentity } from './meetings';

const events = (core: TestCore) =>
  core.db!.$client.prepare('SELECT id, action, payload FROM audit_event ORDER BY id').all() as {
    id: number;
    action: string;
    payload: string;
  }[];

describe('bundle:export', () => {
  it('writes one audit event for the whole bundle (not one per PDF), naming every file by its hash', async () => {
    const { core, meeting } = await finalizedWithIdentity();
    // The very first export also chooses the community's lasting uid, once in the database's life.
    let before = events(core).length;
    await send(core, 'bundle:export', { meetingId: meeting.id });
    expect(
      events(core)
        .slice(before)
        .map((e) => e.action),
    ).toEqual(['community.uid', 'bundle.export']);
    before = events(core).length;
    const bundle = await send(core, 'bundle:export', { meetingId: meeting.id });
    const added = events(core).slice(before);
    expect(added.map((e) => e.action)).toEqual(['bundle.export']);
    const files = readZip(Buffer.from(bundle.data, 'base64'));
    const payload = JSON.parse(added[0]!.payload) as { files: { path: string; sha256: string }[]; sha256: string };
    expect(payload.sha256).toBe(sha256(Buffer.from(bundle.data, 'base64')));
    expect(payload.files).toHaveLength(3);
    for (const file of payload.files) expect(sha256(files.get(file.path)!)).toBe(file.sha256);
  }, 60_000);

  it('reads one snapshot: an amendment made while the PDFs are drawn is in neither the manifest nor any PDF', async () => {
    const { core, meeting } = await finalizedWithIdentity();
    const before = (await send(core, 'minutes:get', { id: meeting.id })).recordHash;
    const exporting = send(core, 'bundle:export', { meetingId: meeting.id });
    const amended = await send(core, 'minutes:amend', {
      id: meeting.id,
      section: '1 电动车充电桩选址',
      text: '责任方更正为业委会。',
      reason: '会上口误',
      author: '陈书记',
    });
    const zip = Buffer.from((await exporting).data, 'base64');
    // The amendment landed while the export was running (its event comes first), and after the snapshot.
    expect(
      events(core)
        .map((e) => e.action)
        .slice(-2),
    ).toEqual(['minutes.amend', 'bundle.export']);
    expect(amended.recordHash).not.toBe(before);

    const checked = checkBundle(zip);
    const manifest = JSON.parse(readZip(zip).get(bundleFiles.manifest)!.toString()) as BundleManifest;
    expect(manifest.meetings[0]!.minutesHash).toBe(before);
    expect(manifest.meetings[0]!.amendments).toEqual([]);
    for (const path of Object.values(manifest.meetings[0]!.files)) {
      expect(readSeal(checked.files.get(path)!).contentHash).toBe(before);
    }
    // The next export reports the amended minutes.
    const next = await send(core, 'bundle:export', { meetingId: meeting.id });
    const nextManifest = JSON.parse(
      readZip(Buffer.from(next.data, 'base64')).get(bundleFiles.manifest)!.toString(),
    ) as BundleManifest;
    expect(nextManifest.meetings[0]!.minutesHash).toBe(amended.recordHash);
  }, 60_000);
});
