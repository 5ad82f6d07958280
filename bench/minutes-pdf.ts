// One fresh process per renderer, so peak memory is the renderer's own. Prints one JSON line.
import { minutesPdf } from '../electron/records/minutes';
import { createIdentity, certificateInfo } from '../electron/records/identity';
import { repositoryResources } from '../electron/paths';
import { longMinutes, measureRenders } from './minutes-content';

const pages = Number(process.argv[2] ?? 30);
const content = longMinutes(pages);
const identity = await createIdentity(
  { name: '东湖社区', subDistrict: '当湖街道', district: '平湖市', kind: 'community' },
  new Date(),
);
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

await measureRenders(render);
