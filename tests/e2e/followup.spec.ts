import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createCommunity, download, finalizedMeeting } from './fixtures';
import { api, expect, screenshotDir, test } from './host';

test('follow resolutions: progress, supervision, closing with satisfaction, overdue flag, next agenda, result notice, typical case', async ({
  page,
  host,
}) => {
  test.setTimeout(180_000);
  await createCommunity(page, host.url);
  await finalizedMeeting(host);
  const downloads = fs.mkdtempSync(path.join(host.dataDir, 'downloads-'));

  await page.getByRole('link', { name: '落实', exact: true }).click();
  await expect(page.getByRole('heading', { name: '议定事项落实' })).toBeVisible();
  await expect(page.getByText('3 项未办结，其中 0 项已逾期')).toBeVisible();

  await page.getByRole('textbox', { name: '姓名' }).fill('钱卫国');
  await page.getByRole('textbox', { name: '联系电话' }).fill('13900001111');
  await page.getByRole('button', { name: '＋ 添加监督员' }).click();
  await expect(page.locator('aside').getByText('钱卫国')).toBeVisible();

  const parking = page.getByRole('article', { name: '东门划线停车方案' });
  await expect(parking).toContainText('来自：12 月幸福议事亭议事会');
  await expect(parking.getByLabel('责任方')).toHaveValue('物业公司');
  await parking.getByLabel('落实状态').selectOption('落实中');
  await parking.getByRole('button', { name: '保存' }).click();
  await expect(parking.locator('.badge').first()).toHaveText('落实中');
  await parking.getByRole('textbox', { name: '进展' }).fill('物业已完成东门划线');
  await parking.getByRole('button', { name: '记录进展' }).click();
  await expect(parking.getByText('物业已完成东门划线')).toBeVisible();
  await parking.getByRole('textbox', { name: '督办情况' }).fill('划线完成，但消防通道标识不清');
  await parking.getByRole('textbox', { name: '整改意见' }).fill('三日内补刷消防通道标识');
  await parking.getByRole('button', { name: '记录督办' }).click();
  await expect(parking.getByText('整改意见：三日内补刷消防通道标识')).toBeVisible();
  await parking.getByLabel('落实状态').selectOption('已办结');
  await parking.getByLabel('居民满意度').selectOption('满意');
  await parking.getByRole('button', { name: '保存' }).click();
  // Closed items leave the "open" view.
  await expect(parking).toHaveCount(0);

  const waste = page.getByRole('article', { name: '垃圾分类点位调整' });
  await waste.getByLabel('落实状态').selectOption('无法落实');
  // Blank is stopped by the form itself; only spaces reach the main side, which asks for a reason.
  await waste.getByLabel(/^无法落实的原因/).fill('   ');
  await waste.getByRole('button', { name: '保存' }).click();
  await expect(waste.getByRole('alert')).toContainText('请写明无法落实的原因');
  const lift = page.getByRole('article', { name: '使用维修资金加装电梯' });
  await lift.getByLabel('完成时限').fill('2020-06-30');
  await lift.getByRole('button', { name: '保存' }).click();
  await expect(lift.getByText('已逾期')).toBeVisible();
  await page.getByRole('button', { name: /^全部/ }).click();
  await expect(page.getByRole('article', { name: '东门划线停车方案' }).locator('.badge').first()).toHaveText('已办结');
  await page.screenshot({ path: path.join(screenshotDir, 'followup.png'), fullPage: true });

  // Overdue on the home screen; open items open the next meeting's agenda.
  await page.getByRole('link', { name: '会议' }).click();
  await expect(page.getByRole('alert')).toContainText('有 1 项议定事项已超过完成时限仍未办结。');
  const next = await api(host, 'meeting:create', { title: '1 月幸福议事亭议事会', place: '文化长廊' });
  const [first] = await api(host, 'agenda:list', { id: next.id });
  expect(first).toMatchObject({ kind: 'follow_up', title: '上次议定事项落实情况' });
  expect(first!.notes).toContain('使用维修资金加装电梯');
  expect(first!.notes).not.toContain('东门划线停车方案');

  // The result notice: signed, the closed item with its satisfaction.
  await page.getByRole('link', { name: '查看落实情况 →' }).click();
  const notice = await download(page, () => page.getByRole('button', { name: '导出结果公示 PDF' }).click(), downloads);
  expect(spawnSync('pdfsig', [notice], { encoding: 'utf8' }).stdout).toContain('Signature is Valid.');
  const text = spawnSync('pdftotext', [notice, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
  expect(text).toContain('东门划线停车方案');
  expect(text).toContain('居民满意度：满意');

  // A typical case from a topic's history, edited and exported.
  const topic = await api(host, 'topic:create', {
    title: '东门停车难',
    description: '晚高峰东门车辆乱停，消防通道被占',
    source: 'grid_worker',
    raisedBy: '网格员小李',
    raisedOn: '2026-10-08',
    category: '停车交通',
    level: 'big',
    building: '',
    lane: '东门',
  });
  await page.goto(`${host.url}#/topics/${topic.id}`);
  await page.getByRole('link', { name: '撰写典型案例' }).click();
  await expect(page.getByRole('heading', { name: '典型案例' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: '一、背景' })).toHaveValue(/网格员小李/);
  await expect(page.getByRole('textbox', { name: /^报送单位/ })).toHaveValue('平湖市当湖街道东湖社区居民委员会');
  await page.getByRole('textbox', { name: '三、取得成效' }).fill('东门划线后晚高峰不再堵塞，消防通道保持畅通。');
  await page.getByRole('textbox', { name: /^标题/ }).click();
  await expect(page.getByRole('region', { name: '典型案例' }).getByRole('status')).toHaveText(/已保存/);
  await page.reload();
  await expect(page.getByRole('textbox', { name: '三、取得成效' })).toHaveValue(
    '东门划线后晚高峰不再堵塞，消防通道保持畅通。',
  );
  await page.screenshot({ path: path.join(screenshotDir, 'typical-case.png'), fullPage: true });
  const txt = await download(page, () => page.getByRole('button', { name: '导出纯文本' }).click(), downloads);
  expect(fs.readFileSync(txt, 'utf8')).toContain('三、取得成效\n东门划线后晚高峰不再堵塞');
  const pdf = await download(page, () => page.getByRole('button', { name: '导出 PDF' }).click(), downloads);
  expect(spawnSync('pdfsig', [pdf], { encoding: 'utf8' }).stdout).toContain('Signature is Valid.');
});
