import { performance } from 'node:perf_hooks';
import { createIdentity, certificateInfo } from '../electron/records/identity';
import type { MinutesContent } from '../shared/domain/minutes';

const sentence =
  '居民代表围绕停车位划线、充电桩选址、楼道堆物清理和绿化养护逐一发言，物业公司说明了费用测算和施工安排，社区提出分步实施、先试点后推广的意见。';

/**
 * Minutes long enough to fill about `pages` A4 pages as we set them: items with several paragraphs of discussion
 * each. Another renderer fits more on a page: it is given more items until it fills the same number of pages.
 */
export function longMinutes(pages: number, items = Math.round(pages * 1.2)): MinutesContent {
  const agenda = Array.from({ length: items }, (_, i) => ({
    agendaItemId: i + 1,
    number: String(i + 1),
    title: `第 ${i + 1} 项：小区公共事务协商（${['停车', '加装电梯', '垃圾分类', '绿化'][i % 4]}）`,
    presenter: '物业公司 周经理',
    discussion: Array.from({ length: 5 }, (_, k) => `王𠇔 等 ${k + 3} 位居民：${sentence}`).join('\n'),
    vote: '表决事项：是否同意实施方案？表决方式：举手表决；规则：过半数（按投票数）。结果：赞成 25，反对 3，弃权 2；有效票 30 票，通过。',
    resolution: '同意实施方案，由物业公司在一个月内完成，社区跟踪督办。',
    owner: '物业公司',
    deadline: '2026-12-31',
  }));
  return {
    header: {
      title: '12 月幸福议事亭议事会会议纪要',
      community: '平湖市当湖街道东湖社区',
      pavilion: '东湖幸福议事亭',
      kind: '幸福议事亭议事会',
      date: '2026年12月5日（星期六）',
      time: '19:00—21:10',
      place: '文化长廊',
      host: '陈书记',
      recorder: '周敏',
    },
    attendance: {
      summary: '应到 30 人，实到居民 28 人（其中居民代表 28 人），书面委托 1 人，列席 1 人。',
      present: Array.from({ length: 28 }, (_, i) => `居民${i + 1}`).join('、'),
      guests: '张律师（平湖律师事务所 · 法律顾问）',
      proxies: '吴明福 委托 王建平',
      absent: '许强安',
      quorum: '法定人数 15 人，到会（含委托 1 人）29 人，达到法定人数，会议有效。',
    },
    items: agenda,
    closing: { followUps: '各议定事项由责任方按期落实，社区跟踪督办，落实结果向居民公示。', other: '' },
  };
}

/**
 * Time the first render and `warm` more, then print one JSON line for bench/records.ts: wall time, and the
 * process's CPU time per render, which a busy machine inflates far less.
 */
export async function measureRenders(render: () => Promise<Buffer>, warm = 4): Promise<void> {
  const timed = async () => {
    const [t0, cpu0] = [performance.now(), process.cpuUsage()];
    const output = await render();
    const cpu = process.cpuUsage(cpu0);
    return { output, ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
  };
  const first = await timed();
  const warmRuns = [];
  for (let i = 0; i < warm; i += 1) warmRuns.push(await timed());
  console.log(
    JSON.stringify({
      firstMs: first.ms,
      firstCpuMs: first.cpuMs,
      warmMs: warmRuns.map((r) => r.ms),
      warmCpuMs: warmRuns.map((r) => r.cpuMs),
      bytes: first.output.length,
      pages: first.output.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0,
      peakMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

/** A community's signing identity and the seal of one signed minutes record, as the app passes them to the PDF. */
export async function benchRecordSeal() {
  const identity = await createIdentity(
    { name: '东湖社区', subDistrict: '当湖街道', district: '平湖市', kind: 'community' },
    new Date(),
  );
  return {
    kind: 'minutes',
    meetingId: 1,
    contentHash: 'a'.repeat(64),
    auditHead: 'b'.repeat(64),
    signer: '东湖社区居民委员会',
    fingerprint: certificateInfo(identity.certificatePem).fingerprint,
    identity,
    signedAt: new Date(),
    location: '东湖社区',
    unit: '平湖市当湖街道东湖社区居民委员会',
    issuer: '当湖街道办事处',
  } as const;
}
