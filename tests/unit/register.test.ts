import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { bundleRejectionLabels, type BundleManifest } from '../../shared/domain/bundle';
import { readZip } from '../../electron/records/bundle';
import { send, refusal, tempDir } from './helpers';
import { communityWithBundle, issuedPair, issuedPairWith, keysOf, rebundle } from './office';

const manifestOf = (data: string) =>
  JSON.parse(readZip(Buffer.from(data, 'base64')).get('manifest.json')!.toString('utf8')) as BundleManifest;
const counted = async (office: Parameters<typeof send>[0]) =>
  (await send(office, 'collection:stats', { from: '2000-01', to: '2099-12' })).communities.map((c) => c.name);

describe('the office’s register of issued certificates', () => {
  it('counts a bundle only for the community its signer was issued to; relabelled or invented ones are refused', async () => {
    const { office, community: east, bundle: eastBundle } = await issuedPair('东湖社区');
    const west = await issuedPairWith(office, '西湖社区');
    const eastKeys = await keysOf(east.core);
    const westCommunity = manifestOf(west.bundle.data).community;
    const imports = (data: string) => send(office, 'collection:import', { fileName: 'b.zip', data });

    // 东湖 relabels its own report as 西湖 and signs it with its own, office-issued key.
    const relabelled = await rebundle(
      Buffer.from(eastBundle.data, 'base64'),
      (_f, m) => (m.community = westCommunity),
      eastKeys,
    );
    const refused = await imports(relabelled);
    expect(refused).toMatchObject({ verdict: 'rejected', reason: 'community_mismatch', unit: westCommunity.unit });
    // The office is told whom the certificate really belongs to.
    expect(refused.detail).toBe('平湖市当湖街道东湖社区居民委员会');
    expect(bundleRejectionLabels.community_mismatch['zh-CN']).toContain('签发给了另一个社区');

    // An invented 南湖社区 under 东湖's key, and 东湖's uid under 西湖's name: refused the same way.
    const invented = await rebundle(
      Buffer.from(eastBundle.data, 'base64'),
      (_f, m) =>
        (m.community = {
          ...m.community,
          uid: '3f0c2a9e-8d1b-4c7a-9e2f-5b6d7c8e9f01',
          name: '南湖社区',
          unit: '平湖市当湖街道南湖社区居民委员会',
        }),
      eastKeys,
    );
    expect(await imports(invented)).toMatchObject({ verdict: 'rejected', reason: 'community_mismatch' });
    const renamed = await rebundle(
      Buffer.from(eastBundle.data, 'base64'),
      (_f, m) => (m.community = { ...m.community, name: '西湖社区', unit: westCommunity.unit }),
      eastKeys,
    );
    expect(await imports(renamed)).toMatchObject({ verdict: 'rejected', reason: 'community_mismatch' });
    expect(await counted(office)).toEqual([]);

    // The genuine bundles still count, each under the community the register names.
    expect(await imports(west.bundle.data)).toMatchObject({ verdict: 'trusted', unit: westCommunity.unit });
    expect(await imports(eastBundle.data)).toMatchObject({ verdict: 'trusted' });
    expect((await counted(office)).sort()).toEqual(['东湖社区', '西湖社区']);
  }, 240_000);

  it('records fingerprint, serial, community, unit and validity as OpenSSL reads the certificate', async () => {
    const { office, issued, bundle } = await issuedPair();
    const [entry] = await send(office, 'ca:issued', {});
    expect(entry).toMatchObject({
      name: '东湖社区',
      unit: '平湖市当湖街道东湖社区居民委员会',
      communityUid: manifestOf(bundle.data).community.uid,
      algorithm: 'rsa',
      status: 'active',
      successorId: null,
    });
    const dir = tempDir();
    const pem = Buffer.from(issued.data, 'base64').toString();
    const file = path.join(dir, 'c.pem');
    fs.writeFileSync(file, pem.slice(0, pem.indexOf('-----END CERTIFICATE-----') + 25));
    const openssl = (...args: string[]) =>
      spawnSync('openssl', ['x509', '-in', file, '-noout', ...args], { encoding: 'utf8' }).stdout.trim();
    expect(openssl('-fingerprint', '-sha256')).toBe(`sha256 Fingerprint=${entry!.fingerprint}`);
    expect(openssl('-serial')).toBe(`serial=${entry!.serial}`);
    expect(new Date(openssl('-enddate').replace('notAfter=', '')).toISOString()).toBe(entry!.validTo);
    // The certificate itself names the community, so an independent reader sees the binding too.
    expect(openssl('-subject', '-nameopt', 'utf8,sep_comma_plus')).toContain(`UID=${entry!.communityUid}`);
  }, 120_000);

  it('renews in one step: the successor is linked, and what the old certificate signed still counts', async () => {
    const { office, community, bundle: before } = await issuedPair();
    const request = await send(community.core, 'identity:request', {});
    const inspected = await send(office, 'ca:inspect', { fileName: request.fileName, data: request.data });
    expect(inspected.replaces).toMatchObject({ unit: '平湖市当湖街道东湖社区居民委员会' });
    const renewed = await send(office, 'ca:issue', { fileName: request.fileName, data: request.data });
    await send(community.core, 'identity:installCertificate', { fileName: renewed.fileName, data: renewed.data });
    const after = await send(community.core, 'bundle:export', { meetingId: community.meeting.id });

    const [current, old] = await send(office, 'ca:issued', {});
    expect(old).toMatchObject({ status: 'superseded', successorId: current!.id });
    expect(current).toMatchObject({ status: 'active', communityUid: old!.communityUid });
    for (const b of [before, after]) {
      expect(await send(office, 'collection:import', { fileName: 'b.zip', data: b.data })).toMatchObject({
        verdict: 'trusted',
      });
    }
    expect(await counted(office)).toEqual(['东湖社区']);
  }, 180_000);

  it('refuses a request naming a unit another community holds, and a request that names no community', async () => {
    const { office } = await issuedPair('东湖社区');
    // A second database (another computer, or reinstalled) asking for the same unit under its own uid.
    const { core: again } = await communityWithBundle({ name: '东湖社区' });
    const request = await send(again, 'identity:request', {});
    const taken = await refusal(office, 'ca:inspect', { fileName: request.fileName, data: request.data });
    expect(taken.code).toBe('unit_taken');
    expect(taken.message).toContain('“平湖市当湖街道东湖社区居民委员会”已登记给另一个社区的证书');
    expect((await refusal(office, 'ca:issue', { fileName: request.fileName, data: request.data })).code).toBe(
      'unit_taken',
    );

    // A request as versions before the register made it: names and key, no community uid.
    const keys = forge.pki.rsa.generateKeyPair(1024);
    const csr = forge.pki.createCertificationRequest();
    csr.publicKey = keys.publicKey;
    csr.setSubject([{ shortName: 'CN', value: 'Old' }]);
    csr.sign(keys.privateKey, forge.md.sha256.create());
    const data = Buffer.from(forge.pki.certificationRequestToPem(csr)).toString('base64');
    const old = await refusal(office, 'ca:issue', { fileName: 'old.csr', data });
    expect(old.code).toBe('csr_no_community');
    expect(old.message).toContain('没有注明是哪个社区');
    expect(await send(office, 'ca:issued', {})).toHaveLength(1);
  }, 240_000);
});
