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
    await page.goto(again.url);
    await expect(page.getByRole('heading', { name: '无法打开数据' })).toBeVisible();
    await expect(page.getByText('数据文件已损坏或不是议事亭的数据库')).toBeVisible();
    await page.screenshot({ path: path.join(screenshotDir, 'recovery.zh-CN.png') });
    await page.getByRole('button', { name: '恢复此备份' }).first().click();
    await page.getByRole('dialog', { name: '恢复备份' }).getByRole('button', { name: '恢复', exact: true }).click();
    // A restore reopens and backs up the restored file first.
    await expect(page.getByRole('row', { name: /损坏前的会议/ })).toBeVisible({ timeout: 20_000 });
    expect(fs.readdirSync(path.join(host.dataDir, 'replaced'))).toHaveLength(1);
  } finally {
    await again.stop();
  }
});

test('what a restore set aside is offered back, in Settings and on the recovery screen', async ({ page, host }) => {
  await api(host, 'community:save', {
    name: '东湖社区',
    subDistrict: '当湖街道',
    district: '平湖市',
    pavilionName: '议事亭',
    pavilionPlace: '长廊',
  });
  await api(host, 'meeting:create', { title: '较早的会议' });
  await host.stop();
  const second = await startHost(host.dataDir); // this start backs up 较早的会议 alone
  await api(second, 'meeting:create', { title: '后来的会议' });
  try {
    // The secretary restores the start backup by mistake: 后来的会议 is set aside, not lost.
    await page.goto(second.url);
    await page.getByRole('link', { name: '设置' }).click();
    const list = page.getByRole('table', { name: '备份' });
    await list
      .getByRole('row', { name: /启动时/ })
      .getByRole('button', { name: '恢复此备份' })
      .click();
    // The page reloads once the restore is done; a click before then would land on the page being replaced.
    const reloaded = page.waitForEvent('load', { timeout: 30_000 });
    await page.getByRole('dialog', { name: '恢复备份' }).getByRole('button', { name: '恢复', exact: true }).click();
    await reloaded;
    await page.getByRole('link', { name: '会议' }).click({ timeout: 20_000 });
    await expect(page.getByRole('row', { name: /较早的会议/ })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('row', { name: /后来的会议/ })).toHaveCount(0);
  } finally {
    await second.stop();
  }
  // Then the disk truncates the file: the recovery screen offers the set-aside data as well.
  fs.writeFileSync(databaseFile(host.dataDir), '');
  const third = await startHost(host.dataDir);
  try {
    await page.goto(third.url);
    await expect(page.getByRole('heading', { name: '无法打开数据' })).toBeVisible();
    const aside = page.getByRole('row', { name: /恢复备份时另存的数据/ });
    await expect(aside).toHaveCount(1);
    await aside.getByRole('button', { name: '恢复此备份' }).click();
    await page.getByRole('dialog', { name: '恢复备份' }).getByRole('button', { name: '恢复', exact: true }).click();
    await expect(page.getByRole('row', { name: /后来的会议/ })).toBeVisible({ timeout: 20_000 });
  } finally {
    await third.stop();
  }
});
