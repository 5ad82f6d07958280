import path from 'node:path';
import type { Page } from '@playwright/test';
import { createCommunity } from './fixtures';
import { api, expect, screenshotDir, test } from './host';
import { lineCount, pageWidth } from './ui';

async function collect(
  page: Page,
  topic: { title: string; source: string; raisedBy: string; category: string; level: string },
) {
  await page.getByRole('button', { name: '收集议题' }).click();
  const dialog = page.getByRole('dialog', { name: '收集议题' });
  await dialog.getByRole('textbox', { name: '议题', exact: true }).fill(topic.title);
  await dialog.getByLabel('情况描述').fill(`${topic.title}，居民反映强烈。`);
  await dialog.getByLabel('来源').selectOption({ label: topic.source });
  await dialog.getByLabel('提出人').fill(topic.raisedBy);
  await dialog.getByLabel('类别').fill(topic.category);
  await dialog.getByLabel(topic.level).check();
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
}

test('collect three topics, triage them, consult and attach a photo', async ({ page, host }) => {
  await createCommunity(page, host.url);
  await page.getByRole('navigation').getByRole('link', { name: '议题' }).click();
  await expect(page.getByText('议题库是空的')).toBeVisible();

  await collect(page, {
    title: '3 号楼加装电梯',
    source: '居民提议',
    raisedBy: '王堃（3-2-301）',
    category: '加装电梯',
    level: '大事（社区/议事亭）',
  });
  await collect(page, {
    title: '东门口电动车乱停',
    source: '网格员上报',
    raisedBy: '网格员 李喆',
    category: '停车交通',
    level: '小事（楼组/网格）',
  });
  await collect(page, {
    title: '小区外河道黑臭',
    source: '12345/热线转办',
    raisedBy: '',
    category: '环境卫生',
    level: '难事（需街道）',
  });
  await collect(page, {
    title: '3号楼电梯加装',
    source: '人民建议征集',
    raisedBy: '赵赟',
    category: '加装电梯',
    level: '大事（社区/议事亭）',
  });
  await expect(page.getByText('4 个议题')).toBeVisible();

  // Bulk-accept two, escalate the river (a reason is required), mark the repeat as a duplicate.
  await page.getByLabel('选择“3 号楼加装电梯”').check();
  await page.getByLabel('选择“东门口电动车乱停”').check();
  await page.getByRole('toolbar', { name: '批量处理' }).getByRole('button', { name: '受理', exact: true }).click();
  await page.getByRole('dialog', { name: '受理为议题' }).getByRole('button', { name: '确定' }).click();
  await expect(page.getByRole('row', { name: /东门口电动车乱停/ })).toContainText('已受理');

  await page.getByLabel('选择“小区外河道黑臭”').check();
  await page.getByRole('toolbar', { name: '批量处理' }).getByRole('button', { name: '上报街道' }).click();
  const escalate = page.getByRole('dialog', { name: '上报街道' });
  await escalate.getByLabel('理由').fill('涉及河道治理，需街道协调水利部门');
  await escalate.getByRole('button', { name: '确定' }).click();
  await expect(page.getByRole('row', { name: /小区外河道黑臭/ })).toContainText('已上报街道');

  await page.getByLabel('选择“3号楼电梯加装”').check();
  await page.getByRole('toolbar', { name: '批量处理' }).getByRole('button', { name: '标记为重复' }).click();
  const duplicate = page.getByRole('dialog', { name: '标记为重复' });
  await duplicate.getByLabel('与哪个议题重复').selectOption({ label: '#1 3 号楼加装电梯' });
  await duplicate.getByRole('button', { name: '确定' }).click();
  await expect(page.getByRole('row', { name: /3号楼电梯加装/ })).toContainText('不予受理');

  // Filter the triage view by level.
  await page.getByLabel('层级').selectOption({ label: '难事（需街道）' });
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await page.getByLabel('层级').selectOption({ label: '全部层级' });
  await expect(page.locator('tbody tr')).toHaveCount(4);
  await page.screenshot({ path: path.join(screenshotDir, 'topics-triage.zh-CN.png') });

  // An illegal move is not offered; the consultation and a photo are recorded on the topic page.
  await page.getByRole('link', { name: '3 号楼加装电梯' }).click();
  await expect(page.getByRole('heading', { name: /3 号楼加装电梯/ })).toContainText('已受理');
  await expect(page.getByRole('button', { name: '受理', exact: true })).toHaveCount(0);
  await page.getByLabel('涉及户数').fill('18');
  await page.getByLabel('意见摘要').fill('18 户中 15 户同意加装，2 户一楼住户担心采光');
  await page.getByRole('button', { name: '记录协商' }).click();
  await expect(page.getByText('已征求 18 户意见')).toBeVisible();
  const photo = await page.screenshot({ clip: { x: 0, y: 0, width: 320, height: 240 } });
  await page.getByLabel('添加照片').setInputFiles({ name: '楼道现状.png', mimeType: 'image/png', buffer: photo });
  await expect(page.getByRole('img', { name: '楼道现状.png' })).toBeVisible();
  await page
    .getByLabel('添加照片')
    .setInputFiles({ name: '说明.txt', mimeType: 'image/png', buffer: Buffer.from('not a picture') });
  await expect(page.getByRole('alert')).toHaveText('“说明.txt”不是 JPEG、PNG 或 WebP 图片。');
  await expect(page.locator('.timeline li')).toHaveCount(4);
  await page.screenshot({ path: path.join(screenshotDir, 'topic-detail.zh-CN.png'), fullPage: true });
});

for (const viewport of [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
]) {
  test(`the topic pool at ${viewport.width}×${viewport.height}: one filter row, Chinese dates, long titles, referrals, declined topics`, async ({
    page,
    host,
  }) => {
    await page.setViewportSize(viewport);
    await createCommunity(page, host.url);
    for (const [i, category] of ['停车交通', '环境卫生', '加装电梯', '物业服务', '小区自定义类别'].entries())
      await api(host, 'topic:create', {
        title: `东门口电动车乱停乱放，充电线从楼上拉下来，存在消防隐患 ${i + 1}`,
        description: '',
        source: 'grid_worker',
        raisedBy: '网格员 李喆',
        raisedOn: '2026-11-20',
        category,
        level: 'big',
        building: '',
        lane: '',
      });
    await page.getByRole('navigation').getByRole('link', { name: '议题' }).click();

    // The search and the four filters share one row; the list starts above the fold.
    const filters = page.getByRole('search');
    const tops = await Promise.all(
      [filters.getByRole('searchbox'), ...(await filters.getByRole('combobox').all())].map(
        async (control) => (await control.boundingBox())!.y,
      ),
    );
    expect(new Set(tops).size).toBe(1);
    const firstRow = page.locator('tbody tr').first();
    expect((await firstRow.boundingBox())!.y).toBeLessThan(300);
    // Dates read as Chinese and never wrap.
    const date = firstRow.getByRole('cell', { name: '2026年11月20日' });
    await expect(date).toBeVisible();
    expect(await lineCount(date)).toBe(1);
    expect(await lineCount(page.getByRole('row', { name: /隐患 1/ }).getByRole('cell', { name: '停车交通' }))).toBe(1);
    await page.screenshot({ path: path.join(screenshotDir, `topics.${viewport.width}.png`) });

    // A 500-character complaint pasted as the title is not cut silently: the app says so and keeps the rest.
    const complaint = '12345 转办：'.padEnd(500, '东门口电动车乱停，晚上充电线从三楼窗口拉下来，');
    await page.getByRole('button', { name: '收集议题' }).click();
    const dialog = page.getByRole('dialog', { name: '收集议题' });
    await dialog.getByRole('textbox', { name: '议题', exact: true }).fill(complaint);
    await expect(dialog.getByText('议题标题最多 100 字，现在有 500 字。')).toBeVisible();
    await dialog.getByLabel('类别').fill('停车交通');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('议题标题最多 100 字，现在有 500 字。');
    await dialog.getByRole('button', { name: '截短标题，全文放入情况描述' }).click();
    await expect(dialog.getByLabel('情况描述')).toHaveValue(complaint);
    await expect(dialog.getByText('还可输入 0 字')).toBeVisible();
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('6 个议题')).toBeVisible();

    // 转部门 asks which department, and the topic says where it went.
    await page.getByLabel('选择“东门口电动车乱停乱放，充电线从楼上拉下来，存在消防隐患 1”').check();
    await page.getByRole('toolbar', { name: '批量处理' }).getByRole('button', { name: '转部门' }).click();
    const refer = page.getByRole('dialog', { name: '转职能部门办理' });
    await refer.getByLabel('理由').fill('涉及消防安全，需专业部门处理');
    await refer.getByRole('button', { name: '确定' }).click();
    await expect(refer.getByLabel('转交部门')).toBeFocused();
    await refer.getByLabel('转交部门').fill('消防救援');
    await refer.getByRole('button', { name: '确定' }).click();
    await expect(refer).toBeHidden();
    await page.getByRole('link', { name: /存在消防隐患 1$/ }).click();
    await expect(page.getByText('转职能部门办理 → 消防救援')).toBeVisible();
    await page.goBack();

    // A declined topic offers neither a consultation nor a case write-up.
    await page.getByLabel('选择“东门口电动车乱停乱放，充电线从楼上拉下来，存在消防隐患 2”').check();
    await page.getByRole('toolbar', { name: '批量处理' }).getByRole('button', { name: '不予受理' }).click();
    const decline = page.getByRole('dialog', { name: '不予受理' });
    await decline.getByLabel('理由').fill('属于私人纠纷，已告知当事人走调解');
    await decline.getByRole('button', { name: '确定' }).click();
    await page.getByRole('link', { name: /存在消防隐患 2$/ }).click();
    await expect(page.getByRole('heading', { name: /存在消防隐患 2/ })).toContainText('不予受理');
    await expect(page.getByRole('link', { name: '撰写典型案例' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: '记录协商' })).toHaveCount(0);
    await expect(page.getByText('这个议题当前不需要会前协商。')).toBeVisible();
    await page.screenshot({ path: path.join(screenshotDir, `topic-declined.${viewport.width}.png`), fullPage: true });

    // In English the usual categories are English; a community's own stays as typed.
    await page.getByRole('navigation').getByRole('link', { name: '设置' }).click();
    await page.getByRole('combobox', { name: '界面语言' }).first().selectOption('en');
    await page.getByRole('navigation').getByRole('link', { name: 'Topics' }).click();
    await expect(page.getByRole('cell', { name: 'Parking and traffic' }).first()).toBeVisible();
    await expect(page.getByRole('cell', { name: '小区自定义类别' })).toBeVisible();
    await expect(page.getByRole('cell', { name: '20 Nov 2026' }).first()).toBeVisible();
    expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
  });
}
