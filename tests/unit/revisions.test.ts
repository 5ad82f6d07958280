import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../shared/domain/records';
import { createIdentity } from '../../electron/records/identity';
import { copiedHash, overlay, signAgain } from '../fixtures/pdf-increment';
import { send, tempDir, testPassphrase, type TestCore } from './helpers';
import { issuedPair, issuedPairWith, keysOf, trustStore } from './office';

/** pdfsig with an NSS store that trusts the office's CA, read the way the app judges: every signature counts. */
function pdfsigVerdict(file: string, nss: string): 'valid' | 'tampered' | 'untrusted' {
  const out = spawnSync('pdfsig', ['-nssdir', `sql:${nss}`, file], { encoding: 'utf8' }).stdout;
  const signatures = out.split(/Signature #\d+:/).slice(1);
  if (signatures.length === 0) return 'tampered';
  if (signatures.some((s) => !s.includes('Signature is Valid.'))) return 'tampered';
  if (!signatures[0]!.includes('Total document signed') || signatures[0]!.includes('Not total document signed')) {
    return 'tampered';
  }
  return signatures.every((s) => s.includes('Certificate is Trusted.')) ? 'valid' : 'untrusted';
}

const appVerdict = (r: VerifyReport) =>
  r.verdict === 'valid' ? 'valid' : r.verdict === 'unknown_signer' ? 'untrusted' : 'tampered';

describe('every signature and every revision of a PDF', () => {
  it('reports a change after the community’s signature, whoever signed it, and agrees with pdfsig', async () => {
    const { office, community: east, issued } = await issuedPair('东湖社区');
    const west = await issuedPairWith(office, '西湖社区');
    const nss = trustStore(Buffer.from(issued.data, 'base64').toString());
    const exported = await send(east.core, 'record:export', { id: east.meeting.id, kind: 'minutes' });
    const original = Buffer.from(exported.data, 'base64');
    const forger = await createIdentity(
      { name: '东湖社区', subDistrict: '当湖街道', district: '平湖市', kind: 'community' },
      new Date(),
    );
    const minutes = await send(east.core, 'minutes:get', { id: east.meeting.id });

    const oneByte = Buffer.from(original);
    const at = original.toString('latin1').indexOf('stream', 2000) + 40;
    oneByte[at] = oneByte[at]! ^ 1;
    const files: [string, Buffer, VerifyReport['verdict'], Partial<VerifyReport['modified']>][] = [
      ['genuine', original, 'valid', null as never],
      ['one byte changed', oneByte, 'tampered', null as never],
      ['overlay, unsigned', overlay(original), 'tampered', { revision: 2, revisions: 2, signers: [] }],
      [
        'overlay + 西湖’s certified signature',
        await signAgain(overlay(original), west.keys),
        'tampered',
        { revision: 2, revisions: 3, signers: ['西湖社区居民委员会'] },
      ],
      [
        'overlay + a self-made 东湖 certificate',
        await signAgain(overlay(original), forger),
        'tampered',
        { revision: 2, revisions: 3, signers: ['东湖社区居民委员会'] },
      ],
      [
        'copied hash, self-made 东湖 certificate',
        await copiedHash(minutes.recordHash!, east.meeting.id, forger),
        'unknown_signer',
        null as never,
      ],
    ];
    const dir = tempDir();
    for (const [name, pdf, verdict, modified] of files) {
      const file = path.join(dir, `${name}.pdf`);
      fs.writeFileSync(file, pdf);
      for (const [where, core] of [
        ['community', east.core],
        ['office', office],
      ] as [string, TestCore][]) {
        const report = await send(core, 'record:verify', { fileName: `${name}.pdf`, data: pdf.toString('base64') });
        expect({ name, where, verdict: report.verdict }).toEqual({ name, where, verdict });
        // "Matches the finalized minutes" only for the genuine record, in the database that signed it.
        expect(report.match.state, `${name} @ ${where}`).toBe(
          name === 'genuine' && where === 'community' ? 'current' : 'none',
        );
        if (modified) {
          expect(report).toMatchObject({ reason: 'not_whole_document', modified });
        } else expect(report.modified, name).toBeNull();
        expect(pdfsigVerdict(file, nss), name).toBe(appVerdict(report));
      }
    }

    // npm run verify says the same, in words, and fails.
    const attacked = path.join(dir, 'overlay + 西湖’s certified signature.pdf');
    const cli = spawnSync('npx', ['tsx', 'electron/records/verify-cli.ts', '--data', east.core.dataDir, attacked], {
      encoding: 'utf8',
      env: { ...process.env, YISHITING_PASSPHRASE: testPassphrase },
    });
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain('已被篡改 / TAMPERED');
    expect(cli.stdout).toContain(
      '签名后被修改：第 2 版（共 3 版）是签名之后追加的，追加部分的签名人：西湖社区居民委员会',
    );
    expect(cli.stdout).not.toContain('与定稿纪要一致');
    const copied = path.join(dir, 'copied hash, self-made 东湖 certificate.pdf');
    const cli2 = spawnSync('npx', ['tsx', 'electron/records/verify-cli.ts', '--data', east.core.dataDir, copied], {
      encoding: 'utf8',
      env: { ...process.env, YISHITING_PASSPHRASE: testPassphrase },
    });
    expect(cli2.stdout).toContain('签名人未知');
    expect(cli2.stdout).not.toContain('一致');
  }, 300_000);

  it('keeps the community’s own signature the first: a signer of a later revision cannot take its place', async () => {
    const { community: east } = await issuedPair('东湖社区');
    const exported = await send(east.core, 'record:export', { id: east.meeting.id, kind: 'sign_in' });
    const keys = await keysOf(east.core);
    // Even the community's own key signing an addition leaves the addition outside the record's signature.
    const resigned = await signAgain(overlay(Buffer.from(exported.data, 'base64')), keys);
    const report = await send(east.core, 'record:verify', {
      fileName: 'x.pdf',
      data: resigned.toString('base64'),
    });
    expect(report).toMatchObject({
      verdict: 'tampered',
      reason: 'not_whole_document',
      modified: { revision: 2, revisions: 3, signers: ['东湖社区居民委员会'] },
      match: { state: 'none' },
    });
  }, 180_000);
});
