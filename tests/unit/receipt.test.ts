import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { receiptFiles, type ReceiptPayload } from '../../shared/domain/receipt';
import { readZip, writeZip } from '../../electron/records/bundle';
import { signDetached } from '../../electron/records/sign';
import { auditCount, refusal, send, tempDir, type TestCore } from './helpers';
import { issuedPair, keysOf, subDistrictCore } from './office';

const today = () => new Date().toISOString().slice(0, 10);

/** A second finalized meeting in the community (no votes: the receipt does not care). */
async function anotherMeeting(core: TestCore) {
  const meeting = await send(core, 'meeting:create', { title: '12月幸福议事会', place: '社区议事厅' });
  await send(core, 'agenda:add', { meetingId: meeting.id, kind: 'custom', title: '垃圾分类', plannedMinutes: 10 });
  await send(core, 'meeting:setStatus', { id: meeting.id, status: 'in_progress' });
  await send(core, 'meeting:setStatus', { id: meeting.id, status: 'closed' });
  await send(core, 'minutes:finalize', { id: meeting.id, by: '林社工' });
  return meeting;
}

const unpack = (data: string) => {
  const files = readZip(Buffer.from(data, 'base64'));
  return { files, payload: JSON.parse(files.get(receiptFiles.payload)!.toString('utf8')) as ReceiptPayload };
};
/** A file as a picker hands it over. */
const picked = ({ fileName, data }: { fileName: string; data: string }) => ({ fileName, data });
const pack = (files: Map<string, Buffer>) => ({ fileName: '回执.ysreceipt', data: writeZip(files).toString('base64') });

describe('receipts (回执)', () => {
  it('answers every imported bundle; the community sees 已上报, then 已核验 or 被拒收 with the reason', async () => {
    const { office, community, bundle } = await issuedPair();
    const first = community.meeting;
    const status = async () =>
      Object.fromEntries((await send(community.core, 'receipt:status', {})).map((r) => [r.meetingId, r]));
    expect((await status())[first.id]).toMatchObject({ state: 'reported', answeredAt: null });

    expect((await send(office, 'collection:import', picked(bundle))).verdict).toBe('trusted');
    // The office revokes the community's certificate from today; what it signs from now on is refused.
    const [entry] = await send(office, 'ca:issued', {});
    await send(office, 'ca:revoke', { id: entry!.id, date: today(), reason: 'key_compromise' });
    const second = await anotherMeeting(community.core);
    const later = await send(community.core, 'bundle:export', { meetingId: second.id });
    const refused = await send(office, 'collection:import', picked(later));
    expect(refused).toMatchObject({ verdict: 'rejected', reason: 'certificate_revoked' });
    expect((await status())[second.id]).toMatchObject({ state: 'reported' });

    // One file for everything the office imported, signed by its CA: OpenSSL agrees, on its own.
    const all = await send(office, 'collection:receipts', {});
    expect(all.fileName).toMatch(/^当湖街道-回执-\d{4}-\d{2}-\d{2}\.ysreceipt$/);
    const { files, payload } = unpack(all.data);
    expect(payload.receipts).toHaveLength(2);
    expect(payload.receipts[0]).toMatchObject({
      verdict: 'trusted',
      reason: null,
      counted: { meetings: [{ id: first.id, title: '11月幸福议事会' }], votes: 2, resolutions: 2 },
    });
    expect(payload.receipts[1]).toMatchObject({
      verdict: 'rejected',
      reason: 'certificate_revoked',
      reasonText: { 'zh-CN': expect.stringContaining('已被本街道吊销') },
      counted: { meetings: [] },
    });
    const dir = tempDir();
    for (const [name, data] of files) fs.writeFileSync(path.join(dir, name), data);
    const ca = await keysOf(office, 'office passphrase');
    fs.writeFileSync(path.join(dir, 'ca.pem'), ca.certificatePem);
    const trusted = spawnSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        receiptFiles.signature,
        '-content',
        receiptFiles.payload,
        '-CAfile',
        'ca.pem',
        '-out',
        '/dev/null',
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(trusted.stderr).toContain('Verification successful');

    expect(await send(community.core, 'receipt:import', picked(all))).toEqual({ applied: 2, meetings: 2, others: 0 });
    const seen = await status();
    expect(seen[first.id]).toMatchObject({ state: 'verified', reason: null });
    expect(seen[second.id]).toMatchObject({
      state: 'refused',
      reason: { 'zh-CN': expect.stringContaining('已被本街道吊销'), en: expect.stringContaining('revoked') },
      detail: expect.stringContaining('吊销'),
    });
    // The same answer again changes nothing; the per-bundle receipt is the same receipt.
    const one = await send(office, 'collection:receipt', { id: refused.id });
    expect(one.fileName).toMatch(/^回执-东湖社区-上报包-12月幸福议事会-.*\.ysreceipt$/);
    expect(await send(community.core, 'receipt:import', picked(one))).toEqual({ applied: 1, meetings: 1, others: 0 });
    expect(await status()).toEqual(seen);
  }, 180_000);

  it('refuses a forged or altered receipt with a clear message, and keeps nothing of it', async () => {
    const { office, community, bundle } = await issuedPair();
    await send(office, 'collection:import', picked(bundle));
    const good = unpack((await send(office, 'collection:receipts', {})).data);
    const before = auditCount(community.core);

    // The verdict edited after signing.
    const altered = good.payload.receipts.map((r) => ({ ...r, verdict: 'rejected' as const }));
    const edited = new Map(good.files);
    edited.set(receiptFiles.payload, Buffer.from(JSON.stringify({ ...good.payload, receipts: altered })));
    const tampered = await refusal(community.core, 'receipt:import', pack(edited));
    expect(tampered).toMatchObject({ code: 'receipt_tampered' });
    expect(tampered.message).toContain('回执在街道签发后被改动过');

    // Signed well, but by another office's CA, or by the community's own key.
    const stranger = await subDistrictCore();
    await send(stranger, 'identity:create', { passphrase: 'office passphrase' });
    for (const keys of [await keysOf(stranger, 'office passphrase'), await keysOf(community.core)]) {
      const bytes = good.files.get(receiptFiles.payload)!;
      const forged = new Map(good.files);
      forged.set(receiptFiles.signature, await signDetached(bytes, keys, new Date()));
      const untrusted = await refusal(community.core, 'receipt:import', pack(forged));
      expect(untrusted).toMatchObject({ code: 'receipt_untrusted' });
      expect(untrusted.message).toContain('不是本社区所属街道签发的');
    }

    // Not a receipt at all.
    const bundleAsReceipt = await refusal(community.core, 'receipt:import', picked(bundle));
    expect(bundleAsReceipt.message).toContain('不是议事亭的回执文件');

    expect(auditCount(community.core)).toBe(before);
    expect(await send(community.core, 'receipt:status', {})).toMatchObject([
      { meetingId: community.meeting.id, state: 'reported' },
    ]);
  }, 180_000);
});
