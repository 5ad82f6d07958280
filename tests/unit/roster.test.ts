import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, readTable } from '../../electron/roster/read-table';
import { searchKeys } from '../../electron/roster/search-keys';
import { checkRoster, parseAddress, suggestMapping } from '../../shared/roster-import';
import { coreWithCommunity, send } from './helpers';

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

  it('splits combined addresses', () => {
    expect(parseAddress('8-1-101')).toEqual({ building: '8', unit: '1', room: '101' });
    expect(parseAddress('8幢1单元102室')).toEqual({ building: '8', unit: '1', room: '102' });
    expect(parseAddress('9-203')).toEqual({ building: '9', unit: '', room: '203' });
    expect(parseAddress('12号楼3单元1502')).toEqual({ building: '12', unit: '3', room: '1502' });
  });

  it('lists bad rows by their Excel row number and reason, and skips blank ones', () => {
    const rows = [
      ['王堃', '男', '3', '2', '301', '13800001111'],
      ['', '女', '5', '1', '102', ''],
      ['', '', '', '', '', ''],
      ['刘昇', '男', '6', '1', '201', '1380000'],
      ['李喆', '其他', '3', '2', '302', ''],
      ['王堃', '男', '3幢', '2单元', '301室', ''],
    ];
    const mapping = suggestMapping(['姓名', '性别', '楼栋', '单元', '房号', '手机']);
    const { rows: valid, problems } = checkRoster(rows, mapping, { includeIdNumbers: false, locale: 'zh-CN' });
    expect(valid.map((r) => r.name)).toEqual(['王堃']);
    expect(problems).toEqual([
      { line: 3, reason: '缺少姓名' },
      { line: 5, reason: '手机号“1380000”格式不对' },
      { line: 6, reason: '性别“其他”只能是“男”或“女”' },
      { line: 7, reason: '与第 2 行是同一个人（姓名和房号相同）' },
    ]);
  });

  it('keeps ID numbers only on opt-in, and then only the last four characters', () => {
    const mapping = suggestMapping(['姓名', '身份证号']);
    const rows = [['曾国强', '330482195001011234']];
    expect(checkRoster(rows, mapping, { includeIdNumbers: false, locale: 'zh-CN' }).rows[0]!.idNumber).toBeNull();
    expect(checkRoster(rows, mapping, { includeIdNumbers: true, locale: 'zh-CN' }).rows[0]!.idNumber).toBe(
      '**************1234',
    );
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
  it('previews without writing, then imports; bad rows are skipped and listed', async () => {
    const core = await coreWithCommunity();
    const preview = await send(core, 'roster:preview', file('名册-GBK.csv'));
    expect(preview).toMatchObject({ encoding: 'GB18030/GBK', valid: 4, creates: 4, updates: 0, problemCount: 2 });
    expect(preview.problems).toEqual([
      { line: 5, reason: '缺少姓名' },
      { line: 6, reason: '手机号“1380000”格式不对' },
    ]);
    expect((await send(core, 'resident:search', {})).total).toBe(0);

    expect(await send(core, 'roster:import', file('名册-GBK.csv'))).toEqual({ created: 4, updated: 0, skipped: 2 });
    const all = await send(core, 'resident:search', {});
    expect(all.items.map((r) => r.name)).toEqual(['王堃', '李喆', '赵赟', '单田芳']);
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

  it('updates instead of duplicating on re-import (same name and room)', async () => {
    const core = await coreWithCommunity();
    await send(core, 'roster:import', file('名册-GBK.csv'));
    const again = await send(core, 'roster:preview', file('名册-UTF8-BOM.csv'));
    expect(again).toMatchObject({ encoding: 'UTF-8 (BOM)', creates: 0, updates: 3 });
    expect(await send(core, 'roster:import', file('名册-UTF8-BOM.csv'))).toEqual({
      created: 0,
      updated: 3,
      skipped: 0,
    });
    expect(await send(core, 'roster:import', file('名册-GBK.csv'))).toEqual({ created: 0, updated: 4, skipped: 2 });
    expect((await send(core, 'resident:search', {})).total).toBe(4);
  });

  it('reads XLSX with characters GBK cannot hold, and a combined-address GB18030 file with areas', async () => {
    const core = await coreWithCommunity();
    expect(await send(core, 'roster:import', file('名册-生僻字.xlsx'))).toEqual({ created: 3, updated: 0, skipped: 1 });
    expect(await send(core, 'roster:import', file('名册-GB18030.csv'))).toEqual({ created: 3, updated: 0, skipped: 0 });
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
    expect(table.headers).toEqual(['姓名', '性别', '楼栋', '单元', '房号', '身份', '专有部分面积（㎡）']);
    expect(table.rows).toHaveLength(4);
    expect(JSON.stringify(table.rows)).not.toMatch(/1380000|13[0-9]{9}/);
  });
});
