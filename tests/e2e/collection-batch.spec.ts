import { bundleFiles, type BundleManifest } from '../../shared/domain/bundle';
import { readZip, writeZip } from '../../electron/records/bundle';
import { fromP12 } from '../../electron/records/identity';
import { signDetached } from '../../electron/records/sign';
import { finalizedMeeting } from './fixtures';
import { api, expect, startHost, test } from './host';
import { drop } from './ui';

test('a folder’s worth of bundles dropped at once: progress on screen, then every file’s verdict', async ({
  page,
  host: office,
}) => {
  test.setTimeout(300_000);
  const community = await startHost();
  try {
    // The scene through the contract: an office with its CA, a community it certified, one finalized meeting.
    await api(office, 'subdistrict:save', { name: '当湖街道', district: '平湖市' });
    await api(office, 'identity:create', { passphrase: '当湖街道根证书2026' });
    await api(community, 'community:save', {
      name: '东湖社区',
      subDistrict: '当湖街道',
      district: '平湖市',
      pavilionName: '东湖幸福议事亭',
      pavilionPlace: '文化长廊',
    });
    const meetingId = await finalizedMeeting(community, 6);
    const request = await api(community, 'identity:request', {});
    const issued = await api(office, 'ca:issue', { fileName: request.fileName, data: request.data });
    await api(community, 'identity:installCertificate', { fileName: issued.fileName, data: issued.data });
    const exported = await api(community, 'bundle:export', { meetingId });
    const p12 = await api(community, 'identity:exportP12', {
      passphrase: '议事亭的樟树下签名 2026',
      password: 'e2e password',
    });
    const keys = fromP12(Buffer.from(p12.data, 'base64'), 'e2e password');

    // Twenty monthly reports of the community (each re-signed by it), one sent twice, one tampered, one no zip.
    const files = readZip(Buffer.from(exported.data, 'base64'));
    const manifest = JSON.parse(files.get(bundleFiles.manifest)!.toString('utf8')) as BundleManifest;
    const reports = [];
    for (let i = 1; i <= 20; i += 1) {
      manifest.exportedAt = new Date(Date.parse(manifest.exportedAt) + 60_000).toISOString();
      const bytes = Buffer.from(JSON.stringify(manifest));
      files.set(bundleFiles.manifest, bytes);
      files.set(bundleFiles.signature, await signDetached(bytes, keys, new Date()));
      reports.push({ name: `东湖-${String(i).padStart(2, '0')}.zip`, bytes: writeZip(files) });
    }
    const tampered = readZip(reports[0]!.bytes);
    const minutes = `meetings/${meetingId}/minutes.pdf`;
    const pdf = Buffer.from(tampered.get(minutes)!);
    const at = pdf.indexOf('/Type /Page') + 3;
    pdf[at] = pdf[at]! ^ 1;
    tampered.set(minutes, pdf);
    const dropped = [
      ...reports,
      { name: '东湖-01-副本.zip', bytes: reports[0]!.bytes },
      { name: '东湖-改过.zip', bytes: writeZip(tampered) },
      { name: '说明.zip', bytes: Buffer.from('这不是上报包') },
    ];

    await page.goto(office.url);
    await expect(page.getByRole('heading', { name: '汇总上报包' })).toBeVisible();
    // Hold the first batch at the door until its progress has been seen: what the secretary would read.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/collection:importMany', async (route) => {
      await held;
      await route.continue();
    });
    await drop(
      page,
      dropped.map((f) => ({ ...f, type: 'application/zip' })),
    );
    await expect(page.getByRole('status').filter({ hasText: '正在核验并导入' })).toHaveText(
      '正在核验并导入 0/23：东湖-01.zip',
    );
    release();
    await expect(page.getByRole('status').filter({ hasText: '本次导入' })).toHaveText(
      '本次导入 23 个：20 个可信，0 个签名者未知，3 个被拒收。',
      { timeout: 120_000 },
    );
    const verdicts = page.getByRole('list', { name: '本次导入的核验结果' }).getByRole('listitem');
    await expect(verdicts).toHaveCount(23);
    await expect(verdicts.nth(0)).toHaveText(/^东湖-01\.zip 可信$/);
    await expect(verdicts.nth(19)).toHaveText(/^东湖-20\.zip 可信$/);
    await expect(verdicts.nth(20)).toContainText('东湖-01-副本.zip 拒收这个上报包已经导入过');
    await expect(verdicts.nth(21)).toContainText('东湖-改过.zip 拒收文件的 SHA-256 与清单不符');
    await expect(verdicts.nth(22)).toContainText('说明.zip 拒收');

    // Counted once: the latest of the twenty reports of the same meeting.
    await page.getByRole('link', { name: '统计' }).click();
    await expect(page.locator('.kpi').filter({ hasText: '召开议事会' }).locator('.kpi-value')).toHaveText('1');
  } finally {
    await community.stop();
  }
});
