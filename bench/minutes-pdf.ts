// One fresh process per renderer, so peak memory is the renderer's own. Prints one JSON line.
import { performance } from 'node:perf_hooks';
import { minutesPdf } from '../electron/records/minutes';
import { createIdentity, certificateInfo } from '../electron/records/identity';
import { repositoryResources } from '../electron/paths';
import { longMinutes } from './minutes-content';

const pages = Number(process.argv[2] ?? 30);
const content = longMinutes(pages);
const identity = await createIdentity({ name: '东湖社区', subDistrict: '当湖街道', district: '平湖市' }, new Date());
const seal = {
  kind: 'minutes',
  meetingId: 1,
  contentHash: 'a'.repeat(64),
  auditHead: 'b'.repeat(64),
  signer: '东湖社区居民委员会',
  fingerprint: certificateInfo(identity.certificatePem).fingerprint,
  identity,
  signedAt: new Date(),
  location: '东湖社区',
};
const render = () =>
  minutesPdf(
    {
      content,
      amendments: [],
      finalized: { at: new Date().toISOString(), by: '周敏' },
      header: content.header.community,
    },
    repositoryResources.fonts,
    seal,
  );

const t0 = performance.now();
const first = await render();
const firstMs = performance.now() - t0;
const warm: number[] = [];
for (let i = 0; i < 3; i += 1) {
  const t = performance.now();
  await render();
  warm.push(performance.now() - t);
}
console.log(
  JSON.stringify({
    firstMs,
    warmMs: warm.sort((a, b) => a - b)[1],
    bytes: first.length,
    pages: first.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0,
    peakMb: process.resourceUsage().maxRSS / 1024,
  }),
);
