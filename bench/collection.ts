// The sub-district side: importing and verifying many bundles, and the dashboard over a large collection.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Channel, Input, Output } from '../shared/contract';
import { bundleFiles, type BundleManifest, type StatsFilter } from '../shared/domain/bundle';
import { startCore, type Core } from '../electron/core';
import { repositoryResources } from '../electron/paths';
import { readZip, writeZip } from '../electron/records/bundle';
import { fromP12 } from '../electron/records/identity';
import { monthsBetween, summarize } from '../electron/services/statistics';
import { signDetached } from '../electron/records/sign';
import { random } from './random';

async function send<C extends Channel>(core: Core, channel: C, input: Input<C>): Promise<Output<C>> {
  const envelope = await core.guard(channel, input, { trusted: true });
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
  return envelope.value as Output<C>;
}

const tempCore = () =>
  startCore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-bench-collect-')), ...repositoryResources });

/** A community with one finalized meeting, certified by the office; its bundle and its keys. */
async function certifiedBundle(office: Core) {
  const community = tempCore();
  await send(community, 'community:save', {
    name: '东湖社区',
    subDistrict: '当湖街道',
    district: '平湖市',
    pavilionName: '东湖幸福议事亭',
    pavilionPlace: '文化长廊',
  });
  const people = [];
  for (let i = 0; i < 12; i += 1) {
    people.push(
      await send(community, 'resident:save', {
        name: `居民${i}`,
        gender: null,
        building: '1',
        unit: '1',
        room: `${101 + i}`,
        tags: ['居民代表'],
        area: 90,
      }),
    );
  }
  const meeting = await send(community, 'meeting:create', { title: '幸福议事亭议事会', place: '文化长廊' });
  const agenda = [];
  for (const title of ['东门划线停车方案', '垃圾分类点位调整', '楼道堆物清理']) {
    agenda.push(
      ...(await send(community, 'agenda:add', { meetingId: meeting.id, kind: 'custom', title, plannedMinutes: 15 })),
    );
  }
  await send(community, 'meeting:setStatus', { id: meeting.id, status: 'in_progress' });
  for (const person of people)
    await send(community, 'attendance:checkIn', { meetingId: meeting.id, residentId: person.id });
  for (const item of agenda.slice(-3)) {
    await send(community, 'vote:record', {
      agendaItemId: item.id,
      rule: 'simple_majority',
      question: `是否同意${item.title}？`,
      ballots: { method: 'hands', counts: { for: 10, against: 1, abstain: 1, invalid: 0 } },
    });
  }
  await send(community, 'meeting:setStatus', { id: meeting.id, status: 'closed' });
  await send(community, 'minutes:finalize', { id: meeting.id, by: '周敏' });
  await send(community, 'identity:create', { passphrase: 'bench passphrase' });
  const request = await send(community, 'identity:request', {});
  const issued = await send(office, 'ca:issue', { fileName: request.fileName, data: request.data });
  await send(community, 'identity:installCertificate', { fileName: issued.fileName, data: issued.data });
  const bundle = Buffer.from((await send(community, 'bundle:export', { meetingId: meeting.id })).data, 'base64');
  const p12 = await send(community, 'identity:exportP12', { password: 'bench password' });
  const keys = fromP12(Buffer.from(p12.data, 'base64'), 'bench password');
  community.close();
  return { bundle, keys };
}

/**
 * 1,000 bundles from 1,000 communities: one real bundle (signed PDFs, certificate issued by the office's CA)
 * whose manifest is given a new community each time and signed again with the community's key, so every bundle
 * verifies in full — zip, manifest signature, three PDF signatures, hashes — and is counted.
 */
export async function benchBundleImport(count = 1000): Promise<{ ms: number; trusted: number }> {
  const office = tempCore();
  await send(office, 'subdistrict:save', { name: '当湖街道', district: '平湖市' });
  await send(office, 'identity:create', { passphrase: 'office passphrase' });
  const { bundle, keys } = await certifiedBundle(office);
  const files = readZip(bundle);
  const manifest = JSON.parse(files.get(bundleFiles.manifest)!.toString('utf8')) as BundleManifest;
  const bundles: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const name = `第${i + 1}社区`;
    manifest.community = { ...manifest.community, uid: randomUUID(), name, unit: `平湖市当湖街道${name}居民委员会` };
    const bytes = Buffer.from(JSON.stringify(manifest));
    files.set(bundleFiles.manifest, bytes);
    files.set(bundleFiles.signature, await signDetached(bytes, keys, new Date()));
    bundles.push(writeZip(files).toString('base64'));
  }
  const started = performance.now();
  let trusted = 0;
  for (const [i, data] of bundles.entries()) {
    const row = await send(office, 'collection:import', { fileName: `上报包-${i}.zip`, data });
    if (row.verdict === 'trusted') trusted += 1;
  }
  const ms = performance.now() - started;
  office.close();
  return { ms, trusted };
}

/**
 * A collection of 100,000 meetings (200 communities, ten years) with their topics, votes and resolutions,
 * written straight into the tables import fills; then each dashboard query, best and worst of five.
 */
export async function benchDashboard(meetings = 100_000) {
  const office = tempCore();
  await send(office, 'subdistrict:save', { name: '当湖街道', district: '平湖市' });
  const db = office.db!.$client;
  const next = random(20261123);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const communities = Array.from({ length: 200 }, (_, i) => ({ uid: randomUUID(), name: `第${i + 1}社区` }));
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
  const started = performance.now();
  db.transaction(() => {
    const community = db.prepare('INSERT INTO collected_community (uid, name, unit, signer) VALUES (?, ?, ?, ?)');
    for (const c of communities)
      community.run(c.uid, c.name, `平湖市当湖街道${c.name}居民委员会`, `${c.name}居民委员会`);
    const meeting = db.prepare(
      `INSERT INTO collected_meeting (community_uid, meeting_id, bundle_id, title, held_on, month, attendees, minutes_path, minutes_text)
       VALUES (?, ?, 0, ?, ?, ?, ?, 'meetings/1/minutes.pdf', ?)`,
    );
    const topic = db.prepare(
      'INSERT INTO collected_topic (community_uid, topic_id, title, category, level, status, month) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const vote = db.prepare(
      'INSERT INTO collected_vote (community_uid, vote_id, meeting_id, adopted, month) VALUES (?, ?, ?, ?, ?)',
    );
    const resolution = db.prepare(
      `INSERT INTO collected_resolution (community_uid, item_id, meeting_id, title, owner, deadline, status, closed_on, satisfaction, month)
       VALUES (?, ?, ?, ?, '物业', ?, ?, ?, ?, ?)`,
    );
    for (let i = 1; i <= meetings; i += 1) {
      const c = communities[i % communities.length]!;
      const day = `${2016 + Math.floor(next() * 10)}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
      const month = day.slice(0, 7);
      const subject = pick(categories);
      meeting.run(
        c.uid,
        i,
        `${month} 议事会`,
        day,
        month,
        10 + Math.floor(next() * 40),
        `议题：${subject}，居民代表发言，表决通过。`,
      );
      for (let k = 0; k < 3; k += 1) {
        const id = i * 3 + k;
        topic.run(
          c.uid,
          id,
          '议题',
          pick(categories),
          pick(['small', 'big', 'hard']),
          pick(['accepted', 'decided', 'implementing', 'done', 'escalated']),
          month,
        );
        if (k < 2) {
          vote.run(c.uid, id, i, next() < 0.9 ? 1 : 0, month);
          const status = pick(['pending', 'in_progress', 'done', 'done', 'done', 'impossible']);
          const deadline = `${day.slice(0, 4)}-12-31`;
          const closed =
            status === 'done'
              ? next() < 0.8
                ? `${day.slice(0, 4)}-11-30`
                : `${Number(day.slice(0, 4)) + 1}-02-01`
              : null;
          resolution.run(
            c.uid,
            id,
            i,
            '议定事项',
            deadline,
            status,
            closed,
            status === 'done' ? pick(['satisfied', 'satisfied', 'basically', 'dissatisfied']) : null,
            month,
          );
        }
      }
    }
  })();
  db.transaction(() => {
    const months = monthsBetween('2016-01', '2025-12');
    for (const c of communities) summarize(db, c.uid, months);
  })();
  const generatedMs = performance.now() - started;
  if (process.env.PROFILE_SQL) {
    db.exec(`DROP INDEX collected_meeting_month; CREATE INDEX cm ON collected_meeting (month, community_uid, attendees);
      DROP INDEX collected_topic_month; CREATE INDEX ct ON collected_topic (category, level, status, month, community_uid);
      DROP INDEX collected_vote_month; CREATE INDEX cv ON collected_vote (month, community_uid, adopted);
      DROP INDEX collected_resolution_month; CREATE INDEX cr ON collected_resolution (status, satisfaction, month, community_uid, deadline, closed_on);`);
    const where = `month BETWEEN '2016-01' AND '2025-12'`;
    for (const sql of [
      `SELECT month, community_uid AS uid, count(*) AS n, sum(attendees) AS people FROM collected_meeting WHERE ${where} GROUP BY month, community_uid`,
      `SELECT category, level, status, count(*) AS n FROM collected_topic WHERE ${where} GROUP BY category, level, status`,
      `SELECT count(*) AS n, sum(adopted) AS adopted FROM collected_vote WHERE ${where}`,
      `SELECT status, satisfaction, count(*) AS n, sum(status = 'done' AND (deadline IS NULL OR closed_on <= deadline)) AS onTime, sum(status IN ('pending', 'in_progress') AND deadline < '2026-11-23') AS overdue FROM collected_resolution WHERE ${where} GROUP BY status, satisfaction`,
    ]) {
      const t0 = performance.now();
      db.prepare(sql).all();
      console.log(
        (performance.now() - t0).toFixed(1),
        'ms',
        db
          .prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .all()
          .map((r) => (r as { detail: string }).detail)
          .join(' | '),
      );
    }
  }
  const filters: [string, StatsFilter][] = [
    ['all ten years, all communities', { from: '2016-01', to: '2025-12', community: null }],
    ['one year, all communities', { from: '2025-01', to: '2025-12', community: null }],
    ['ten years, one community', { from: '2016-01', to: '2025-12', community: communities[7]!.uid }],
  ];
  const timings = [];
  for (const [name, filter] of filters) {
    const runs: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const t0 = performance.now();
      await send(office, 'collection:stats', filter);
      runs.push(performance.now() - t0);
    }
    timings.push({ name, best: Math.min(...runs), worst: Math.max(...runs) });
  }
  const searches: number[] = [];
  for (const query of ['加装电梯', '停车', '邻里纠纷调解']) {
    const t0 = performance.now();
    await send(office, 'collection:search', { query });
    searches.push(performance.now() - t0);
  }
  office.close();
  return { generatedMs, timings, searchWorst: Math.max(...searches) };
}
