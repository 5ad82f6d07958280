// 国密 records: one SM2 seal signature and its check per record, and the sealed OFD of the 30-page minutes
// (the PDF's own layout, subset fonts, the SES_Signature over every package file). In one process, warm: the
// first OFD export of a process also parses the fonts, which the warm-up of finalized minutes already does.
import { performance } from 'node:perf_hooks';
import { minutesPdf } from '../electron/records/minutes';
import { readSealSignature, sealIntact, signWithSeal } from '../electron/records/gm/seal';
import { sm2Verify, sm3 } from '../electron/records/gm/sm2';
import { readSm2Certificate } from '../electron/records/gm/x509';
import { repositoryResources } from '../electron/paths';
import { communitySeal, makeOffice } from '../tests/unit/gm/pki';
import { benchSm2BundleImport } from './collection';
import { figure, note } from './figures';
import { benchRecordSeal, longMinutes } from './minutes-content';

const cpuMs = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};

async function timedRuns(n: number, work: () => Promise<unknown>) {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const [t0, c0] = [performance.now(), process.cpuUsage()];
    await work();
    wall.push(performance.now() - t0);
    cpu.push(cpuMs(c0));
  }
  return { wall, cpu };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.ceil(values.length / 2) - 1]!;

/**
 * SM2 bundle imports: the goal is 1,000 in < 30 s. CI runs the whole bench inside its 30 minutes, so by
 * default this imports 200 and states the goal pro rata (30 ms a bundle); `BENCH_SM2_BUNDLES=1000 npm run bench
 * -- gm` imports all 1,000.
 */
export async function benchGm(pages = 30, bundles = Number(process.env.BENCH_SM2_BUNDLES ?? 200)): Promise<void> {
  const office = await makeOffice();
  const { community, seal } = await communitySeal(office);
  const record = sm3(Buffer.from('Signature.xml of one record'));
  const input = { seal, dataHash: record, propertyInfo: '/Doc_0/Signs/Sign_0/Signature.xml', signedAt: new Date() };
  const sign = await timedRuns(50, () => signWithSeal(input, community.signer));
  figure('SM2 seal signature (SES_Signature, sm-crypto-v2) per record', sign.wall, 'ms', { stat: 'median', below: 50 });
  // Fifty different records: sm2Verify remembers what it checked, and a record is checked once; the seal inside
  // is the same in each, as a community's seal is in all its records (checked in full the first time).
  const records = await Promise.all(
    Array.from({ length: 51 }, (_, i) =>
      signWithSeal({ ...input, dataHash: sm3(Buffer.from(`record ${i}`)) }, community.signer),
    ),
  );
  let next = 0;
  const verify = await timedRuns(50, () => {
    const s = readSealSignature(records[(next += 1)]!);
    const signer = readSm2Certificate(s.signerCertificate);
    return Promise.resolve(sm2Verify(s.tbs, s.signature, signer.publicKey) && sealIntact(s.seal));
  });
  figure('SM2 seal signature check (signature and the seal inside) per record', verify.wall, 'ms', {
    stat: 'median',
    below: 50,
  });

  const content = longMinutes(pages);
  const recordSeal = {
    ...(await benchRecordSeal()),
    sm2: { key: community.pair, certificate: community.signer.certificate, seal },
  };
  const exportOfd = () =>
    minutesPdf(
      {
        content,
        amendments: [],
        finalized: { at: new Date().toISOString(), by: '周敏' },
        header: content.header.community,
        issuer: '东湖社区居民委员会',
      },
      repositoryResources.fonts,
      recordSeal,
      { format: 'ofd' },
    );
  const first = await exportOfd();
  const runs = await timedRuns(5, exportOfd);
  note(`sealed OFD: ${(first.length / 1024).toFixed(0)} KB; CPU time median ${median(runs.cpu).toFixed(0)} ms`);
  figure(`sealed OFD export of the ${pages}-page minutes, warm`, runs.wall, 'ms', { stat: 'median', below: 600 });
  await benchSm2BundleImport(bundles);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchGm();
