import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { readZip, writeZip } from '../../electron/records/bundle';
import { certify, createCommunity, download, finalizedMeeting } from './fixtures';
import { api, expect, screenshotDir, startHost, test, type RunningHost } from './host';

/** A second meeting, closed and finalized through the contract: the scene for the report that follows. */
async function laterMeeting(host: RunningHost) {
  const meeting = await api(host, 'meeting:create', { title: '1 月幸福议事亭议事会', place: '文化长廊' });
  await api(host, 'agenda:add', { meetingId: meeting.id, kind: 'custom', title: '楼道照明', plannedMinutes: 10 });
  await api(host, 'meeting:setStatus', { id: meeting.id, status: 'in_progress' });
  await api(host, 'meeting:setStatus', { id: meeting.id, status: 'closed' });
  await api(host, 'minutes:finalize', { id: meeting.id, by: '周敏' });
  return meeting.id;
}

/** The office's first run on screen: a sub-district profile, then its CA. */
async function officeWithCa(page: Page, office: RunningHost) {
  await page.goto(office.url);
  await page.getByRole('radio', { name: /街道/ }).check();
  await page.getByLabel('街道名称').fill('当湖街道');
  await page.getByLabel('所属区（县、市）').fill('平湖市');
  await page.getByRole('button', { name: '保存并开始' }).click();
  await page.getByRole('link', { name: '创建根证书 →' }).click();
  await page.getByLabel(/^签名密码/).fill('当湖街道根证书2026');
  await page.getByLabel(/^再次输入签名密码/).fill('当湖街道根证书2026');
  await page.getByRole('button', { name: '创建签名身份' }).click();
  await expect(page.getByText('CN=当湖街道办事处, O=当湖街道, L=平湖市, C=CN').first()).toBeVisible({
    timeout: 30_000,
  });
}

test('the office revokes a certificate; a bundle signed afterwards is refused; the community sees the receipts', async ({
  page,
  host: office,
}) => {
  test.setTimeout(300_000);
  const east = await startHost();
  try {
    const dir = fs.mkdtempSync(path.join(office.dataDir, 'downloads-'));
    await officeWithCa(page, office);

    const eastPage = await page.context().newPage();
    await createCommunity(eastPage, east.url, '东湖社区');
    const first = await finalizedMeeting(east, 6);
    await certify(eastPage, page, east, dir, '东湖社区');

    // The first meeting is reported while the certificate stands: counted.
    await eastPage.goto(`${east.url}#/meetings/${first}/minutes`);
    const before = await download(
      eastPage,
      () => eastPage.getByRole('button', { name: '导出本次会议上报包' }).click(),
      dir,
    );
    await page.getByRole('link', { name: '汇总' }).click();
    await page.getByLabel('选择上报包…').setInputFiles(before);
    await expect(page.getByRole('status').filter({ hasText: '本次导入 1 个' })).toContainText('1 个可信', {
      timeout: 60_000,
    });

    // On 检索 the office checks the first meeting's signed minutes, the file the bundle brought: they match what
    // east reported, by the register (a copy signed again outside the bundle would be valid, and matched to nothing).
    const minutesFile = path.join(dir, '东湖-会议纪要.pdf');
    fs.writeFileSync(minutesFile, readZip(fs.readFileSync(before)).get(`meetings/${first}/minutes.pdf`)!);
    await page.getByRole('link', { name: '检索' }).click();
    await page.getByLabel('选择 PDF / OFD 文件…').setInputFiles(minutesFile);
    await expect(
      page.getByText('与平湖市当湖街道东湖社区居民委员会上报的定稿纪要一致：12 月幸福议事亭议事会'),
    ).toBeVisible();

    // The office revokes east's certificate on screen, from today, for a compromised key.
    await page.getByRole('link', { name: '证书' }).click();
    const entry = page.getByRole('row').filter({ hasText: '东湖社区居民委员会' });
    await entry.getByRole('button', { name: '吊销' }).click();
    const dialog = page.getByRole('dialog', { name: '吊销证书' });
    await expect(dialog).toContainText('平湖市当湖街道东湖社区居民委员会');
    await dialog.getByLabel('原因').selectOption({ label: '密钥泄露或电脑丢失' });
    await dialog.getByRole('button', { name: '吊销' }).click();
    await expect(dialog).toBeHidden();
    await expect(entry).toContainText('已吊销');

    // A bundle the community signs afterwards is refused, with the reason on the office's screen.
    const second = await laterMeeting(east);
    await eastPage.goto(`${east.url}#/meetings/${second}/minutes`);
    const after = await download(
      eastPage,
      () => eastPage.getByRole('button', { name: '导出本次会议上报包' }).click(),
      dir,
    );
    await page.getByRole('link', { name: '汇总' }).click();
    await page.getByLabel('选择上报包…').setInputFiles(after);
    await expect(page.getByRole('status').filter({ hasText: '本次导入 1 个' })).toContainText('1 个被拒收', {
      timeout: 60_000,
    });
    const refusedRow = page.getByRole('row').filter({ hasText: path.basename(after) });
    await expect(refusedRow).toContainText('签名证书已被本街道吊销');

    // The office hands back one file with every answer.
    const receipt = await download(page, () => page.getByRole('button', { name: '导出全部回执' }).click(), dir);
    expect(path.basename(receipt)).toMatch(/^当湖街道-回执-\d{4}-\d{2}-\d{2}\.ysreceipt$/);
    await page.screenshot({ path: path.join(screenshotDir, 'collection-receipts.png'), fullPage: true });

    // Before the receipt, the community knows only that it reported.
    await eastPage.goto(`${east.url}#/records`);
    const card = eastPage.getByRole('region', { name: '街道回执' });
    const row = (title: string) => card.getByRole('row').filter({ hasText: title });
    await expect(row('1 月幸福议事亭议事会')).toContainText('已上报');

    // A receipt edited after signing (the refusal turned into a pass) is refused in words.
    const files = readZip(fs.readFileSync(receipt));
    const json = files
      .get('receipt.json')!
      .toString('utf8')
      .replace(/"verdict": "rejected"/g, '"verdict": "trusted"');
    files.set('receipt.json', Buffer.from(json));
    const forged = path.join(dir, '回执-改过.ysreceipt');
    fs.writeFileSync(forged, writeZip(files));
    await card.getByLabel('导入街道回执（.ysreceipt）').setInputFiles(forged);
    await expect(card.getByRole('alert')).toContainText('回执在街道签发后被改动过');
    await expect(row('1 月幸福议事亭议事会')).toContainText('已上报');

    await card.getByLabel('导入街道回执（.ysreceipt）').setInputFiles(receipt);
    await expect(card.getByRole('status').filter({ hasText: '已导入' })).toHaveText(
      '✓ 已导入 2 份回执，涉及 2 次会议。',
    );
    await expect(row('12 月幸福议事亭议事会')).toContainText('已核验');
    await expect(row('1 月幸福议事亭议事会')).toContainText('被拒收');
    await expect(row('1 月幸福议事亭议事会')).toContainText('签名证书已被本街道吊销');
    await card.scrollIntoViewIfNeeded();
    await eastPage.screenshot({ path: path.join(screenshotDir, 'records-receipts.png') });

    // The meeting list, where a secretary looks first, says the same.
    await eastPage.getByRole('link', { name: '会议' }).click();
    const listed = (title: string) => eastPage.getByRole('row').filter({ hasText: title });
    await expect(listed('12 月幸福议事亭议事会')).toContainText('已核验');
    await expect(listed('1 月幸福议事亭议事会')).toContainText('被拒收');
    await eastPage.screenshot({ path: path.join(screenshotDir, 'meetings-reported.png'), fullPage: true });
  } finally {
    await east.stop();
    fs.rmSync(east.dataDir, { recursive: true, force: true });
  }
});

test('the office renames a community on screen: a successor certificate for the same community', async ({
  page,
  host: office,
}) => {
  test.setTimeout(240_000);
  const east = await startHost();
  try {
    const dir = fs.mkdtempSync(path.join(office.dataDir, 'downloads-'));
    await officeWithCa(page, office);
    const eastPage = await page.context().newPage();
    await createCommunity(eastPage, east.url, '东湖社区');
    await api(east, 'identity:create', { passphrase: '议事亭的樟树下签名 2026' });
    await certify(eastPage, page, east, dir, '东湖社区');

    await page.reload();
    await page.getByRole('row').filter({ hasText: '东湖社区居民委员会' }).getByRole('button', { name: '更名' }).click();
    const dialog = page.getByRole('dialog', { name: '社区更名' });
    await dialog.getByLabel('新的社区名称').fill('东湖新村社区');
    await expect(dialog).toContainText('新证书上的单位全称：平湖市当湖街道东湖新村社区居民委员会');
    const certificate = await download(
      page,
      () => dialog.getByRole('button', { name: '签发新名称的证书' }).click(),
      dir,
    );
    expect(path.basename(certificate)).toBe('东湖新村社区居民委员会-证书.crt');
    await expect(page.getByRole('status').filter({ hasText: '已签发新名称的证书' })).toBeVisible();
    const renamed = page.getByRole('row').filter({ hasText: '东湖新村社区居民委员会' });
    await expect(renamed).toContainText('有效');
    await expect(page.getByRole('row').filter({ hasText: '平湖市当湖街道东湖社区居民委员会' })).toContainText('已更换');
    await page.screenshot({ path: path.join(screenshotDir, 'certificates-renamed.png'), fullPage: true });

    // The community installs it on its own screen: the same key, now under the new name.
    await eastPage.getByLabel('导入街道签发的证书（.crt）').setInputFiles(certificate);
    // The same notice is still up from the first certificate: wait for the new name on the identity card.
    await expect(eastPage.getByText(/CN=东湖新村社区居民委员会/).first()).toBeVisible();
    expect((await api(east, 'identity:get', {})).current?.subject).toContain('CN=东湖新村社区居民委员会');
  } finally {
    await east.stop();
    fs.rmSync(east.dataDir, { recursive: true, force: true });
  }
});
