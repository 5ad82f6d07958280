import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readZip, writeZip } from '../../electron/records/bundle';
import { certify, createCommunity, download, finalizedMeeting } from './fixtures';
import { api, expect, screenshotDir, startHost, test } from './host';

test('two communities report; the sub-district issues their certificates, collects, verifies, counts and searches', async ({
  page,
  host: office,
}) => {
  test.setTimeout(300_000);
  const east = await startHost();
  const west = await startHost();
  const stranger = await startHost();
  try {
    const dir = fs.mkdtempSync(path.join(office.dataDir, 'downloads-'));

    // The office's first run: a sub-district profile, then its CA.
    await page.goto(office.url);
    await page.getByRole('radio', { name: /街道/ }).check();
    await page.getByLabel('街道名称').fill('当湖街道');
    await page.getByLabel('所属区（县、市）').fill('平湖市');
    await page.getByRole('button', { name: '保存并开始' }).click();
    await expect(page.getByRole('heading', { name: '汇总上报包' })).toBeVisible();
    await expect(page.getByRole('link', { name: '会议' })).toHaveCount(0);
    // Until the office has its CA, the collection page says what that means and leads there.
    await expect(page.getByRole('alert')).toContainText('还没有街道根证书');
    await page.getByRole('link', { name: '创建根证书 →' }).click();
    await page.getByLabel(/^签名密码/).fill('当湖街道根证书2026');
    await page.getByLabel(/^再次输入签名密码/).fill('当湖街道根证书2026');
    await page.getByRole('button', { name: '创建签名身份' }).click();
    await expect(page.getByText('CN=当湖街道办事处, O=当湖街道, L=平湖市, C=CN').first()).toBeVisible({
      timeout: 30_000,
    });

    // Two communities, each in its own data folder, run and finalize a meeting and get certified.
    const eastPage = await page.context().newPage();
    const westPage = await page.context().newPage();
    await createCommunity(eastPage, east.url, '东湖社区');
    await createCommunity(westPage, west.url, '西湖社区');
    const eastMeeting = await finalizedMeeting(east, 12);
    await finalizedMeeting(west, 6);
    await certify(eastPage, page, east, dir, '东湖社区');
    await eastPage.screenshot({ path: path.join(screenshotDir, 'records-reporting.png'), fullPage: true });
    await certify(westPage, page, west, dir, '西湖社区');
    await page.reload();
    await expect(page.getByRole('table')).toContainText('东湖社区居民委员会');
    await expect(page.getByRole('table')).toContainText('西湖社区居民委员会');
    await page.screenshot({ path: path.join(screenshotDir, 'certificates.png'), fullPage: true });

    // East closes one item, then reports its meeting; west reports the year so far.
    const [first] = await api(east, 'followup:list', {});
    await api(east, 'followup:update', {
      id: first!.id,
      owner: '物业公司',
      deadline: '2027-03-31',
      status: 'done',
      satisfaction: 'satisfied',
    });
    await eastPage.goto(`${east.url}#/meetings/${eastMeeting}/minutes`);
    const eastBundle = await download(
      eastPage,
      () => eastPage.getByRole('button', { name: '导出本次会议上报包' }).click(),
      dir,
    );
    await westPage.goto(`${west.url}#/records`);
    const westBundle = await download(
      westPage,
      () => westPage.getByRole('button', { name: '导出上报包' }).click(),
      dir,
    );
    expect(path.basename(westBundle)).toMatch(/^西湖社区-上报包-\d{4}-01-01至\d{4}-\d{2}-\d{2}\.zip$/);

    // A tampered copy of east's bundle, and a bundle from a community the office never certified.
    const files = readZip(fs.readFileSync(eastBundle));
    const minutes = `meetings/${eastMeeting}/minutes.pdf`;
    const pdf = Buffer.from(files.get(minutes)!);
    const at = pdf.indexOf('/Type /Page') + 3;
    pdf[at] = pdf[at]! ^ 1;
    files.set(minutes, pdf);
    const tampered = path.join(dir, '东湖社区-上报包-改过.zip');
    fs.writeFileSync(tampered, writeZip(files));
    await api(stranger, 'community:save', {
      name: '南湖社区',
      subDistrict: '当湖街道',
      district: '平湖市',
      pavilionName: '南湖幸福议事亭',
      pavilionPlace: '南湖广场',
    });
    await finalizedMeeting(stranger, 5);
    const unknown = await api(stranger, 'bundle:export', { from: '2000-01-01', to: '2099-12-31' });
    const unknownFile = path.join(dir, unknown.fileName);
    fs.writeFileSync(unknownFile, Buffer.from(unknown.data, 'base64'));

    // Collect all four at once.
    await page.getByRole('link', { name: '汇总' }).click();
    await page.getByLabel('选择上报包…').setInputFiles([eastBundle, westBundle, tampered, unknownFile]);
    await expect(page.getByRole('status').filter({ hasText: '本次导入 4 个' })).toHaveText(
      '本次导入 4 个：2 个可信，1 个签名者未知，1 个被拒收。',
      { timeout: 60_000 },
    );
    const row = (name: string) => page.getByRole('row').filter({ hasText: name });
    await expect(row(path.basename(eastBundle))).toContainText('可信');
    await expect(row(path.basename(westBundle))).toContainText('可信');
    await expect(row('改过')).toContainText('拒收');
    await expect(row('改过')).toContainText('文件的 SHA-256 与清单不符');
    await expect(row('南湖社区')).toContainText('签名者未知（未计入统计）');
    await page.screenshot({ path: path.join(screenshotDir, 'collection.png'), fullPage: true });

    // The dashboard counts the trusted two only; filtered to east, one.
    await page.getByRole('link', { name: '统计' }).click();
    const kpi = (label: string) => page.locator('.kpi').filter({ hasText: label }).locator('.kpi-value');
    await expect(kpi('召开议事会')).toHaveText('2');
    await expect(kpi('议定事项')).toHaveText('6');
    await expect(kpi('满意率')).toHaveText('100.0%');
    const canvases = page.locator('canvas');
    await expect(canvases).toHaveCount(5);
    // A drawn chart encodes to far more than an empty canvas does.
    const drawn = await canvases.evaluateAll((all) =>
      all.map((c) => (c as unknown as { toDataURL(): string }).toDataURL().length),
    );
    expect(Math.min(...drawn)).toBeGreaterThan(3000);
    await page.screenshot({ path: path.join(screenshotDir, 'dashboard.png'), fullPage: true });
    await page.getByRole('combobox', { name: '社区' }).selectOption({ label: '平湖市当湖街道东湖社区居民委员会' });
    await expect(kpi('召开议事会')).toHaveText('1');
    await expect(kpi('议定事项')).toHaveText('3');
    const xlsx = await download(page, () => page.getByRole('button', { name: '导出 Excel' }).click(), dir);
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    expect(book.worksheets.map((w) => w.name)).toContain('各社区每月议事会');
    expect(book.getWorksheet('概览')!.getColumn(1).values).toContain('召开议事会（次）');

    // Search the collected minutes: two characters and longer (one pair index for both), and open the signed PDF.
    await page.getByRole('link', { name: '检索' }).click();
    await page.getByRole('searchbox', { name: '关键词' }).fill('停车');
    await page.getByRole('button', { name: '搜索' }).click();
    await expect(page.getByRole('main').getByRole('status')).toHaveText('找到 2 份纪要');
    await expect(page.locator('mark').first()).toHaveText('停车');
    await page.getByRole('searchbox', { name: '关键词' }).fill('垃圾分类点位');
    await page.getByRole('button', { name: '搜索' }).click();
    await expect(page.getByRole('main').getByRole('status')).toHaveText('找到 2 份纪要');
    await expect(page.locator('mark').first()).toContainText('垃圾分类');
    await page.screenshot({ path: path.join(screenshotDir, 'search.png'), fullPage: true });
    const signed = await download(page, () => page.getByRole('button', { name: '下载签名 PDF' }).first().click(), dir);
    expect(spawnSync('pdfsig', [signed], { encoding: 'utf8' }).stdout).toContain('Signature is Valid.');
    await page.getByRole('searchbox', { name: '关键词' }).fill('南湖广场');
    await page.getByRole('button', { name: '搜索' }).click();
    await expect(page.getByRole('main').getByRole('status')).toHaveText('没有找到包含“南湖广场”的纪要。');
  } finally {
    for (const host of [east, west, stranger]) {
      await host.stop();
      fs.rmSync(host.dataDir, { recursive: true, force: true });
    }
  }
});
