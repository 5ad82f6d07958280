import { describe, expect, it } from 'vitest';
import { BundleManifest, bundlePath } from '../../shared/domain/bundle';

const manifest = {
  schema: 'yishiting/bundle',
  version: 1,
  exportedAt: '2026-11-23T10:00:00.000Z',
  period: { from: '2026-11-01', to: '2026-11-30' },
  community: {
    uid: '5f0c6c3e-7d1a-4c55-9d3e-2b1f0a9e8c77',
    name: '东湖社区',
    subDistrict: '当湖街道',
    district: '平湖市',
    unit: '平湖市当湖街道东湖社区居民委员会',
  },
  signer: { certificate: '-----BEGIN CERTIFICATE-----', fingerprint: 'AB:CD' },
  meetings: [],
  topics: [{ id: 1, title: '东门停车', category: '停车交通', level: 'big', status: 'done', raisedOn: '2026-11-02' }],
  votes: [],
  resolutions: [],
  files: [{ path: 'meetings/1/minutes.pdf', sha256: 'a'.repeat(64), bytes: 1000 }],
};

describe('bundle manifest', () => {
  it('accepts the form we write and refuses another schema, a later version, unknown keys and bad values', () => {
    expect(BundleManifest.safeParse(manifest).success).toBe(true);
    const variants: unknown[] = [
      { ...manifest, schema: 'other/bundle' },
      { ...manifest, version: 2 },
      { ...manifest, extra: true },
      { ...manifest, community: { ...manifest.community, uid: 'not-a-uuid' } },
      { ...manifest, period: { from: '2026/11/01', to: '2026-11-30' } },
      { ...manifest, topics: [{ ...manifest.topics[0], level: 'huge' }] },
      { ...manifest, files: [{ ...manifest.files[0], sha256: 'xyz' }] },
      { ...manifest, files: [{ ...manifest.files[0], bytes: -1 }] },
      { ...manifest, meetings: 'none' },
    ];
    for (const variant of variants)
      expect(BundleManifest.safeParse(variant).success, JSON.stringify(variant)).toBe(false);
  });

  it('lets a file path name only a place inside the bundle', () => {
    for (const ok of ['manifest.json', 'meetings/12/minutes.pdf', '会议/纪要.pdf'])
      expect(bundlePath.safeParse(ok).success, ok).toBe(true);
    for (const bad of [
      '../evil.pdf',
      'a/../../b',
      '/etc/passwd',
      'C:/Windows/x',
      'a\\b',
      './a',
      'a/./b',
      'a/..',
      '',
      'a\0b',
    ]) {
      expect(bundlePath.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
