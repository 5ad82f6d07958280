import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { readZip } from '../../electron/records/bundle';
import { readOfdZip } from '../../electron/records/gm/ofd/zip';
import { createCommunity, download, finalizedMeeting } from './fixtures';
import { api, expect, screenshotDir, startHost, test } from './host';

/** ofd.js (an independent OFD renderer, a devDependency only): served by the test, never by the app. */
const ofdJs = path.resolve('node_modules/ofd.js/lib/ofd.umd.min.js');
const viewer = 'http://viewer.test/';

/**
 * Page `page` of the PDF as pdftoppm renders it, beside the same page of the OFD as ofd.js renders it, on one
 * page to look at (and screenshot). Returns the OFD side; the page counts must agree.
 */
async function renderBeside(page: Page, pdf: string, ofd: string, dir: string, screenshot: string, pageIndex = 0) {
  const n = String(pageIndex + 1);
  spawnSync('pdftoppm', ['-png', '-r', '60', '-f', n, '-l', n, '-singlefile', pdf, path.join(dir, 'page')]);
  const pdfPng = fs.readFileSync(path.join(dir, 'page.png')).toString('base64');
  const viewerPage = await page.context().newPage();
  await viewerPage.route(`${viewer}**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/ofd.js') return route.fulfill({ path: ofdJs, contentType: 'text/javascript' });
    if (url.pathname === '/record.ofd') return route.fulfill({ path: ofd, contentType: 'application/ofd' });
    return route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><meta charset="utf-8"><script src="/ofd.js"></script>
        <style>body{margin:0;display:flex;gap:12px;background:#888} .half{width:500px;background:#fff;position:relative}</style>
        <div class="half" id="pdf"><img alt="PDF (pdftoppm)" style="width:500px" src="data:image/png;base64,${pdfPng}"></div>
        <div class="half" id="ofd"></div>`,
    });
  });
  await viewerPage.setViewportSize({ width: 1024, height: 760 });
  await viewerPage.goto(viewer);
  // A string, as the other specs pass page code: this tsconfig has no DOM types.
  const pages = await viewerPage.evaluate<number>(`new Promise((resolve, reject) => {
    ofd.parseOfdDocument({
      ofd: '/record.ofd',
      success(documents) {
        const divs = ofd.renderOfd(500, documents[0]);
        document.getElementById('ofd').append(divs[${pageIndex}]);
        resolve(divs.length);
      },
      fail: reject,
    });
  })`);
  const pdfPages = Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout)![1]);
  expect(pages).toBe(pdfPages);
  const side = viewerPage.locator('#ofd');
  return {
    ofd: side,
    pages,
    close: async () => {
      await viewerPage.screenshot({ path: path.join(screenshotDir, screenshot) });
      await viewerPage.close();
    },
  };
}

test('the minutes exported on screen as OFD render in ofd.js like the PDF in pdftoppm; the archive copy carries the JSON; both verify', async ({
  page,
  host,
}) => {
  test.setTimeout(180_000);
  await createCommunity(page, host.url);
  const meetingId = await finalizedMeeting(host);
  const dir = fs.mkdtempSync(path.join(host.dataDir, 'downloads-'));

  await page.goto(`${host.url}#/meetings/${meetingId}/minutes`);
  await expect(page.getByRole('button', { name: '会议纪要 OFD' })).toBeEnabled({ timeout: 60_000 });
  const file = (button: string) => download(page, () => page.getByRole('button', { name: button }).click(), dir);
  const pdf = await file('会议纪要 PDF');
  const ofd = await file('会议纪要 OFD');
  const noticeOfd = await file('议定事项公示 OFD');
  const archive = await file('纪要存档版（PDF/A-3b）');
  expect(path.basename(ofd)).toBe('12 月幸福议事亭议事会-会议纪要.ofd');
  expect(path.basename(archive)).toBe('12 月幸福议事亭议事会-会议纪要-存档版.pdf');
  expect(spawnSync('qpdf', ['--list-attachments', archive], { encoding: 'utf8' }).stdout).toContain('record.json');
  expect(spawnSync('pdfsig', [archive], { encoding: 'utf8' }).stdout).toContain('Signature is Valid.');

  const rendered = await renderBeside(page, pdf, ofd, dir, 'ofd-beside-pdf.png');
  await expect(rendered.ofd).toContainText('12 月幸福议事亭议事会会议纪要');
  await expect(rendered.ofd).toContainText('一、会议基本情况');
  await rendered.close();

  // Verify on the 记录 page: the OFD is read (unsealed until the community holds an SM2 seal), a damaged package is refused.
  const damaged = path.join(dir, '改过的纪要.ofd');
  const bytes = fs.readFileSync(ofd);
  bytes[6] = bytes[6]! ^ 0x01;
  fs.writeFileSync(damaged, bytes);
  await page.getByRole('link', { name: '记录' }).click();
  await page.locator('input[type=file][accept*=".ofd"]').setInputFiles([archive, noticeOfd, damaged]);
  const results = page.locator('.verify-item');
  await expect(results).toHaveCount(3);
  await expect(results.nth(0).locator('.badge')).toHaveText('有效');
  await expect(results.nth(1).locator('.badge')).toHaveText('未签名');
  await expect(results.nth(2).locator('.badge')).toHaveText('已被篡改');
  await expect(results.nth(2)).toContainText('OFD 文件的包结构被改动过');
  await page.screenshot({ path: path.join(screenshotDir, 'records-verify-ofd.png'), fullPage: true });
});

test('the office adds an SM2 CA and issues an SM2 certificate with the seal on screen; the community’s PDF shows the seal and its OFD is sealed, verified and rendered with the stamp', async ({
  page,
  host,
}) => {
  test.setTimeout(300_000);
  const office = await startHost();
  try {
    const dir = fs.mkdtempSync(path.join(host.dataDir, 'downloads-'));
    await api(office, 'subdistrict:save', { name: '当湖街道', district: '平湖市' });
    await api(office, 'identity:create', { passphrase: '当湖街道根证书2026' });
    await createCommunity(page, host.url);
    const meetingId = await finalizedMeeting(host);
    // The RSA certificate as the trust flow issues it (its screens are tested there).
    const rsa = await api(host, 'identity:request', {});
    const rsaIssued = await api(office, 'ca:issue', { fileName: rsa.fileName, data: rsa.data });
    await api(host, 'identity:installCertificate', { fileName: rsaIssued.fileName, data: rsaIssued.data });

    // The office adds its SM2 CA beside the RSA one.
    const officePage = await page.context().newPage();
    await officePage.goto(`${office.url}#/certificates`);
    await officePage.getByRole('button', { name: '创建国密根证书' }).click();
    await expect(officePage.getByRole('status').filter({ hasText: '国密根证书：当湖街道办事处' })).toBeVisible();

    // The community asks; the office sees it is an SM2 request, issues certificate and seal; the community installs.
    await page.goto(`${host.url}#/records`);
    const request = await download(
      page,
      () => page.getByRole('button', { name: '生成国密证书申请（SM2）' }).click(),
      dir,
    );
    await officePage.getByLabel('选择证书申请文件…').setInputFiles(request);
    const asked = officePage.getByRole('dialog', { name: '签发证书' });
    await expect(asked).toContainText('平湖市当湖街道东湖社区居民委员会');
    await expect(asked).toContainText('同时为该社区制作电子印章');
    const certificate = await download(officePage, () => asked.getByRole('button', { name: '签发' }).click(), dir);
    expect(path.basename(certificate)).toBe('东湖社区居民委员会-国密证书与电子印章.crt');
    await expect(officePage.getByRole('table')).toContainText('东湖社区居民委员会');
    await officePage.screenshot({ path: path.join(screenshotDir, 'certificates-sm2.png'), fullPage: true });
    await page.getByLabel('导入街道签发的证书（.crt）').setInputFiles(certificate);
    await expect(page.getByRole('status').filter({ hasText: '国密证书：东湖社区居民委员会' })).toBeVisible();
    await expect(page.getByRole('img', { name: '东湖社区居民委员会' })).toBeVisible();
    await page.screenshot({ path: path.join(screenshotDir, 'records-sm2-seal.png'), fullPage: true });

    // Sealed records, exported on screen.
    await page.goto(`${host.url}#/meetings/${meetingId}/minutes`);
    await expect(page.getByRole('button', { name: '会议纪要 OFD' })).toBeEnabled({ timeout: 60_000 });
    const file = (button: string) => download(page, () => page.getByRole('button', { name: button }).click(), dir);
    const pdf = await file('会议纪要 PDF');
    const ofd = await file('会议纪要 OFD');
    const sig = spawnSync('pdfsig', [pdf], { encoding: 'utf8' }).stdout;
    expect(sig).toContain('Signature is Valid.');
    expect(sig).toContain('Total document signed');
    expect(spawnSync('qpdf', ['--check', pdf], { encoding: 'utf8' }).stdout).toContain('No syntax or stream encoding');

    // The page with the 落款 (the stamp's page), rendered by both.
    const entries = new Map(readOfdZip(fs.readFileSync(ofd)).map((e) => [e.name, e.data.toString('latin1')]));
    const pageRef = /<ofd:StampAnnot ID="1" PageRef="(\d+)"/.exec(entries.get('Doc_0/Signs/Sign_0/Signature.xml')!)![1];
    const stampPage = Number(
      new RegExp(`<ofd:Page ID="${pageRef}" BaseLoc="Pages/Page_(\\d+)/`).exec(entries.get('Doc_0/Document.xml')!)![1],
    );
    const rendered = await renderBeside(page, pdf, ofd, dir, 'sealed-ofd-beside-pdf.png', stampPage);
    await expect(rendered.ofd).toContainText('东湖社区居民委员会');
    // ofd.js draws the seal from the SES_Signature as an image over the stamp annotation.
    await expect(rendered.ofd.locator('img, canvas, [name=seal_img_div]').first()).toBeAttached();
    await rendered.close();

    // Verified as valid here and at the office.
    await page.goto(`${host.url}#/records`);
    await page.locator('input[type=file][accept*=".ofd"]').setInputFiles([ofd, pdf]);
    const results = page.locator('.verify-item');
    await expect(results).toHaveCount(2);
    await expect(results.nth(0).locator('.badge')).toHaveText('有效');
    await expect(results.nth(0)).toContainText('东湖社区居民委员会');
    await expect(results.nth(0)).toContainText('与本机定稿纪要一致');
    await expect(results.nth(1).locator('.badge')).toHaveText('有效');
    // The PDF's SM2 seal signature, beside its RSA one.
    await expect(results.nth(1)).toContainText('国密电子印章“东湖社区居民委员会”');
    await expect(results.nth(1)).toContainText('：有效');
    const atOffice = await api(office, 'record:verify', {
      fileName: path.basename(ofd),
      data: fs.readFileSync(ofd).toString('base64'),
    });
    expect(atOffice.verdict).toBe('valid');
  } finally {
    await office.stop();
  }
});

test('an office that chose the SM2 CA at its first set-up issues the seal on screen; the community’s bundle carries the sealed OFD, which the office verifies, counts and ofd.js renders', async ({
  page,
  host: office,
}) => {
  test.setTimeout(300_000);
  const community = await startHost();
  try {
    const dir = fs.mkdtempSync(path.join(office.dataDir, 'downloads-'));

    // The office's first run: a sub-district profile, then its CA with the SM2 one chosen beside it.
    await page.goto(office.url);
    await page.getByRole('radio', { name: /街道/ }).check();
    await page.getByLabel('街道名称').fill('当湖街道');
    await page.getByLabel('所属区（县、市）').fill('平湖市');
    await page.getByRole('button', { name: '保存并开始' }).click();
    await page.getByRole('link', { name: '创建根证书 →' }).click();
    await page.getByLabel(/^签名密码/).fill('当湖街道根证书2026');
    await page.getByLabel(/^再次输入签名密码/).fill('当湖街道根证书2026');
    await page.getByLabel('同时创建国密根证书（SM2），用于为社区签发国密证书和电子印章').check();
    await page.getByRole('button', { name: '创建签名身份' }).click();
    await expect(page.getByRole('status').filter({ hasText: '国密根证书：当湖街道办事处' })).toBeVisible({
      timeout: 60_000,
    });
    await expect(page.getByRole('button', { name: '创建国密根证书' })).toHaveCount(0);

    // The community (its RSA certificate as the trust flow issues it), then its SM2 certificate and seal on screen.
    const communityPage = await page.context().newPage();
    await createCommunity(communityPage, community.url);
    const meetingId = await finalizedMeeting(community);
    const rsa = await api(community, 'identity:request', {});
    const rsaIssued = await api(office, 'ca:issue', { fileName: rsa.fileName, data: rsa.data });
    await api(community, 'identity:installCertificate', { fileName: rsaIssued.fileName, data: rsaIssued.data });
    await communityPage.goto(`${community.url}#/records`);
    const request = await download(
      communityPage,
      () => communityPage.getByRole('button', { name: '生成国密证书申请（SM2）' }).click(),
      dir,
    );
    await page.getByLabel('选择证书申请文件…').setInputFiles(request);
    const asked = page.getByRole('dialog', { name: '签发证书' });
    await expect(asked).toContainText('同时为该社区制作电子印章');
    const certificate = await download(page, () => asked.getByRole('button', { name: '签发' }).click(), dir);
    await communityPage.getByLabel('导入街道签发的证书（.crt）').setInputFiles(certificate);
    await expect(communityPage.getByRole('img', { name: '东湖社区居民委员会' })).toBeVisible();

    // The community exports the meeting's bundle on screen: the sealed OFD and the SM2 signature are in it.
    await communityPage.goto(`${community.url}#/meetings/${meetingId}/minutes`);
    const bundle = await download(
      communityPage,
      () => communityPage.getByRole('button', { name: '导出本次会议上报包' }).click(),
      dir,
    );
    const files = readZip(fs.readFileSync(bundle));
    expect(files.has('manifest.json.sm2.p7s')).toBe(true);

    // The office imports it: trusted, its sealed OFD verified and counted, and the dashboard counts the meeting.
    await page.getByRole('link', { name: '汇总' }).click();
    await page.getByLabel('选择上报包…').setInputFiles(bundle);
    await expect(page.getByRole('status').filter({ hasText: '本次导入 1 个' })).toHaveText(
      '本次导入 1 个：1 个可信，0 个签名者未知，0 个被拒收。',
      { timeout: 60_000 },
    );
    const row = page.getByRole('row').filter({ hasText: path.basename(bundle) });
    await expect(row).toContainText('可信');
    await expect(row).toContainText('含 1 份国密签章 OFD，已验证');
    await page.screenshot({ path: path.join(screenshotDir, 'collection-sm2.png'), fullPage: true });
    await page.getByRole('link', { name: '统计' }).click();
    await expect(page.locator('.kpi').filter({ hasText: '召开议事会' }).locator('.kpi-value')).toHaveText('1');

    // The OFD from inside the bundle, rendered by ofd.js beside the bundle's PDF.
    const ofd = path.join(dir, 'bundle-minutes.ofd');
    const pdf = path.join(dir, 'bundle-minutes.pdf');
    fs.writeFileSync(ofd, files.get(`meetings/${meetingId}/minutes.ofd`)!);
    fs.writeFileSync(pdf, files.get(`meetings/${meetingId}/minutes.pdf`)!);
    const rendered = await renderBeside(page, pdf, ofd, dir, 'bundle-ofd-beside-pdf.png');
    await expect(rendered.ofd).toContainText('会议纪要');
    await rendered.close();
  } finally {
    await community.stop();
    fs.rmSync(community.dataDir, { recursive: true, force: true });
  }
});
