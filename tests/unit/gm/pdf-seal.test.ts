import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { unseal } from '../../../electron/crypto/kdf';
import { signingIdentity } from '../../../electron/db/schema';
import { pemDer } from '../../../electron/services/register';
import { openSm2Key } from '../../../electron/services/sm2-identity';
import { makeSeal, officialSealType } from '../../../electron/records/gm/seal';
import { drawSealPicture } from '../../../electron/records/gm/seal-picture';
import { softwareSigner } from '../../../electron/records/gm/signer';
import { checkBundle } from '../../../electron/records/bundle';
import { children, readNode, tlv } from '../../../electron/records/der';
import { sealSignatureAttribute } from '../../../electron/records/gm/pdf-seal';
import { sm3 } from '../../../electron/records/gm/sm2';
import { readSm2Certificate } from '../../../electron/records/gm/x509';
import { RecordDocument, type RecordSeal } from '../../../electron/records/pdf-document';
import type { KeyAndCertificate } from '../../../electron/records/identity';
import { checkPdf } from '../../../electron/records/verify-pdf';
import { send, testPassphrase, type TestCore } from '../helpers';
import { issuedPair, keysOf, rebundle, relist, resignSm2, sm2Pair } from '../office';
import { communitySeal, day, fonts, makeCommunity, makeOffice, sm2SignerOf, type Office } from './pki';
import { openssl, tempDir, write } from './tools';

/** The community's SM2 key pair, certificate and seal, as the export hands them to the worker. */
async function sm2KeyOf(core: TestCore) {
  const row = core
    .db!.select()
    .from(signingIdentity)
    .where(eq(signingIdentity.active, true))
    .orderBy(desc(signingIdentity.id))
    .get()!;
  const { secret } = await unseal(row.encryptedKey, 'correct horse 1');
  return {
    key: openSm2Key(secret, row.sm2Key!),
    certificate: pemDer(row.sm2Certificate!),
    seal: Buffer.from(row.seal!),
  };
}

const run = (command: string, args: string[], cwd: string) =>
  spawnSync(command, args, { cwd, encoding: 'utf8' }).stdout;

/** pdfsig's and qpdf's word on a PDF: the RSA signature as any PDF tool sees it. */
function pdfTools(pdf: Buffer) {
  const dir = tempDir();
  write(dir, 'r.pdf', pdf);
  return { pdfsig: run('pdfsig', ['r.pdf'], dir), qpdf: run('qpdf', ['--check', 'r.pdf'], dir) };
}

/** The CMS in /Contents, and a way to put another one there (zero-padded, the byte range unchanged). */
function contentsOf(pdf: Buffer) {
  const [, , b, c] = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)/.exec(pdf.toString('latin1'))!.map(Number) as number[];
  const all = Buffer.from(pdf.subarray(b! + 1, c! - 1).toString('latin1'), 'hex');
  const cms = Buffer.from(all.subarray(0, readNode(all).end));
  const signed = Buffer.concat([pdf.subarray(0, b!), pdf.subarray(c!)]);
  const replace = (next: Buffer) =>
    Buffer.concat([
      pdf.subarray(0, b! + 1),
      Buffer.from(next.toString('hex').padEnd(c! - b! - 2, '0'), 'latin1'),
      pdf.subarray(c! - 1),
    ]);
  return { cms, signed, replace };
}

/** The CMS re-encoded without its SignerInfo's unsigned attributes: the PDF as an RSA-only one. */
function stripUnsigned(cms: Buffer): Buffer {
  const [type, wrapped] = children(cms, readNode(cms));
  const signedData = children(cms, children(cms, wrapped!)[0]!);
  const signerInfo = children(cms, children(cms, signedData.at(-1)!)[0]!);
  const kept = signerInfo.filter((n) => n.tag !== 0xa1).map((n) => n.bytes);
  const infos = tlv(0x31, tlv(0x30, ...kept));
  return tlv(0x30, type!.bytes, tlv(0xa0, tlv(0x30, ...signedData.slice(0, -1).map((n) => n.bytes), infos)));
}

const verify = async (core: TestCore, pdf: Buffer) =>
  send(core, 'record:verify', { fileName: 'record.pdf', data: pdf.toString('base64') });

/** The documented third-party check (docs/gm-records.md), run as written. */
function documentedCheck(pdf: Buffer, officeCaPem: string) {
  const doc = fs.readFileSync(path.resolve('docs/gm-records.md'), 'utf8');
  const section = doc.slice(doc.indexOf("### Checking a sealed PDF's seal signature with OpenSSL 3 alone"));
  const script = /```sh\n([\s\S]+?)```/.exec(section)![1]!;
  const dir = tempDir();
  write(dir, 'record.pdf', pdf);
  write(dir, 'office-sm2-ca.pem', officeCaPem);
  const result = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`;
}

/** A record signed with the community's RSA identity but sealed with whatever SM2 sealer is given. */
async function sealedWith(
  identity: KeyAndCertificate,
  sealer: RecordSeal['sm2'],
  record = { contentHash: 'a'.repeat(64), meetingId: 1 },
): Promise<Buffer> {
  const document = new RecordDocument(fonts, { title: '东湖社区议事会会议纪要', author: '东湖社区' });
  document.text('议定事项：同意在 5 号楼加装电梯。');
  return document.finish({
    kind: 'minutes',
    ...record,
    auditHead: 'b'.repeat(64),
    signer: '东湖社区居民委员会',
    fingerprint: 'c'.repeat(64),
    identity,
    signedAt: new Date(),
    location: '东湖社区',
    unit: '平湖市当湖街道东湖社区居民委员会',
    issuer: '当湖街道办事处',
    sm2: sealer,
  });
}

describe('sealed PDFs carry the SM2 seal signature beside the RSA one', () => {
  it('minutes, 公示 and sign-in record: the SES_Signature over the ByteRange bytes, checked by OpenSSL alone; pdfsig still valid over the whole document; valid here and at the office', async () => {
    const { office, community, sm2Issued } = await sm2Pair();
    const pems = Buffer.from(sm2Issued.data, 'base64')
      .toString('latin1')
      .match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/g)!;
    for (const kind of ['minutes', 'resolutions', 'sign_in'] as const) {
      const exported = await send(community.core, 'record:export', { id: community.meeting.id, kind, format: 'pdf' });
      const pdf = Buffer.from(exported.data, 'base64');
      const tools = pdfTools(pdf);
      expect(tools.pdfsig, kind).toContain('Signature is Valid.');
      expect(tools.pdfsig, kind).toContain('Total document signed');
      expect(tools.qpdf, kind).toContain('No syntax or stream encoding errors');

      const { cms, signed } = contentsOf(pdf);
      const dir = tempDir();
      write(dir, 'cms.der', cms);
      const printed = openssl(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', 'cms.der'], dir).out;
      expect(printed).toMatch(new RegExp(`unsignedAttrs:\\s+object: undefined \\(${sealSignatureAttribute}\\)`));

      const check = checkPdf(pdf, 'r.pdf');
      expect(check).toMatchObject({ state: 'intact', sm2: { state: 'intact', seal: { name: '东湖社区居民委员会' } } });
      if (check.state !== 'intact' || check.sm2?.state !== 'intact') return;
      expect(check.sm2.signer.der.equals(readSm2Certificate(pems[0]!).der)).toBe(true);
      expect(sm3(signed).length).toBe(32);

      for (const core of [community.core, office]) {
        expect(await verify(core, pdf), kind).toMatchObject({
          verdict: 'valid',
          sm2Seal: {
            verdict: 'valid',
            signer: { name: '东湖社区居民委员会' },
            seal: { name: '东湖社区居民委员会' },
          },
        });
      }
      if (kind !== 'minutes') continue;

      // The third party: exactly the steps docs/gm-records.md gives, with OpenSSL 3 alone.
      const out = documentedCheck(pdf, pems[1]!);
      expect(out).toContain(`object: undefined (${sealSignatureAttribute})`);
      expect(out.match(/Signature Verified Successfully/g)).toHaveLength(2); // the seal signature, the seal
      const digest = sm3(signed).toString('hex');
      expect(out.split('\n').filter((line) => line === digest)).toHaveLength(2); // dataHash = SM3(ByteRange bytes)
      expect(out).toContain(':PDF ByteRange');
      expect(out).toContain('seal made by the office');
      expect(out).toContain('signer.pem: OK');
    }
  }, 300_000);

  it('tampering: a flipped content byte, a flipped byte of the seal signature or of its dataHash; a stripped attribute reads as RSA-only', async () => {
    const { community } = await sm2Pair();
    const { core, meeting } = community;
    const exported = await send(core, 'record:export', { id: meeting.id, kind: 'minutes', format: 'pdf' });
    const pdf = Buffer.from(exported.data, 'base64');
    const { cms, signed, replace } = contentsOf(pdf);

    // A byte of the page: both signatures cover it; the RSA one is checked first.
    const page = Buffer.from(pdf);
    page[page.length - 200]! ^= 1;
    expect(await verify(core, page)).toMatchObject({ verdict: 'tampered', reason: 'digest_mismatch', sm2Seal: null });

    // The SM2 signature's last byte: outside what RSA signs, so pdfsig cannot see it — our verifier does.
    const lastByte = Buffer.from(cms);
    lastByte[lastByte.length - 1]! ^= 1;
    const resealed = replace(lastByte);
    expect(pdfTools(resealed).pdfsig).toContain('Signature is Valid.');
    expect(await verify(core, resealed)).toMatchObject({
      verdict: 'tampered',
      reason: 'signature_invalid',
      sm2Seal: { verdict: 'tampered', reason: 'signature_invalid', signer: { name: '东湖社区居民委员会' } },
    });

    // The dataHash in TBS_Sign: the seal signature no longer names these bytes.
    const hashAt = cms.indexOf(sm3(signed));
    expect(hashAt).toBeGreaterThan(0);
    const hash = Buffer.from(cms);
    hash[hashAt]! ^= 1;
    expect(await verify(core, replace(hash))).toMatchObject({
      verdict: 'tampered',
      reason: 'digest_mismatch',
      sm2Seal: { verdict: 'tampered', reason: 'digest_mismatch' },
    });

    // Cut out: what is left is a valid RSA-only record, and the report says it carries no seal signature.
    const stripped = replace(stripUnsigned(cms));
    const dir = tempDir();
    write(dir, 'cms.der', stripUnsigned(cms));
    expect(openssl(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', 'cms.der'], dir).out).toMatch(
      /unsignedAttrs:\s+<ABSENT>/,
    );
    expect(pdfTools(stripped).pdfsig).toContain('Signature is Valid.');
    expect(await verify(core, stripped)).toMatchObject({
      verdict: 'valid',
      sm2Seal: null,
      match: { state: 'current' },
    });
    const check = checkPdf(stripped, 'r.pdf');
    expect(check).toMatchObject({ state: 'intact', sm2: null });

    // npm run verify says the same, one line for the seal.
    const files = tempDir();
    write(files, 'sealed.pdf', pdf);
    write(files, 'resealed.pdf', resealed);
    write(files, 'stripped.pdf', stripped);
    core.close();
    const cli = (file: string) =>
      spawnSync('npx', ['tsx', 'electron/records/verify-cli.ts', '--data', core.dataDir, path.join(files, file)], {
        encoding: 'utf8',
        env: { ...process.env, YISHITING_PASSPHRASE: testPassphrase },
      });
    const good = cli('sealed.pdf');
    expect(good.stdout).toContain('国密电子印章“东湖社区居民委员会”');
    expect(good.stdout).toContain('：有效 / SM2 electronic seal');
    expect(good.status).toBe(0);
    const bad = cli('resealed.pdf');
    expect(bad.stdout).toContain('已被篡改 / TAMPERED');
    expect(bad.stdout).toContain('国密电子印章：无效');
    expect(bad.status).toBe(1);
    const rsaOnly = cli('stripped.pdf');
    expect(rsaOnly.stdout).toContain('有效 / valid');
    expect(rsaOnly.stdout).toContain('未加盖国密电子印章（只有 RSA 签名）');
  }, 300_000);

  it('a seal another office made is untrusted; a seal of this office for a certificate of another community is too', async () => {
    const { office, community } = await sm2Pair();
    const identity = await keysOf(community.core);

    const stranger = await makeOffice();
    const foreign = await communitySeal(stranger);
    const sealer = {
      key: foreign.community.pair,
      certificate: foreign.community.signer.certificate,
      seal: foreign.seal,
    };
    const foreignPdf = await sealedWith(identity, sealer);
    expect(checkPdf(foreignPdf, 'r.pdf')).toMatchObject({ state: 'intact', sm2: { state: 'intact' } });
    for (const core of [community.core, office]) {
      expect(await verify(core, foreignPdf)).toMatchObject({
        verdict: 'unknown_signer',
        sm2Seal: { verdict: 'unknown_signer', distrust: 'seal_maker_unknown' },
      });
    }

    // This office's CA, a certificate of its own making without the community's uid: not the RSA signer's community.
    const ca = await sm2SignerOf(office, 'office passphrase');
    const ours: Office = {
      pair: { publicKey: ca.publicKey, privateKey: '' },
      signer: ca,
      name: readSm2Certificate(ca.certificate).subject,
    };
    const other = await communitySeal(ours);
    expect((await makeCommunity(ours, '西湖社区')).signer.certificate.length).toBeGreaterThan(0);
    const otherPdf = await sealedWith(identity, {
      key: other.community.pair,
      certificate: other.community.signer.certificate,
      seal: other.seal,
    });
    expect(await verify(community.core, otherPdf)).toMatchObject({
      verdict: 'unknown_signer',
      sm2Seal: { verdict: 'unknown_signer', distrust: 'other_community', seal: { name: '东湖社区居民委员会' } },
    });
  }, 300_000);

  it('the SM2 certificate alone revoked: the RSA signature stands, the seal does not, so the PDF is invalid_certificate', async () => {
    const { office, community } = await sm2Pair();
    const sm2 = (await send(office, 'ca:issued', {})).find((e) => e.algorithm === 'sm2')!;
    await send(office, 'ca:revoke', { id: sm2.id, date: new Date().toISOString().slice(0, 10), reason: 'cessation' });
    const exported = await send(community.core, 'record:export', { id: community.meeting.id, kind: 'minutes' });
    expect(await verify(office, Buffer.from(exported.data, 'base64'))).toMatchObject({
      verdict: 'invalid_certificate',
      reason: null,
      problem: { code: 'revoked' },
      sm2Seal: { verdict: 'invalid_certificate', seal: { name: '东湖社区居民委员会' } },
      match: { state: 'none' },
    });
  }, 300_000);

  it('a community without SM2 exports the RSA-only PDF; a bundle judges each PDF’s seal with the OFDs’', async () => {
    const { community } = await issuedPair();
    const plain = await send(community.core, 'record:export', {
      id: community.meeting.id,
      kind: 'minutes',
      format: 'pdf',
    });
    const pdf = Buffer.from(plain.data, 'base64');
    const dir = tempDir();
    write(dir, 'cms.der', contentsOf(pdf).cms);
    expect(openssl(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', 'cms.der'], dir).out).toMatch(
      /unsignedAttrs:\s+<ABSENT>/,
    );
    expect(await verify(community.core, pdf)).toMatchObject({ verdict: 'valid', sm2Seal: null });

    const sealed = await sm2Pair('南湖社区');
    const bundle = await send(sealed.community.core, 'bundle:export', { meetingId: sealed.community.meeting.id });
    const checked = checkBundle(Buffer.from(bundle.data, 'base64'));
    const id = sealed.community.meeting.id;
    expect(checked.sm2?.seals.map((s) => s.path).sort()).toEqual([
      `meetings/${id}/minutes.ofd`,
      `meetings/${id}/minutes.pdf`,
      `meetings/${id}/resolutions.pdf`,
      `meetings/${id}/sign-in.pdf`,
    ]);
    const imported = (data: string) => send(sealed.office, 'collection:import', { fileName: '上报包.zip', data });

    // The community's own keys, a seal from another office naming its SM2 certificate: the PDF is intact, the seal
    // is not this office's.
    const rsa = await keysOf(sealed.community.core);
    const sm2 = await sm2KeyOf(sealed.community.core);
    const stranger = await makeOffice();
    const strangerSeal = await makeSeal(
      {
        id: 'XX-0001',
        name: '东湖社区居民委员会',
        type: officialSealType,
        signerCertificates: [sm2.certificate],
        createdAt: new Date(),
        validFrom: new Date(Date.now() - 60_000),
        validTo: new Date(Date.now() + 365 * day),
        picture: drawSealPicture('东湖社区居民委员会', fonts),
      },
      stranger.signer,
    );
    const minutesPath = `meetings/${id}/minutes.pdf`;
    const rebuilt = async (pdf: Buffer) =>
      resignSm2(
        await rebundle(
          Buffer.from(bundle.data, 'base64'),
          (files, manifest) => {
            files.set(minutesPath, pdf);
            relist(files, manifest);
          },
          rsa,
        ),
        softwareSigner(sm2.key, sm2.certificate),
      );
    const record = { contentHash: checked.manifest.meetings[0]!.minutesHash, meetingId: id };
    const foreign = await sealedWith(rsa, { ...sm2, seal: strangerSeal }, record);
    expect(await imported(await rebuilt(foreign))).toMatchObject({ verdict: 'rejected', reason: 'seal_untrusted' });

    // The community's real seal, its signature value changed: the PDF's seal signature is refused.
    const genuine = await sealedWith(rsa, sm2, record);
    const { cms, replace } = contentsOf(genuine);
    const flipped = Buffer.from(cms);
    flipped[flipped.length - 1]! ^= 1;
    const refused = await imported(await rebuilt(replace(flipped)));
    expect(refused).toMatchObject({ verdict: 'rejected', reason: 'pdf_signature' });
    expect(refused.detail).toContain('signature_invalid');
    expect(await imported(await rebuilt(genuine))).toMatchObject({ verdict: 'trusted' });

    // As exported: trusted, its seals judged against this office's SM2 CA; the list counts the one sealed OFD.
    expect(await imported(bundle.data)).toMatchObject({ verdict: 'trusted', sealed: 1 });
  }, 300_000);
});
