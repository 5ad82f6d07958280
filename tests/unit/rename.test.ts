import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { profile, refusal, send, tempDir } from './helpers';
import { issuedPair, keysOf } from './office';

const picked = ({ fileName, data }: { fileName: string; data: string }) => ({ fileName, data });
const year = { from: '2000-01', to: '2099-12', community: null };

describe('renaming a community (更名)', () => {
  it('issues a successor for the same community: old reports stay its own, new ones count under the new name', async () => {
    const { office, community, bundle } = await issuedPair();
    const earlier = await send(community.core, 'bundle:export', { from: '2000-01-01', to: '2099-12-31' });
    expect((await send(office, 'collection:import', picked(bundle))).verdict).toBe('trusted');
    const [entry] = await send(office, 'ca:issued', {});
    const uid = entry!.communityUid!;

    const renamed = await send(office, 'ca:rename', { id: entry!.id, name: '东湖新村社区' });
    expect(renamed.fileName).toBe('东湖新村社区居民委员会-证书.crt');
    const register = await send(office, 'ca:issued', {});
    expect(register).toHaveLength(2);
    const [successor, before] = register;
    expect(successor).toMatchObject({
      status: 'active',
      communityUid: uid,
      name: '东湖新村社区',
      unit: '平湖市当湖街道东湖新村社区居民委员会',
    });
    expect(before).toMatchObject({ status: 'superseded', successorId: successor!.id, unit: entry!.unit });
    // What the office counted before is shown under the new name at once.
    expect((await send(office, 'collection:stats', year)).communities).toEqual([
      { uid, name: '东湖新村社区', unit: '平湖市当湖街道东湖新村社区居民委员会' },
    ]);
    // OpenSSL: the successor chains to the office's CA and carries the new name and the same key.
    const dir = tempDir();
    const pems = Buffer.from(renamed.data, 'base64').toString('latin1');
    fs.writeFileSync(path.join(dir, 'both.pem'), pems);
    fs.writeFileSync(path.join(dir, 'ca.pem'), (await keysOf(office, 'office passphrase')).certificatePem);
    const verify = spawnSync('openssl', ['verify', '-CAfile', 'ca.pem', 'both.pem'], { cwd: dir, encoding: 'utf8' });
    expect(verify.stdout).toContain('both.pem: OK');
    const subject = spawnSync('openssl', ['x509', '-in', 'both.pem', '-noout', '-subject', '-nameopt', 'utf8'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(subject.stdout).toContain('CN=东湖新村社区居民委员会');
    expect(subject.stdout).toContain(`UID=${uid}`);

    // A bundle the community signed under its old certificate, before the rename, still counts, as the same one.
    expect((await send(office, 'collection:import', picked(earlier))).verdict).toBe('trusted');
    // The community installs the successor and takes the new name: its new bundles count under it.
    await send(community.core, 'identity:installCertificate', { fileName: renamed.fileName, data: renamed.data });
    const stale = await send(community.core, 'bundle:export', { meetingId: community.meeting.id });
    expect(await send(office, 'collection:import', picked(stale))).toMatchObject({
      verdict: 'rejected',
      reason: 'community_mismatch',
    });
    await send(community.core, 'community:save', { ...profile, name: '东湖新村社区' });
    const fresh = await send(community.core, 'bundle:export', { meetingId: community.meeting.id });
    expect(await send(office, 'collection:import', picked(fresh))).toMatchObject({
      verdict: 'trusted',
      unit: '平湖市当湖街道东湖新村社区居民委员会',
    });
    const stats = await send(office, 'collection:stats', year);
    expect(stats.communities).toEqual([{ uid, name: '东湖新村社区', unit: '平湖市当湖街道东湖新村社区居民委员会' }]);
    expect(stats.totals.meetings).toBe(1);

    // Nothing to rename, or a certificate no longer in use: refused in words.
    expect((await refusal(office, 'ca:rename', { id: successor!.id, name: '东湖新村社区' })).message).toBe(
      '新名称与现在的名称相同，无需更名。',
    );
    expect((await refusal(office, 'ca:rename', { id: before!.id, name: '东湖社区' })).message).toBe(
      '只能为正在使用的证书更名（这张证书已被更换或吊销）。',
    );
  }, 240_000);
});
