import { describe, expect, it } from 'vitest';
import { problemSentence } from '../../../shared/domain/records';
import { makeSeal, officialSealType } from '../../../electron/records/gm/seal';
import { drawSealPicture } from '../../../electron/records/gm/seal-picture';
import { paths } from '../../../electron/records/gm/ofd/package';
import { sealOfd, signPaths } from '../../../electron/records/gm/ofd/seal-ofd';
import { readOfdZip } from '../../../electron/records/gm/ofd/zip';
import { softwareSigner } from '../../../electron/records/gm/signer';
import { generateSm2KeyPair } from '../../../electron/records/gm/sm2';
import { issueSm2Certificate, readSm2Certificate, serialNumber } from '../../../electron/records/gm/x509';
import { send, type TestCore } from '../helpers';
import { sm2Pair, sm2SignerOf } from '../office';
import { communityName, day, fonts } from './pki';

const today = () => new Date().toISOString().slice(0, 10);
const tomorrow = () => new Date(Date.now() + day).toISOString().slice(0, 10);
const verify = (core: TestCore, fileName: string, data: string) => send(core, 'record:verify', { fileName, data });

/** The minutes as OFD and as PDF, exported now, and what `core` says of each. */
async function verifiedBoth(community: TestCore, meetingId: number, verifier: TestCore) {
  const ofd = await send(community, 'record:export', { id: meetingId, kind: 'minutes', format: 'ofd' });
  const pdf = await send(community, 'record:export', { id: meetingId, kind: 'minutes', format: 'pdf' });
  return { ofd: await verify(verifier, 'm.ofd', ofd.data), pdf: await verify(verifier, 'm.pdf', pdf.data), raw: ofd };
}

describe('the OFD check consults the register, as the PDF check does', () => {
  it('a revoked seal certificate: what it sealed after the revocation day is invalid, before it stays valid with a note — the PDF’s verdicts', async () => {
    const { office, community } = await sm2Pair();
    const { core, meeting } = community;
    const register = await send(office, 'ca:issued', {});
    const [sm2, rsa] = [register.find((e) => e.algorithm === 'sm2')!, register.find((e) => e.algorithm === 'rsa')!];

    // Revoked from tomorrow: today's records stay valid, and both say when the revocation came.
    await send(office, 'ca:revoke', { id: sm2.id, date: tomorrow(), reason: 'key_compromise' });
    await send(office, 'ca:revoke', { id: rsa.id, date: tomorrow(), reason: 'key_compromise' });
    const before = await verifiedBoth(core, meeting.id, office);
    expect(before.ofd).toMatchObject({ verdict: 'valid', notes: [{ code: 'revoked_later' }] });
    expect(before.pdf).toMatchObject({ verdict: 'valid', notes: [{ code: 'revoked_later' }] });
    expect(before.ofd.notes[0]!.date).toBe(before.pdf.notes[0]!.date);
  }, 240_000);

  it('revoked from today: invalid_certificate with the revocation date for the OFD and the PDF alike', async () => {
    const { office, community } = await sm2Pair();
    const { core, meeting } = community;
    const register = await send(office, 'ca:issued', {});
    for (const entry of register) await send(office, 'ca:revoke', { id: entry.id, date: today(), reason: 'cessation' });
    const after = await verifiedBoth(core, meeting.id, office);
    expect(after.ofd).toMatchObject({ verdict: 'invalid_certificate', problem: { code: 'revoked' } });
    expect(after.pdf).toMatchObject({ verdict: 'invalid_certificate', problem: { code: 'revoked' } });
    expect(after.ofd.problem!.date).toBe(after.pdf.problem!.date);
    expect(problemSentence('revoked', after.ofd.problem!.date, 'zh-CN')).toContain('被签发单位吊销');
    // The community itself, which has not seen the revocation, still calls its own OFD valid.
    expect((await verify(core, 'm.ofd', after.raw.data)).verdict).toBe('valid');
  }, 240_000);

  it('a seal certificate the office issued that had expired when it sealed: invalid_certificate, expired', async () => {
    const { office, community } = await sm2Pair();
    const { core, meeting } = community;
    const ca = await sm2SignerOf(office, 'office passphrase');
    const caCertificate = readSm2Certificate(ca.certificate);
    // A certificate from the office's SM2 key with dates long past, and a seal for it the office made.
    const pair = generateSm2KeyPair();
    const now = Date.now();
    const expired = await issueSm2Certificate(
      {
        serial: serialNumber(),
        subject: communityName('东湖社区'),
        issuer: caCertificate.subject,
        notBefore: new Date(now - 800 * day),
        notAfter: new Date(now - 400 * day),
        publicKey: pair.publicKey,
        ca: false,
        issuerPublicKey: ca.publicKey,
      },
      ca,
    );
    const seal = await makeSeal(
      {
        id: 'DH-EXPIRED-1',
        name: '东湖社区居民委员会',
        type: officialSealType,
        signerCertificates: [expired],
        createdAt: new Date(now),
        validFrom: new Date(now - day),
        validTo: new Date(now + 365 * day),
        picture: drawSealPicture('东湖社区居民委员会', fonts),
      },
      ca,
    );
    // The community's own OFD, its seal signature taken off and made again with the expired certificate.
    const exported = await send(core, 'record:export', { id: meeting.id, kind: 'minutes', format: 'ofd' });
    const signFiles = new Set([paths.signatures, signPaths.signature, signPaths.signedValue, signPaths.seal]);
    const files = new Map(
      readOfdZip(Buffer.from(exported.data, 'base64'))
        .filter((e) => !signFiles.has(e.name))
        .map((e) => [e.name, e.data]),
    );
    const resealed = await sealOfd(files, {
      seal,
      signer: softwareSigner(pair, expired),
      stamp: { page: 0, x: 20, y: 20, width: 40, height: 40 },
      signedAt: new Date(now),
    });
    const report = await verify(office, 'm.ofd', resealed.toString('base64'));
    expect(report).toMatchObject({ verdict: 'invalid_certificate', problem: { code: 'expired' } });
    expect(report.problem!.date!.slice(0, 10)).toBe(new Date(now - 400 * day).toISOString().slice(0, 10));
  }, 240_000);
});
