import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, readTable } from '../../electron/roster/read-table';
import { searchKeys } from '../../electron/roster/search-keys';
import { addressQuery, matchesAddress, parseAddress } from '../../shared/address';
import { checkRoster, detectLayout, headersOf, mappingFor, suggestMapping } from '../../shared/roster-import';
import type { Input } from '../../shared/contract';
import { coreWithCommunity, makeCore, send } from './helpers';

const fixture = (name: string) => fs.readFileSync(path.join('tests', 'fixtures', 'rosters', name));
const file = (name: string) => ({ fileName: name, data: fixture(name).toString('base64') });

describe('decoding CSV as Excel and WPS save it', () => {
  const text = '姓名,楼栋\r\n王堃,3\r\n李喆,5\r\n';
  it.each([
    ['UTF-8', Buffer.from(text, 'utf8'), 'UTF-8'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'UTF-8 (BOM)'],
    ['GBK', iconv.encode(text, 'gbk'), 'GB18030/GBK'],
    ['GB18030', iconv.encode(text + '刘䶮,10\r\n', 'gb18030'), 'GB18030/GBK'],
    ['UTF-16LE (Unicode text)', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'UTF-16LE'],
  ])('reads %s', (_name, bytes, encoding) => {
    const decoded = decodeText(new Uint8Array(bytes));
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toContain('王堃,3');
  });

  it('keeps four-byte GB18030 characters', () => {
    expect(decodeText(new Uint8Array(iconv.encode('陈𠇔,刘䶮', 'gb18030'))).text).toBe('陈𠇔,刘䶮');
  });
});

describe('mapping Chinese headers', () => {
  it('recognises the usual names, notes and units included', () => {
    const mapping = suggestMapping([
      '序号',
      '姓名*',
      '性别',
      '楼号',
      '单元',
      '房号',
      '手机号码（必填）',
      '身份',
      '身份证号',
      '专有部分面积（㎡）',
    ]);
    expect(mapping).toEqual({
      name: 1,
      gender: 2,
      building: 3,
      unit: 4,
      room: 5,
      address: null,
      phone: 6,
      tags: 7,
      idNumber: 8,
      area: 9,
    });
  });

  it('lists every problem by its Excel row; keeps a person whose phone or gender is wrong; skips blank rows', () => {
    const rows = [
      ['姓名', '性别', '楼栋', '单元', '房号', '手机'],
      ['王堃', '男', '3', '2', '301', '13800001111'],
      ['', '女', '5', '1', '102', ''],
      ['', '', '', '', '', ''],
      ['刘昇', '男', '6', '1', '201', '1380000'],
      ['李喆', '其他', '3', '2', '302', ''],
      ['王堃', '男', '3幢', '2单元', '301室', ''],
    ];
    const layout = detectLayout(rows);
    const { rows: valid, problems } = checkRoster(rows, layout, mappingFor(rows, layout), {
      includeIdNumbers: false,
      locale: 'zh-CN',
    });
    expect(valid.map((r) => [r.name, r.phone, r.gender])).toEqual([
      ['王堃', '13800001111', '男'],
      ['刘昇', '', '男'],
      ['李喆', '', null],
    ]);
    expect(problems).toEqual([
      { line: 3, field: 'name', reason: '缺少姓名，此行未导入', skipped: true },
      { line: 5, field: 'phone', reason: '手机号“1380000”格式不对，已留空', skipped: false },
      { line: 6, field: 'gender', reason: '性别“其他”只能是“男”或“女”，已留空', skipped: false },
      { line: 7, field: null, reason: '与第 2 行是同一个人（姓名和房号相同），此行未导入', skipped: true },
    ]);
  });

  it('keeps ID numbers only on opt-in, and then only the last four characters', () => {
    const rows = [
      ['姓名', '身份证号'],
      ['曾国强', '330482195001011234'],
    ];
    const layout = detectLayout(rows);
    const mapping = mappingFor(rows, layout);
    expect(
      checkRoster(rows, layout, mapping, { includeIdNumbers: false, locale: 'zh-CN' }).rows[0]!.idNumber,
    ).toBeNull();
    expect(checkRoster(rows, layout, mapping, { includeIdNumbers: true, locale: 'zh-CN' }).rows[0]!.idNumber).toBe(
      '**************1234',
    );
  });
});

describe('one address rule', () => {
  it.each([
    ['7-1-101', '7', '1', '101'],
    ['7幢1单元101', '7', '1', '101'],
    ['7栋1单元101室', '7', '1', '101'],
    ['7号楼1单元101号', '7', '1', '101'],
    ['七幢一单元101', '7', '1', '101'],
    ['7#1-101', '7', '1', '101'],
    ['7 — 1 — 101', '7', '1', '101'],
    ['平湖花苑7幢1单元101室', '7', '1', '101'],
    ['十二幢3单元1502', '12', '3', '1502'],
    ['A座1201', 'A', '', '1201'],
    ['9-203', '9', '', '203'],
    ['3号楼301', '3', '', '301'],
    ['301室', '', '', '301'],
  ])('reads %s as building %s, unit %s, room %s', (written, building, unit, room) => {
    expect(parseAddress(written)).toEqual({ building, unit, room, recognised: true });
  });

  it('says when an address fits no form', () => {
    expect(parseAddress('东湖村12组34号').recognised).toBe(false);
  });

  it('matches a query in any form against the parts, the last part half typed', () => {
    const flat = { building: '7', unit: '1', room: '101' };
    for (const query of ['7-1-101', '7幢1单元101', '7栋1单元101室', '7幢1单元', '7-1-10', '7幢', '7-1'])
      expect(matchesAddress(addressQuery(query)!, flat), query).toBe(true);
    for (const query of ['7-2-101', '17幢1单元101', '7幢1单元102', '8-1'])
      expect(matchesAddress(addressQuery(query)!, flat), query).toBe(false);
    // A name, a bare room number or a phone tail is not an address query.
    for (const query of ['张伟', '101', '0037', 'zw']) expect(addressQuery(query)).toBeNull();
  });
});

describe('rosters as offices make them', () => {
  const grid = async (name: string) => (await readTable(name, new Uint8Array(fixture(name)))).rows;

  it('finds the headers under a merged title, a date line and a blank row, across two header rows', async () => {
    const rows = await grid('东湖社区居民花名册.xlsx');
    const layout = detectLayout(rows);
    expect(layout).toEqual({ headerRow: 4, headerRows: 2 });
    expect(headersOf(rows, layout).slice(0, 7)).toEqual([
      '序号',
      '姓名',
      '性别',
      '住址 · 楼栋',
      '住址 · 单元',
      '住址 · 房号',
      '联系电话',
    ]);
    expect(mappingFor(rows, layout)).toMatchObject({ name: 1, gender: 2, building: 3, unit: 4, room: 5, phone: 6 });
  });

  it('keeps everyone, notes each field-level problem with its Excel row, skips the footer and empty numbered rows', async () => {
    const rows = await grid('东湖社区居民花名册.xlsx');
    const layout = detectLayout(rows);
    const checked = checkRoster(rows, layout, mappingFor(rows, layout), { includeIdNumbers: false, locale: 'zh-CN' });
    expect(checked.rows).toHaveLength(10);
    // "张 伟" typed with a space; 李秀英 shares his merged address cells.
    expect(checked.rows.slice(0, 2).map((r) => [r.line, r.name, r.building, r.unit, r.room])).toEqual([
      [6, '张伟', '7', '1', '101'],
      [7, '李秀英', '7', '1', '101'],
    ]);
    expect(checked.rows.find((r) => r.name === '王建国')).toMatchObject({ phone: '', tags: ['居民代表'] });
    expect(checked.problems.map((p) => `${p.line} ${p.field} ${p.skipped ? 'skip' : 'keep'}: ${p.reason}`)).toEqual([
      '8 phone keep: 手机号“1380000003”格式不对，已留空',
      '9 room keep: 缺少房号',
      '15 gender keep: 性别“其他”只能是“男”或“女”，已留空',
      '16 null skip: “合计：10 人”是说明或合计，不是居民，此行未导入',
      '17 null skip: “制表人：周敏”是说明或合计，不是居民，此行未导入',
    ]);
  });

  it('reads the roster sheet behind a 填表说明 sheet, with one address column written four ways', async () => {
    const rows = await grid('平湖花苑业主名册.xlsx');
    const layout = detectLayout(rows);
    expect(layout).toEqual({ headerRow: 3, headerRows: 1 });
    const checked = checkRoster(rows, layout, mappingFor(rows, layout), { includeIdNumbers: false, locale: 'en' });
    expect(checked.rows.map((r) => `${r.name} ${r.building}-${r.unit}-${r.room} ${r.area}`)).toEqual([
      '沈国华 7-1-101 89.5',
      '钱美玲 7-1-102 92',
      '冯德明 7-1-201 89.5',
      '褚晓燕 7-1-202 null',
      '卫东 8--101 120.25',
    ]);
    expect(checked.problems).toEqual([
      { line: 7, field: 'area', reason: 'area “九十” is not a valid number of m²; left empty', skipped: false },
    ]);
  });

  it('lets the secretary pick the header row when the file has none it recognises', () => {
    const rows = [['东湖社区'], ['称呼', '位置'], ['张伟', '7-1-101']];
    const layout = detectLayout(rows);
    expect(layout).toEqual({ headerRow: 1, headerRows: 1 });
    const picked = { headerRow: 2, headerRows: 1 } as const;
    const mapping = { ...mappingFor(rows, picked), name: 0, address: 1 };
    expect(checkRoster(rows, picked, mapping, { includeIdNumbers: false, locale: 'zh-CN' }).rows).toMatchObject([
      { line: 3, name: '张伟', building: '7', unit: '1', room: '101' },
    ]);
  });
});

describe('search keys', () => {
  it('covers full pinyin, initials, both readings of a multi-reading surname, and the room', () => {
    const keys = searchKeys('单田芳', { building: '7', unit: '3', room: '502' }).searchText.split(' ');
    expect(keys).toEqual(
      expect.arrayContaining(['单田芳', 'shantianfang', 'stf', 'dantianfang', 'dtf', '7-3-502', '502']),
    );
  });
  it('keeps a rare character with no known reading as itself', () => {
    expect(searchKeys('陈𠇔', { building: '10', unit: '1', room: '1102' }).initials).toBe('c𠇔');
  });
});

describe('importing a roster', () => {
  it('previews without writing, then imports; a row without a name is skipped, a bad phone only noted', async () => {
    const core = await coreWithCommunity();
    const preview = await send(core, 'roster:preview', file('名册-GBK.csv'));
    expect(preview).toMatchObject({
      encoding: 'GB18030/GBK',
      valid: 5,
      creates: 5,
      updates: 0,
      unchanged: 0,
      skippedCount: 1,
      warningCount: 1,
    });
    expect(preview.problems).toEqual([
      { line: 5, field: 'name', reason: '缺少姓名，此行未导入', skipped: true },
      { line: 6, field: 'phone', reason: '手机号“1380000”格式不对，已留空', skipped: false },
    ]);
    expect((await send(core, 'resident:search', {})).total).toBe(0);

    expect(await send(core, 'roster:import', file('名册-GBK.csv'))).toEqual({
      created: 5,
      updated: 0,
      unchanged: 0,
      skipped: 1,
    });
    const all = await send(core, 'resident:search', {});
    expect(all.items.map((r) => r.name)).toEqual(['王堃', '李喆', '赵赟', '刘昇', '单田芳']);
    expect(all.items.find((r) => r.name === '刘昇')).toMatchObject({ phoneMasked: '', tags: ['志愿者/幸福合伙人'] });
    expect(all.items.find((r) => r.name === '李喆')).toMatchObject({
      building: '3',
      unit: '2',
      room: '302',
      phoneMasked: '139****2222',
    });
    expect(all.items.find((r) => r.name === '单田芳')).toMatchObject({
      phoneMasked: '136****4444',
      tags: ['业委会成员'],
    });
  });

  it('counts an unchanged re-import as unchanged, and only real changes as updates', async () => {
    const core = await coreWithCommunity();
    await send(core, 'roster:import', file('名册-GBK.csv'));
    const again = await send(core, 'roster:preview', file('名册-UTF8-BOM.csv'));
    expect(again).toMatchObject({ encoding: 'UTF-8 (BOM)', creates: 0, updates: 0, unchanged: 3 });
    expect(await send(core, 'roster:import', file('名册-UTF8-BOM.csv'))).toEqual({
      created: 0,
      updated: 0,
      unchanged: 3,
      skipped: 0,
    });
    expect(await send(core, 'roster:import', file('名册-GBK.csv'))).toEqual({
      created: 0,
      updated: 0,
      unchanged: 5,
      skipped: 1,
    });
    // A new phone for 王堃 and a new person; an empty cell keeps what the roster has (李喆's phone).
    const edited = '姓名,楼栋,单元,房号,手机\r\n王堃,3,2,301,13800009999\r\n李喆,3,2,302,\r\n孙丽,3,2,303,\r\n';
    const csv = { fileName: '更新.csv', data: Buffer.from(edited).toString('base64') };
    expect(await send(core, 'roster:import', csv)).toEqual({ created: 1, updated: 1, unchanged: 1, skipped: 0 });
    const byName = async (query: string) => (await send(core, 'resident:search', { query })).items[0]!;
    expect((await byName('王堃')).phoneMasked).toBe('138****9999');
    expect((await byName('李喆')).phoneMasked).toBe('139****2222');
    expect((await send(core, 'resident:search', {})).total).toBe(6);
  });

  it('shows no full ID or phone number in the preview, although the file has them', async () => {
    const core = await coreWithCommunity();
    const preview = await send(core, 'roster:preview', file('东湖社区居民花名册.xlsx'));
    const shown = JSON.stringify([preview.topRows, preview.sample, preview.problems]);
    expect(shown).toContain('**************0011');
    expect(shown).toContain('138****0037');
    expect(shown).not.toMatch(/\d{15}|1[3-9]\d{9}/);
    expect(preview).toMatchObject({ layout: { headerRow: 4, headerRows: 2 }, valid: 10, skippedCount: 2 });
    expect(preview.topRows[0]).toMatchObject({ line: 1, cells: expect.arrayContaining(['东湖社区居民花名册']) });
  });

  it('finds a flat in any address form, a phone by its last digits and a name typed with a space', async () => {
    const core = await coreWithCommunity();
    await send(core, 'roster:import', file('东湖社区居民花名册.xlsx'));
    await send(core, 'roster:import', file('平湖花苑业主名册.xlsx'));
    const names = async (query: string) => (await send(core, 'resident:search', { query })).items.map((r) => r.name);
    // 东湖 wrote "7幢 / 1单元 / 101室" in three columns, 平湖花苑 "平湖花苑7-1-101" in one: the same flat.
    expect(await names('7-1-101')).toEqual(['张伟', '李秀英', '沈国华']);
    expect(await names('7幢1单元101')).toEqual(['张伟', '李秀英', '沈国华']);
    expect(await names('7栋1单元101室')).toEqual(['张伟', '李秀英', '沈国华']);
    expect(await names('8-1-102')).toEqual(['孙秀兰']);
    expect(await names('0037')).toEqual(['张伟']);
    expect(await names('张 伟')).toEqual(['张伟']);
    expect(await names('zhang wei')).toEqual(['张伟']);
    // Stored as the office meant it, whichever way it was typed by hand.
    const saved = await send(core, 'resident:save', {
      name: '欧阳 明',
      gender: null,
      building: '9号楼',
      unit: '二单元',
      room: '301室',
      tags: [],
    });
    expect(saved).toMatchObject({ name: '欧阳明', building: '9', unit: '2', room: '301' });
    expect(await names('9幢2单元301')).toEqual(['欧阳明']);
  });

  it('reads XLSX with characters GBK cannot hold, and a combined-address GB18030 file with areas', async () => {
    const core = await coreWithCommunity();
    expect(await send(core, 'roster:import', file('名册-生僻字.xlsx'))).toMatchObject({ created: 4, skipped: 0 });
    expect(await send(core, 'roster:import', file('名册-GB18030.csv'))).toMatchObject({ created: 3, skipped: 0 });
    const found = await send(core, 'resident:search', { query: '𠇔' });
    expect(found.items.map((r) => r.name)).toEqual(['陈𠇔']);
    const zeng = (await send(core, 'resident:search', { query: 'zgq' })).items[0]!;
    expect(zeng).toMatchObject({
      name: '曾国强',
      building: '8',
      unit: '1',
      room: '101',
      area: 89.5,
      idNumberMasked: null,
    });
  });

  it('finds people by pinyin initials, full pinyin, name and room', async () => {
    const core = await coreWithCommunity();
    await send(core, 'roster:import', file('名册-GBK.csv'));
    const names = async (query: string) => (await send(core, 'resident:search', { query })).items.map((r) => r.name);
    expect(await names('wk')).toEqual(['王堃']);
    expect(await names('wangkun')).toEqual(['王堃']);
    expect(await names('stf')).toEqual(['单田芳']);
    expect(await names('dantianfang')).toEqual(['单田芳']);
    expect(await names('赟')).toEqual(['赵赟']);
    expect(await names('302')).toEqual(['李喆']);
    expect(await names('%')).toEqual([]);
  });

  it('refuses old .xls files, broken XLSX and unknown files with a clear message', async () => {
    const core = await coreWithCommunity();
    const message = async (fileName: string, bytes: Buffer) => {
      const envelope = await core.guard(
        'roster:preview',
        { fileName, data: bytes.toString('base64') },
        { trusted: true },
      );
      return envelope.ok ? null : envelope.error.message;
    };
    expect(await message('名册.xls', Buffer.from('x'))).toContain('另存为');
    expect(await message('名册.xlsx', Buffer.from('not a zip at all'))).toBe(
      '无法读取这个文件，它可能已损坏，或不是 Excel 文件。',
    );
    expect(await message('名册.pdf', Buffer.from('%PDF'))).toContain('.xlsx 或 .csv');
    expect(await message('空.csv', Buffer.from(''))).toContain('没有表格内容');
  });

  it('exports the roster to XLSX without phone numbers', async () => {
    const core = await coreWithCommunity();
    await send(core, 'roster:import', file('名册-GBK.csv'));
    const exported = await send(core, 'roster:export', {});
    const table = await readTable(exported.fileName, new Uint8Array(Buffer.from(exported.data, 'base64')));
    expect(table.rows[0]).toEqual(['姓名', '性别', '楼栋', '单元', '房号', '身份', '专有部分面积（㎡）']);
    expect(table.rows).toHaveLength(6);
    expect(JSON.stringify(table.rows)).not.toMatch(/1380000|13[0-9]{9}/);
  });
});

describe('the search right after a resident is added or changed', () => {
  it('lists and finds them as a restarted app would, in address order, with the flat’s new area', async () => {
    const core = await coreWithCommunity();
    await send(core, 'roster:import', file('名册-GBK.csv'));
    // The index is loaded by this first search; every save below puts one resident in place.
    expect((await send(core, 'resident:search', {})).total).toBe(5);
    const save = (input: Partial<Input<'resident:save'>> & { name: string; building: string; room: string }) =>
      send(core, 'resident:save', { gender: null, unit: '1', tags: [], ...input });
    // Numbers sort as numbers (10 after 9), text after its number ("3A" after 3), shops (no number) first.
    await save({ name: '钱十', building: '10', room: '101' });
    await save({ name: '孙九', building: '9', room: '1201' });
    await save({ name: '周铺', building: '商铺', room: '1' });
    await save({ name: '吴三', building: '3A', room: '101', phone: '13912345678' });
    const moved = await save({ name: '郑𠇔', building: '3', unit: '2', room: '302', area: 88.5 });
    // Edited: another flat and another name; the old entry must be gone.
    await save({ id: moved.id, name: '郑𠇔明', building: '2', room: '101', area: 66 });
    // A second person in a flat, with a new area: the flat's earlier resident shows it too.
    await save({ name: '冯二', building: '10', room: '101', area: 120 });

    const listed = async (c: typeof core, query = '') =>
      (await send(c, 'resident:search', { query, limit: 200 })).items.map((r) => [r.name, r.building, r.room, r.area]);
    const restarted = makeCore({ dataDir: core.dataDir });
    for (const query of ['', 'zheng', '𠇔', '5678', '10-1-101', 'qs', '3']) {
      expect(await listed(core, query), query).toEqual(await listed(restarted, query));
    }
    expect(await listed(core, '10-1-101')).toEqual([
      ['冯二', '10', '101', 120],
      ['钱十', '10', '101', 120],
    ]);
    expect((await listed(core)).map(([name]) => name)).toEqual([
      '周铺',
      '郑𠇔明',
      '王堃',
      '李喆',
      '吴三',
      '赵赟',
      '刘昇',
      '单田芳',
      '孙九',
      '冯二',
      '钱十',
    ]);
  });
});
