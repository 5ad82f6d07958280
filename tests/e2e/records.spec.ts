import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { overlay } from '../fixtures/pdf-increment';
import { createCommunity, names, seedMeeting } from './fixtures';
import { api, envelopeOf, expect, screenshotDir, test, type RunningHost } from './host';

/** A short meeting through the contract: ten check-ins, a speaker with a note, a show of hands on item 1. */
async function shortMeeting(host: RunningHost): Promise<number> {
  const meetingId = await seedMeeting(host);
  const residents = await api(host, 'resident:search', { query: '' });
  let present = await api(host, 'attendance:list', { id: meetingId });
  for (const person of residents.items.slice(0, 10)) {
    present = await api(host, 'attendance:checkIn', { meetingId, residentId: person.id });
  }
  const [first] = await api(host, 'agenda:list', { id: meetingId });
  await api(host, 'run:goto', { meetingId, itemId: first!.id });
  const state = await api(host, 'speaker:add', { agendaItemId: first!.id, attendanceId: present[0]!.id });
  await api(host, 'speaker:note', { id: state.speakers[0]!.id, note: '东门只划单侧车位，保留消防通道' });
  await api(host, 'vote:record', {
    agendaItemId: first!.id,
    rule: 'simple_majority',
    question: '是否同意东门划线停车方案？',
    ballots: { method: 'hands', counts: { for: 8, against: 1, abstain: 1, invalid: 0 } },
  });
  return meetingId;
}

async function download(page: Page, button: string, dir: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const target = path.join(dir, file.suggestedFilename());
  await file.saveAs(target);
  return target;
}

test('close, edit the draft, finalize, amend, export signed records and verify them', async ({ page, host }) => {
  test.setTimeout(180_000);
  await createCommunity(page, host.url);
  const meetingId = await shortMeeting(host);
  const downloads = fs.mkdtempSync(path.join(host.dataDir, 'downloads-'));

  // Close the meeting: the minutes are drafted from the record.
  await page.goto(`${host.url}#/meetings/${meetingId}`);
  await page.getByRole('button', { name: '结束会议' }).click();
  await page.getByRole('dialog', { name: '结束会议' }).getByRole('button', { name: '结束会议' }).click();
  await page.getByRole('link', { name: '会议纪要' }).click();
  await expect(page.getByRole('heading', { name: /12 月幸福议事亭议事会会议纪要/ })).toBeVisible();
  const item = page.getByRole('article', { name: '1. 东门划线停车方案' });
  await expect(item.getByRole('textbox', { name: '讨论情况（发言要点）' })).toHaveValue(
    `${names[0]}：东门只划单侧车位，保留消防通道`,
  );
  // The vote and the attendance are the meeting's record: shown, not editable.
  await expect(item).toContainText(/表决情况.*赞成 8，反对 1，弃权 1/);
  await expect(item.getByRole('textbox', { name: '表决情况' })).toHaveCount(0);
  await expect(page.getByRole('definition').filter({ hasText: names[9]! })).toBeVisible();
  await expect(page.getByRole('textbox', { name: '出席居民' })).toHaveCount(0);

  // Edit: autosaved, still there after a reload.
  await item.getByRole('textbox', { name: '责任方' }).fill('物业公司');
  await item.getByRole('textbox', { name: '完成时限' }).fill('2026-12-31');
  await item.getByRole('textbox', { name: '议定事项' }).fill('同意东门单侧划线停车，保留消防通道。');
  await expect(page.getByRole('status').filter({ hasText: '已自动保存' })).toBeVisible();
  await page.screenshot({ path: path.join(screenshotDir, 'minutes-draft.png'), fullPage: true });
  await page.reload();
  await expect(item.getByRole('textbox', { name: '责任方' })).toHaveValue('物业公司');
  await expect(item.getByRole('textbox', { name: '议定事项' })).toHaveValue('同意东门单侧划线停车，保留消防通道。');

  // Finalize, then try to edit: refused, an amendment is offered instead.
  await page.getByRole('button', { name: '定稿' }).click();
  const finalize = page.getByRole('dialog', { name: '定稿会议纪要' });
  await expect(finalize.getByRole('textbox', { name: '定稿人' })).toHaveValue('周敏');
  await finalize.getByRole('button', { name: '定稿' }).click();
  await expect(page.locator('.badge').filter({ hasText: '已定稿' })).toBeVisible();
  await expect(page.getByText(/周敏 于 .* 定稿/)).toBeVisible();
  const { content } = await api(host, 'minutes:get', { id: meetingId });
  expect(await envelopeOf(host, 'minutes:save', { id: meetingId, content })).toMatchObject({
    ok: false,
    error: { code: 'minutes_final' },
  });
  await page.getByRole('button', { name: '修改' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('纪要已定稿，不能直接修改');
  await alert.getByRole('button', { name: '添加修正' }).click();
  const amend = page.getByRole('dialog', { name: '添加修正记录' });
  await amend.getByLabel('修正的章节').selectOption('1 东门划线停车方案');
  await amend.getByRole('textbox', { name: '修正内容' }).fill('责任方更正为物业公司与业委会共同负责。');
  await amend.getByRole('textbox', { name: '修正理由' }).fill('会上口头补充，记录遗漏');
  await amend.getByRole('button', { name: '添加修正' }).click();
  const amendments = page.getByRole('region', { name: '修正记录' });
  await expect(amendments).toContainText('修正 1 · 1 东门划线停车方案（周敏');
  await expect(amendments).toContainText('理由：会上口头补充，记录遗漏');
  await expect(page.getByText('物业公司', { exact: true })).toBeVisible();

  // The signing identity on first use, then every record.
  await page.getByLabel(/^签名密码/).fill('东门樟树下的板凳会');
  await page.getByLabel(/^再次输入签名密码/).fill('东门樟树下的板凳会');
  await page.getByRole('button', { name: '创建签名身份' }).click();
  // RSA-3072 key generation searches for primes: usually under a second, sometimes several on a busy machine.
  await expect(page.getByRole('button', { name: '会议纪要 PDF' })).toBeEnabled({ timeout: 30_000 });
  await page.screenshot({ path: path.join(screenshotDir, 'minutes-final.png'), fullPage: true });
  const files = [];
  for (const button of ['会议纪要 PDF', '签到表 PDF', '议定事项公示 PDF', '公示图片（手机）']) {
    files.push(await download(page, button, downloads));
  }
  const pdfs = files.filter((f) => f.endsWith('.pdf'));
  expect(pdfs.map((f) => path.basename(f))).toEqual([
    '12 月幸福议事亭议事会-会议纪要.pdf',
    '12 月幸福议事亭议事会-签到表.pdf',
    '12 月幸福议事亭议事会-议定事项公示.pdf',
  ]);
  for (const pdf of pdfs) {
    const sig = spawnSync('pdfsig', [pdf], { encoding: 'utf8' }).stdout;
    expect(sig, pdf).toContain('Signature is Valid.');
    expect(sig, pdf).toContain('Total document signed');
  }
  const text = spawnSync('pdftotext', [pdfs[0]!, '-'], { encoding: 'utf8' }).stdout;
  expect(text).toContain('责任方更正为物业公司与业委会共同负责。');

  // Verify in the app: the three records and a copy with one byte changed.
  const tampered = path.join(downloads, '改过的纪要.pdf');
  const bytes = fs.readFileSync(pdfs[0]!);
  const at = bytes.indexOf('stream', 3000) + 60;
  bytes[at] = bytes[at]! ^ 0x01;
  fs.writeFileSync(tampered, bytes);
  // And one with a revision appended after signing (a box and words drawn over the first page).
  const overlaid = path.join(downloads, '追加修订的纪要.pdf');
  fs.writeFileSync(overlaid, overlay(fs.readFileSync(pdfs[0]!)));
  await page.getByRole('link', { name: '记录' }).click();
  await expect(page.getByRole('heading', { name: '记录与签名' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '已解锁，可以签名' })).toBeVisible();
  await page.locator('input[type=file][accept^=".pdf"]').setInputFiles([...pdfs, tampered, overlaid]);
  const results = page.locator('.verify-item');
  await expect(results).toHaveCount(5);
  for (const [i, pdf] of pdfs.entries()) {
    await expect(results.nth(i)).toContainText(path.basename(pdf));
    await expect(results.nth(i).locator('.badge')).toHaveText('有效');
    await expect(results.nth(i)).toContainText('东湖社区居民委员会');
    await expect(results.nth(i)).toContainText('与本机定稿纪要一致：12 月幸福议事亭议事会');
  }
  await expect(results.nth(3).locator('.badge')).toHaveText('已被篡改');
  await expect(results.nth(3)).toContainText('签名后文件内容被改动过。');
  await expect(results.nth(4).locator('.badge')).toHaveText('已被篡改');
  await expect(results.nth(4)).toContainText('签名后被修改：第 2 版（共 2 版）是签名之后追加的，追加部分没有签名。');
  await expect(results.nth(4)).not.toContainText('与本机定稿纪要一致');
  await page.screenshot({ path: path.join(screenshotDir, 'records-verify.png'), fullPage: true });
});
