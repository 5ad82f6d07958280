import fs from 'node:fs';
import path from 'node:path';
import { databaseFile } from '../../electron/core';
import { api, expect, screenshotDir, startHost, test } from './host';

test('a damaged data file gets the recovery screen, which restores the latest backup', async ({ page, host }) => {
  await api(host, 'community:save', {
    name: '东湖社区',
    subDistrict: '当湖街道',
    district: '平湖市',
    pavilionName: '议事亭',
    pavilionPlace: '长廊',
  });
  await api(host, 'meeting:create', { title: '损坏前的会议' });
  await host.stop();
  // A restart backs the file up; then the disk mangles it.
  await (await startHost(host.dataDir)).stop();
  fs.writeFileSync(databaseFile(host.dataDir), Buffer.alloc(8192, 0x5a));

  const again = await startHost(host.dataDir);
  try {
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(again.url);
    await expect(page.getByRole('heading', { name: '无法打开数据' })).toBeVisible();
    await expect(page.getByText('数据文件已损坏或不是议事亭的数据库')).toBeVisible();
    await page.screenshot({ path: path.join(screenshotDir, 'recovery.zh-CN.png') });
    await page.getByRole('button', { name: '恢复此备份' }).first().click();
    await expect(page.getByRole('row', { name: /损坏前的会议/ })).toBeVisible();
    expect(fs.readdirSync(path.join(host.dataDir, 'replaced'))).toHaveLength(1);
  } finally {
    await again.stop();
  }
});
