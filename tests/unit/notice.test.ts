import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coreWithCommunity, send, tempDir } from './helpers';

/** A planned meeting with an agenda, and a resident whose name needs a fallback font (𠇔, CJK Ext-B). */
async function plannedMeeting() {
  const core = await coreWithCommunity();
  const meeting = await send(core, 'meeting:create', {
    title: '11 月幸福议事亭议事会',
    scheduledAt: '2026-11-30T19:00',
    place: '3 号楼南侧文化长廊',
  });
  await send(core, 'resident:save', {
    name: '陈𠇔',
    gender: '女',
    building: '10',
    unit: '1',
    room: '1102',
    tags: ['楼组长'],
  });
  await send(core, 'meeting:plan', {
    id: meeting.id,
    host: '陈𠇔',
    recorder: '社工 周敏',
    durationMinutes: 90,
    expectedAttendance: 30,
    invitedRoles: ['楼组长'],
    invitedParties: ['物业公司', '业委会', '社区民警'],
    invitedResidentIds: [],
    quorumKind: 'none',
    quorumValue: 0,
  });
  await send(core, 'agenda:add', { meetingId: meeting.id, kind: 'follow_up', plannedMinutes: 10 });
  await send(core, 'agenda:add', {
    meetingId: meeting.id,
    kind: 'custom',
    title: '3 号楼加装电梯方案',
    plannedMinutes: 40,
  });
  return { core, meeting };
}

const pdfTool = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });

describe('meeting notice', () => {
  it('exports an A4 PDF with embedded subset fonts and extractable Chinese, fallback font for Ext-B', async () => {
    const { core, meeting } = await plannedMeeting();
    const file = await send(core, 'meeting:notice', { id: meeting.id, format: 'pdf' });
    expect(file.fileName).toBe('关于召开11 月幸福议事亭议事会的通知.pdf');
    expect(file.missing).toEqual([]);
    const pdf = path.join(tempDir(), 'notice.pdf');
    fs.writeFileSync(pdf, Buffer.from(file.data, 'base64'));

    execFileSync('qpdf', ['--check', pdf]);
    const fonts = pdfTool('pdffonts', pdf);
    expect(fonts).toMatch(/NotoSansSC.*yes\s+yes/); // embedded, subset
    const text = pdfTool('pdftotext', '-layout', pdf, '-');
    for (const expected of [
      '关于召开11 月幸福议事亭议事会的通知',
      '2026年11月30日（星期一）19:00',
      '3 号楼加装电梯方案',
      '物业公司、业委会、社区民警',
      '陈𠇔',
      '东湖社区居民委员会',
      '第 1 页 共 1 页',
    ]) {
      expect(text.replace(/\s+/g, '')).toContain(expected.replace(/\s+/g, ''));
    }
    expect(pdfTool('pdfinfo', pdf)).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
  });

  it('exports a phone-sized PNG', async () => {
    const { core, meeting } = await plannedMeeting();
    const file = await send(core, 'meeting:notice', { id: meeting.id, format: 'png' });
    const png = Buffer.from(file.data, 'base64');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1080); // width
    expect(png.readUInt32BE(20)).toBeGreaterThan(1200); // taller than wide, like a phone screen
  });

  it('names characters no available font can draw before export', async () => {
    const { core, meeting } = await plannedMeeting();
    await send(core, 'agenda:add', {
      meetingId: meeting.id,
      kind: 'custom',
      title: '讨论\u{2B81D}\u{31350}事项',
      plannedMinutes: 5,
    });
    const check = await send(core, 'meeting:noticeCheck', { id: meeting.id });
    expect(check.missing).toContain('\u{31350}');
  });
});

describe('sign-in sheet', () => {
  it('lists invitees with an empty signature column and blank lines for walk-ins', async () => {
    const { core, meeting } = await plannedMeeting();
    for (let i = 0; i < 40; i += 1) {
      await send(core, 'resident:save', {
        name: `居民${i + 1}`,
        gender: null,
        building: '2',
        unit: '1',
        room: `${100 + i}`,
        tags: ['楼组长'],
      });
    }
    const file = await send(core, 'meeting:signInSheet', { id: meeting.id });
    const pdf = path.join(tempDir(), 'sheet.pdf');
    fs.writeFileSync(pdf, Buffer.from(file.data, 'base64'));
    execFileSync('qpdf', ['--check', pdf]);
    const text = pdfTool('pdftotext', '-layout', pdf, '-');
    expect(text).toContain('签到表');
    expect(text).toMatch(/序号\s+姓名\s+住址\s+身份\s+签名/);
    expect(text).toContain('陈𠇔');
    expect(text).toContain('居民40');
    expect(text).not.toMatch(/1[3-9]\d{9}/);
    // 41 invitees and 10 blank lines for walk-ins, over as many pages as it takes, headings repeated.
    expect(text).toMatch(/^\s*51\s*$/m);
    expect(text.match(/序号/g)!.length).toBe(Number(/Pages:\s+(\d+)/.exec(pdfTool('pdfinfo', pdf))![1]));
  });
});
