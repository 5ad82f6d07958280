import type { Core } from '../electron/core';
import type { Channel, Input } from '../shared/contract';
import { meetingKinds } from '../shared/domain/meeting';
import { random } from './random';
import { rosterCsv } from './roster';

const topics = [
  '加装电梯',
  '停车难',
  '垃圾分类',
  '楼道堆物',
  '路灯维修',
  '绿化改造',
  '外墙渗水',
  '充电桩安装',
  '老年食堂',
  '噪音扰民',
];

async function send<C extends Channel>(core: Core, channel: C, input: Input<C>) {
  const envelope = await core.guard(channel, input, { trusted: true });
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
  return envelope.value;
}

/**
 * A community's ten years: 3,000 residents; 600 meetings (five a month), each created, edited, held and closed
 * through the same guard the UI uses, so every change carries its audit event (about 10,000 in all); and
 * 30,000 attendance rows, fifty a meeting, written in bulk as a past that needs no replay.
 */
export async function generateTenYears(core: Core, meetings = 600): Promise<void> {
  const next = random(20161123);
  // Ten thousand commands, each its own transaction: without an fsync each (this is the bench's data, not a
  // user's) the history is written in seconds instead of minutes. Every figure is measured on a reopened file.
  core.db!.$client.pragma('synchronous = OFF');
  await send(core, 'roster:import', { fileName: '名册.csv', data: Buffer.from(rosterCsv(3000)).toString('base64') });
  await send(core, 'community:save', {
    name: '东湖社区',
    subDistrict: '当湖街道',
    district: '平湖市',
    pavilionName: '东湖幸福议事亭',
    pavilionPlace: '3 号楼南侧文化长廊',
  });
  for (let i = 0; i < meetings; i += 1) {
    const year = 2016 + Math.floor(i / 60);
    const month = String(1 + Math.floor((i % 60) / 5)).padStart(2, '0');
    const day = String(1 + ((i * 6) % 28)).padStart(2, '0');
    const topic = topics[Math.floor(next() * topics.length)]!;
    const meeting = (await send(core, 'meeting:create', {
      title: `${year}年${Number(month)}月${topic}议事会`,
      kind: meetingKinds[Math.floor(next() * meetingKinds.length)]!,
    })) as { id: number };
    const id = meeting.id;
    const date = `${year}-${month}-${day}`;
    await send(core, 'meeting:schedule', { id, scheduledAt: `${date}T19:00`, place: '文化长廊' });
    // Secretaries correct titles, times and places while preparing: about twelve edits a meeting
    // brings the log to ten thousand events.
    const edits = i % 3 === 0 ? 11 : 12;
    for (let edit = 0; edit < edits; edit += 1) {
      if (edit % 2 === 0)
        await send(core, 'meeting:rename', {
          id,
          title: `${year}年${Number(month)}月${topic}议事会（第${edit + 2}稿）`,
        });
      else
        await send(core, 'meeting:schedule', {
          id,
          scheduledAt: `${date}T${18 + (edit % 3)}:30`,
          place: `${1 + edit}号楼架空层`,
        });
    }
    for (const status of ['announced', 'in_progress', 'closed'] as const) {
      if (i >= meetings - 3 && status !== 'announced') break; // the latest meetings are still ahead
      await send(core, 'meeting:setStatus', { id, status });
    }
  }
  const sqlite = core.db!.$client;
  const residents = sqlite.prepare('SELECT id FROM resident ORDER BY id').pluck().all() as number[];
  const held = sqlite.prepare('SELECT id, scheduled_at FROM meeting ORDER BY id').all() as {
    id: number;
    scheduled_at: string;
  }[];
  const insert = sqlite.prepare('INSERT INTO attendance (meeting_id, resident_id, checked_in_at) VALUES (?, ?, ?)');
  sqlite.transaction(() => {
    for (const [i, meeting] of held.entries()) {
      for (let k = 0; k < 50; k += 1)
        insert.run(meeting.id, residents[(i * 37 + k * 59) % residents.length], `${meeting.scheduled_at}:00`);
    }
  })();
}
