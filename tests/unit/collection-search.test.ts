import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { searchMark, type SearchHit } from '../../shared/domain/bundle';
import { fold } from '../../electron/db/search-pairs';
import { makeCore, olderMigrations, openOlder, send, tempDir, type TestCore } from './helpers';

type Meeting = { uid?: string; title?: string; text: string; heldOn?: string };

/** A sub-district office whose collection holds these meetings, written as a trusted bundle's merge writes them. */
async function officeWith(meetings: Meeting[], core = makeCore()): Promise<TestCore> {
  await send(core, 'subdistrict:save', { name: '当湖街道', district: '平湖市' });
  add(core, meetings);
  return core;
}

let nextMeeting = 1;
function add(core: TestCore, meetings: Meeting[]): number[] {
  const db = core.db!.$client;
  const community = db.prepare(
    'INSERT OR IGNORE INTO collected_community (uid, name, unit, signer) VALUES (?, ?, ?, ?)',
  );
  const meeting = db.prepare(
    `INSERT INTO collected_meeting (community_uid, meeting_id, bundle_id, title, held_on, month, attendees, minutes_path, minutes_text)
     VALUES (?, ?, 0, ?, ?, ?, 10, 'meetings/1/minutes.pdf', ?)`,
  );
  return meetings.map(({ uid = 'east', title = '议事会', text, heldOn = '2025-03-04' }) => {
    community.run(uid, `${uid}社区`, `当湖街道${uid}社区居民委员会`, uid);
    return Number(meeting.run(uid, nextMeeting++, title, heldOn, heldOn.slice(0, 7), text).lastInsertRowid);
  });
}

const search = (core: TestCore, query: string) => send(core, 'collection:search', { query });
const ids = (hits: SearchHit[]) => hits.map((h) => h.meetingRowId);
// eslint-disable-next-line no-control-regex
const separator = /[\s\u0000-\u001f\u007f]+/;
const marked = (word: string) => `${searchMark.open}${word}${searchMark.close}`;

describe('searching the collected minutes (街道汇总检索)', () => {
  it('finds a two-character word through the index, marks it, and lists the newest meetings first', async () => {
    const office = await officeWith([]);
    const [old, none, recent] = add(office, [
      { text: '居民提出加装电梯的费用分摊方案', heldOn: '2019-05-02' },
      { text: '楼道堆物清理由楼组长牵头', heldOn: '2024-01-09' },
      { text: '三号楼电梯维修基金列支', heldOn: '2025-11-20' },
    ]);
    const hits = await search(office, '电梯');
    expect(ids(hits)).toEqual([recent, old]);
    expect(hits[0]).toMatchObject({ heldOn: '2025-11-20', unit: '当湖街道east社区居民委员会' });
    expect(hits[0]!.snippet).toBe(`三号楼${marked('电梯')}维修基金列支`);
    expect(ids(await search(office, '堆物'))).toEqual([none]);
    expect(await search(office, '梯电')).toEqual([]);
  });

  it('finds one character anywhere, also the last of a text', async () => {
    const office = await officeWith([]);
    const [east, , south] = add(office, [{ text: '东门垃圾分类点' }, { text: '议题：停车' }, { text: '南门改造' }]);
    expect(ids(await search(office, '东'))).toEqual([east]);
    expect((await search(office, '车')).map((h) => h.snippet)).toEqual([`议题：停${marked('车')}`]);
    expect(ids(await search(office, '门'))).toEqual([south, east]);
  });

  it('requires every word: two and five characters together, in the title or the minutes', async () => {
    const office = await officeWith([]);
    const [both, , inTitle] = add(office, [
      { text: '垃圾分类点调整到东门，增设洗手池；电梯加装另议' },
      { text: '垃圾分类点调整到东门' },
      { title: '电梯专题议事会', text: '垃圾分类点撤桶并点' },
    ]);
    const hits = await search(office, '电梯 垃圾分类点');
    expect(ids(hits).sort()).toEqual([both, inTitle].sort());
    expect(hits.find((h) => h.meetingRowId === both)!.snippet).toContain(marked('垃圾分类点'));
    expect(hits.find((h) => h.meetingRowId === both)!.snippet).toContain(marked('电梯'));
    expect(await search(office, '电梯 洗衣机')).toEqual([]);
  });

  it('reads quotes, FTS5 operators, punctuation and control characters as plain text, never as an error', async () => {
    const office = await officeWith([]);
    const [quoted, ops, nul] = add(office, [
      { text: '主任说："先试点，后推广"。' },
      { text: 'Wi-Fi 覆盖 AND 监控 NEAR(东门) OR 路灯*' },
      { text: '水箱清洗\u0000每半年一次\u0002' },
    ]);
    expect(ids(await search(office, '"先试点'))).toEqual([quoted]);
    expect(ids(await search(office, '。'))).toEqual([quoted]);
    expect(ids(await search(office, '"'))).toEqual([quoted]);
    expect(ids(await search(office, 'NEAR(东'))).toEqual([ops]);
    expect(ids(await search(office, 'and'))).toEqual([ops]);
    expect(ids(await search(office, 'wi-fi'))).toEqual([ops]);
    expect(ids(await search(office, '路灯*'))).toEqual([ops]);
    expect(await search(office, '*')).toHaveLength(1);
    expect(await search(office, 'OR')).toHaveLength(1);
    // A NUL or other control character splits the query like a space; the text's own is just a character.
    expect(ids(await search(office, '水箱\u0000每半年'))).toEqual([nul]);
    expect(await search(office, '\u0000\u0013')).toEqual([]);
    // A mark character inside the minutes never opens or closes a mark in the snippet.
    const [hit] = await search(office, '一次');
    expect(hit!.snippet.split(searchMark.open)).toHaveLength(2);
    expect(hit!.snippet.split(searchMark.close)).toHaveLength(2);
  });

  it('lists the same minutes from two communities as two hits, each with its own community', async () => {
    const text = '二次供水水箱清洗每半年一次，水质报告张贴公示';
    const office = await officeWith([
      { uid: 'east', text },
      { uid: 'west', text },
    ]);
    const hits = await search(office, '水质');
    expect(hits.map((h) => h.unit).sort()).toEqual(['当湖街道east社区居民委员会', '当湖街道west社区居民委员会']);
  });

  it('follows a meeting reported again: the new words are found, the old ones no longer', async () => {
    const office = await officeWith([{ text: '路灯维修纳入本季度计划', heldOn: '2025-02-01' }]);
    const db = office.db!.$client;
    db.prepare(`UPDATE collected_meeting SET minutes_text = '路灯已修好', held_on = '2025-02-03'`).run();
    expect(await search(office, '季度')).toEqual([]);
    expect(await search(office, '修好')).toMatchObject([{ heldOn: '2025-02-03' }]);
    db.prepare('DELETE FROM collected_meeting').run();
    expect(await search(office, '路灯')).toEqual([]);
  });

  it('returns the hundred newest of many hits', async () => {
    const office = await officeWith([]);
    const days = Array.from(
      { length: 150 },
      (_, i) => `2020-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    );
    add(
      office,
      days.map((heldOn) => ({ text: '充电桩选址', heldOn })),
    );
    const hits = await search(office, '充电');
    expect(hits).toHaveLength(100);
    const newest = [...days].sort().reverse().slice(0, 100);
    expect(hits.map((h) => h.heldOn)).toEqual(newest);
  });

  it('finds exactly what a plain scan of the texts finds, for any text and words', async () => {
    const office = await officeWith([]);
    // A small alphabet so words recur: Chinese, ASCII in both cases, punctuation, quotes, an emoji.
    const char = fc.constantFrom(...'电梯停车东门Aa"*、。 \u00001😀');
    const text = fc.array(char, { maxLength: 30 }).map((cs) => cs.join(''));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ title: text, text }), { minLength: 1, maxLength: 12 }),
        fc.array(
          fc.array(char, { minLength: 1, maxLength: 4 }).map((cs) => cs.join('')),
          {
            minLength: 1,
            maxLength: 3,
          },
        ),
        async (meetings, wanted) => {
          fc.pre(wanted.join(' ').trim() !== '');
          office.db!.$client.prepare('DELETE FROM collected_meeting').run();
          const rows = add(office, meetings);
          const words = wanted.join(' ').split(separator).filter(Boolean);
          const expected = words.length
            ? rows.filter((_, i) =>
                words.every((w) => [meetings[i]!.title, meetings[i]!.text].some((t) => fold(t).includes(fold(w)))),
              )
            : [];
          const hits = await search(office, wanted.join(' '));
          expect(ids(hits).sort((a, b) => a - b)).toEqual(expected);
          for (const hit of hits) {
            const at = rows.indexOf(hit.meetingRowId);
            if (words.some((w) => fold(meetings[at]!.text).includes(fold(w))))
              expect(hit.snippet).toContain(searchMark.open);
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);

  it('indexes the minutes an older version collected when the app is upgraded', async () => {
    const dir = tempDir();
    // The version before the pair index: its collection was searched by trigrams.
    const old = openOlder(dir, olderMigrations(23));
    old.$client
      .prepare(
        `INSERT INTO collected_community (uid, name, unit, signer) VALUES ('east', '东湖社区', '东湖社区居委会', '')`,
      )
      .run();
    old.$client
      .prepare(
        `INSERT INTO collected_meeting (community_uid, meeting_id, bundle_id, title, held_on, month, attendees, minutes_path, minutes_text)
         VALUES ('east', 1, 0, '议事会', '2024-06-01', '2024-06', 9, 'm.pdf', '外墙渗水由维修基金列支')`,
      )
      .run();
    old.$client.close();
    const office = await officeWith([], makeCore({ dataDir: dir }));
    expect(await search(office, '渗水')).toMatchObject([{ unit: '东湖社区居委会', heldOn: '2024-06-01' }]);
  });
});
