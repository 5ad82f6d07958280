// Province scale: one office's collection grown to 10,000, 100,000 and 1,000,000 meetings (20, 200 and 2,000
// communities, each with ten years of 500 meetings), written in bulk SQL straight into the tables a trusted
// bundle fills — the same rows, indexes, full-text triggers and monthly summaries — then measured at each size.
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { databaseFile } from '../electron/core';
import { monthsBetween, summarizeMany } from '../electron/services/statistics';
import type { StatsFilter } from '../shared/domain/bundle';
import { bundlesFor, importAll, officeCore, send } from './collection';
import { figure, note, sampled, timed } from './figures';

export const meetingsPerCommunity = 500;

/** Sentences of real minutes: categories, discussion, votes, resolutions. About 300 characters a meeting. */
const sentences = [
  '居民代表围绕停车位划线、充电桩选址逐一发言',
  '楼道堆物清理和绿化养护由楼组长牵头落实',
  '物业公司说明了费用测算和施工安排',
  '社区提出分步实施、先试点后推广的意见',
  '加装电梯的费用分摊按楼层系数计算，低层住户意见已充分听取',
  '垃圾分类点位调整到东门，撤桶并点后增设洗手池',
  '表决结果：赞成二十五票，反对三票，弃权二票，通过',
  '邻里纠纷调解由调解委员会和楼组长共同参与',
  '老年食堂试运营三个月后评估，就餐补贴按年龄分档',
  '外墙渗水由维修基金列支，业委会负责监督施工质量',
  '小区南门夜间照明不足，路灯维修纳入本季度计划',
  '公共绿地改造为口袋公园，保留原有香樟树',
  '高空抛物隐患排查，加装高位监控探头',
  '非机动车棚扩容，新增充电柜两组',
  '养老托幼服务点选址在社区服务中心二楼',
  '物业服务满意度测评结果向全体居民公示',
  '消防通道划线并设置禁停标识，占道车辆劝离',
  '二次供水水箱清洗每半年一次，水质报告张贴公示',
  '议定事项由责任方按期落实，社区跟踪督办',
  '居民对施工噪音有意见，约定施工时间为上午八点至下午六点',
];
/** In one meeting in 50,000: the rare case a search must still find quickly. */
const rare = '楼道内电动自行车充电引发火情，全体居民签订安全承诺书';
const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁';
const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志宏海燕文斌婷雪琳晨浩宇轩梓涵欣怡';
const categories = [
  '环境卫生',
  '停车交通',
  '加装电梯',
  '物业服务',
  '安全隐患',
  '邻里纠纷',
  '公共设施',
  '养老托幼',
  '其他',
];

/** What a secretary searches: a common and a rare word of 2 and of 5 characters. */
export const searchWords = { 2: ['电梯', '火情'], 5: ['垃圾分类点', '自行车充电'] } as const;

/** A pseudo-random number from a row number and a salt, in SQL (the same on every run). */
const hash = (row: string, salt: number) => `(((${row}) + ${salt}) * 2654435761 % 4294967296)`;
const pickFrom = (list: readonly string[], h: string) =>
  `CASE ${h} % ${list.length} ${list.map((v, i) => `WHEN ${i} THEN '${v}'`).join(' ')} END`;
const nameAt = (h: string) =>
  `substr('${surnames}', 1 + ${h} % ${[...surnames].length}, 1) || substr('${given}', 1 + (${h} >> 8) % ${[...given].length}, 1)`;
const rows = (count: string) =>
  `WITH RECURSIVE n(r) AS (SELECT 0 UNION ALL SELECT r + 1 FROM n WHERE r + 1 < ${count})`;

/**
 * Add `count` communities (numbered from `first`) with their ten years: 500 meetings, three topics, two votes and
 * two resolutions a meeting; then their monthly summaries. The writing connection gets a large page cache and no
 * fsync while it writes (this is the bench's data, not a user's), then the app's settings back for measuring.
 */
export function addCommunities(db: Database.Database, first: number, count: number): void {
  const settings = {
    cache_size: db.pragma('cache_size', { simple: true }),
    synchronous: db.pragma('synchronous', { simple: true }),
  };
  db.pragma('cache_size = -262144');
  db.pragma('synchronous = OFF');
  try {
    write(db, first, count);
  } finally {
    for (const [name, value] of Object.entries(settings)) db.pragma(`${name} = ${String(value)}`);
  }
}

function write(db: Database.Database, first: number, count: number): void {
  const uid = (c: string) => `printf('%08x-7a3c-4e21-9b1d-%012d', ${hash(c, 17)}, ${c})`;
  const meetings = count * meetingsPerCommunity;
  const firstRow = db.prepare('SELECT coalesce(max(id), 0) + 1 FROM collected_meeting').pluck().get() as number;
  db.transaction(() => {
    db.exec(`${rows(String(count))}
      INSERT INTO collected_community (uid, name, unit, signer)
      SELECT ${uid(`${first} + r`)}, '第' || (${first} + r) || '社区', '某省某市某区某街道第' || (${first} + r) || '社区居民委员会',
             '第' || (${first} + r) || '社区居民委员会' FROM n`);
    // Rows arrive as yearly bundles would: year by year, each community's 50 meetings of that year together.
    // Row r is meeting k of community c; its month follows k (120 months for 500 meetings).
    const perYear = meetingsPerCommunity / 10;
    const c = `${first} + (r / ${perYear}) % ${count}`;
    const k = `(r / ${count * perYear}) * ${perYear} + r % ${perYear}`;
    const month = `printf('%04d-%02d', 2016 + (${k} * 120 / ${meetingsPerCommunity}) / 12, (${k} * 120 / ${meetingsPerCommunity}) % 12 + 1)`;
    const day = `${month} || printf('-%02d', 1 + ${hash('r', 3)} % 28)`;
    const text = [
      `'议题：' || ${pickFrom(categories, hash('r', 5))}`,
      ...[7, 11, 13, 19, 23, 29, 73, 79, 83, 89, 97, 101].map((salt) =>
        pickFrom(sentences, `(${hash('r', salt)} >> 4)`),
      ),
      `'发言居民：' || ${nameAt(hash('r', 31))} || '、' || ${nameAt(hash('r', 37))} || '、' || ${nameAt(hash('r', 41))}`,
      `CASE WHEN r % 50000 = 7 THEN '${rare}' ELSE '' END`,
    ].join(` || '。' || `);
    db.exec(`${rows(String(meetings))}
      INSERT INTO collected_meeting (community_uid, meeting_id, bundle_id, title, held_on, month, attendees, minutes_path, minutes_text, reported_at)
      SELECT ${uid(c)}, ${k} + 1, 0, ${month} || ' 议事会', ${day}, ${month}, 10 + ${hash('r', 43)} % 40,
             'meetings/' || (${k} + 1) || '/minutes.pdf', ${text}, ${day} || 'T20:00:00.000Z'
      FROM n`);
    const from = `collected_meeting m, (SELECT 0 AS t UNION ALL SELECT 1 UNION ALL SELECT 2) WHERE m.id >= ${firstRow}`;
    const h = (salt: number) => hash('m.id * 3 + t', salt);
    db.exec(`INSERT INTO collected_topic (community_uid, topic_id, title, category, level, status, month, reported_at)
      SELECT community_uid, meeting_id * 3 + t, '议题', ${pickFrom(categories, h(47))},
             ${pickFrom(['small', 'big', 'hard'], h(53))},
             ${pickFrom(['accepted', 'decided', 'implementing', 'done', 'escalated'], h(59))}, month, reported_at
      FROM ${from}`);
    db.exec(`INSERT INTO collected_vote (community_uid, vote_id, meeting_id, adopted, month, reported_at)
      SELECT community_uid, meeting_id * 3 + t, meeting_id, ${h(61)} % 10 < 9, month, reported_at FROM ${from} AND t < 2`);
    db.exec(`INSERT INTO collected_resolution (community_uid, item_id, meeting_id, title, owner, deadline, status, closed_on, satisfaction, month, reported_at)
      SELECT community_uid, item_id, meeting_id, '议定事项', '物业', deadline, status,
             CASE WHEN status = 'done' THEN CASE WHEN h % 5 < 4 THEN substr(month, 1, 4) || '-11-30'
                                                 ELSE (substr(month, 1, 4) + 1) || '-02-01' END END,
             CASE WHEN status = 'done' THEN ${pickFrom(['satisfied', 'satisfied', 'basically', 'dissatisfied'], '(h >> 6)')} END,
             month, reported_at
      FROM (SELECT community_uid, meeting_id * 3 + t AS item_id, meeting_id, month, reported_at, ${h(67)} AS h,
                   substr(month, 1, 4) || '-12-31' AS deadline,
                   ${pickFrom(['pending', 'in_progress', 'done', 'done', 'done', 'impossible'], `(${h(71)} >> 3)`)} AS status
            FROM ${from} AND t < 2)`);
    const months = monthsBetween('2016-01', '2025-12');
    const added = db
      .prepare('SELECT uid FROM collected_community ORDER BY rowid DESC LIMIT ?')
      .pluck()
      .all(count) as string[];
    summarizeMany(db, added, months);
  })();
}

/** The file's size once the write-ahead log is folded in, in MB. */
function fileMb(db: Database.Database, file: string): number {
  db.pragma('wal_checkpoint(TRUNCATE)');
  return fs.statSync(file).size / 1024 / 1024;
}

const views: [string, (uid: string) => StatsFilter][] = [
  ['all ten years, all communities', () => ({ from: '2016-01', to: '2025-12', community: null })],
  ['one year, all communities', () => ({ from: '2025-01', to: '2025-12', community: null })],
  ['ten years, one community', (uid) => ({ from: '2016-01', to: '2025-12', community: uid })],
];

type Measured = { meetings: number; views: number[]; search: Record<2 | 5, number>; mb: number; importMs: number };

/**
 * Grow one office's collection through each size and measure it there: the dashboard views (5 each), searches
 * for a common and a rare word of 2 and of 5 characters (3 each), the file's size, and real bundles imported
 * into it (20 at each size).
 */
export async function benchProvince(sizes = [10_000, 100_000, 1_000_000]): Promise<void> {
  const office = await officeCore();
  const db = office.db!.$client;
  const bundles = await bundlesFor(office, 20 * sizes.length);
  const file = databaseFile(office.dataDir);
  const measured: Measured[] = [];
  let communities = 0;
  for (const meetings of sizes) {
    const wanted = meetings / meetingsPerCommunity;
    const added = (wanted - communities) * meetingsPerCommunity;
    const [writeMs] = await timed(() => addCommunities(db, communities + 1, wanted - communities));
    communities = wanted;
    const scale = `${meetings.toLocaleString('en')} meetings`;
    const atTop = meetings === 1_000_000;
    const rate = Math.round(added / (writeMs / 1000)).toLocaleString('en');
    note(
      `${scale} (${communities.toLocaleString('en')} communities × ten years): ${added.toLocaleString('en')} written ` +
        `in bulk SQL in ${(writeMs / 1000).toFixed(1)} s (${rate}/s)`,
    );
    const uid = db
      .prepare('SELECT uid FROM collected_community ORDER BY rowid LIMIT 1 OFFSET 7')
      .pluck()
      .get() as string;
    const viewMs = [];
    for (const [name, filter] of views) {
      const ms = await sampled(5, () => send(office, 'collection:stats', filter(uid)));
      viewMs.push(
        figure(`${scale}: dashboard, ${name}`, ms, 'ms', atTop ? { stat: 'p95', below: 200 } : undefined).p95,
      );
    }
    const search = {} as Record<2 | 5, number>;
    for (const length of [2, 5] as const) {
      const words = searchWords[length];
      const ms = await sampled(3 * words.length, (i) =>
        send(office, 'collection:search', { query: words[i % words.length]! }),
      );
      search[length] = figure(
        `${scale}: full-text search, ${length} characters (${words.join(' common, ')} rare)`,
        ms,
        'ms',
        atTop ? { stat: 'p95', below: 150 } : undefined,
      ).p95;
    }
    const mb = fileMb(db, file);
    figure(`${scale}: data file (figures, minutes text and its index; the PDFs not stored)`, mb, 'MB');
    const imported = await importAll(office, bundles.splice(0, 20));
    const perBundle = figure(`${scale}: import + verify a bundle into it`, imported.ms, 'ms').median;
    note(
      `${scale}: import rate ${(1000 / perBundle).toFixed(0)} bundles/s (${imported.trusted} of ${imported.ms.length} trusted)`,
    );
    measured.push({ meetings, views: viewMs, search, mb, importMs: perBundle });
  }
  for (const [i, to] of measured.entries()) {
    const from = measured[i - 1];
    if (!from) continue;
    const x = (a: number, b: number) => `×${(b / a).toFixed(1)}`;
    note(
      `growth ${from.meetings.toLocaleString('en')} → ${to.meetings.toLocaleString('en')} meetings (${x(from.meetings, to.meetings)}): ` +
        `dashboard views ${to.views.map((v, k) => x(from.views[k]!, v)).join(' / ')}, ` +
        `search 2 chars ${x(from.search[2], to.search[2])}, 5 chars ${x(from.search[5], to.search[5])}, ` +
        `file ${x(from.mb, to.mb)}, import per bundle ${x(from.importMs, to.importMs)}`,
    );
  }
  office.close();
}
