import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Locale } from '../../shared/locale';
import { createCommunity, finalizedMeeting, seedMeeting } from './fixtures';
import { api, expect, test, type RunningHost } from './host';

/**
 * axe-core over every screen, in both languages: no serious or critical violation of WCAG 2.1 A/AA.
 * Each screen is reached as the secretary reaches it (an address or a click), its data set up through the contract.
 */
async function audit(page: Page, screen: string) {
  await page.waitForLoadState('networkidle');
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const grave = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  expect.soft(grave, `${screen}: axe found`).toEqual([]);
}

const locales: Locale[] = ['zh-CN', 'en'];
const roster = path.join('tests', 'fixtures', 'rosters', '东湖社区居民花名册.xlsx');

async function inLocale(host: RunningHost, page: Page, locale: Locale) {
  await api(host, 'settings:setLocale', { locale });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
}

for (const locale of locales) {
  test.describe(`axe · ${locale}`, () => {
    test('first run, the start failure screen', async ({ page, host }) => {
      await page.goto(host.url);
      await inLocale(host, page, locale);
      await expect(page.locator('.first-run-card')).toBeVisible();
      await audit(page, 'first run');
      await page.getByRole('radio').nth(1).check();
      await audit(page, 'first run (sub-district)');
      await page.route('**/api/app:status', (route) => route.fulfill({ status: 502, body: '' }));
      await page.reload();
      await expect(page.getByRole('alert')).toBeVisible();
      await audit(page, 'start failed');
    });

    test('a community: meetings, plan, minutes, residents, topics, follow-up, records, settings', async ({
      page,
      host,
    }) => {
      test.setTimeout(180_000);
      await createCommunity(page, host.url);
      const closed = await finalizedMeeting(host);
      const draft = await api(host, 'meeting:create', {
        title: '1 月议事会',
        scheduledAt: '2027-01-09T19:00',
        place: '文化长廊',
      });
      await api(host, 'agenda:add', { meetingId: draft.id, kind: 'custom', title: '楼道堆物清理', plannedMinutes: 15 });
      const topics = await api(host, 'topic:list', {});
      await inLocale(host, page, locale);

      const visit = async (hash: string, screen: string, ready: () => Promise<void>) => {
        await page.goto(`${host.url}${hash}`);
        await ready();
        await audit(page, screen);
      };
      const heading = () => expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      await visit('#/meetings', 'meetings list', heading);
      await page
        .getByRole('button', { name: locale === 'en' ? 'New meeting' : '新建会议' })
        .first()
        .click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: locale === 'en' ? 'Open calendar' : '打开日历' })
        .click();
      await audit(page, 'new meeting dialog with its calendar');
      await visit(`#/meetings/${draft.id}`, 'meeting plan', heading);
      await visit(`#/meetings/${closed}`, 'closed meeting', heading);
      await visit(`#/meetings/${closed}/minutes`, 'final minutes', heading);
      await visit('#/residents', 'residents', heading);
      await page
        .getByRole('dialog')
        .waitFor({ state: 'detached' })
        .catch(() => undefined);
      await page.getByRole('button', { name: locale === 'en' ? 'Import roster' : '导入名册' }).click();
      await page.getByRole('dialog').locator('input[type=file]').setInputFiles(roster);
      await expect(page.getByRole('dialog').getByRole('table').first()).toBeVisible();
      await audit(page, 'roster import dialog');
      await visit('#/topics', 'topics', heading);
      await visit(`#/topics/${topics[0]!.id}`, 'topic', heading);
      await visit('#/followup', 'follow-up', heading);
      await visit('#/records', 'records', heading);
      await visit('#/settings', 'settings', heading);
    });

    test('minutes draft', async ({ page, host }) => {
      await createCommunity(page, host.url);
      const id = await seedMeeting(host);
      await api(host, 'meeting:setStatus', { id, status: 'closed' });
      await inLocale(host, page, locale);
      await page.goto(`${host.url}#/meetings/${id}/minutes`);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      await audit(page, 'minutes draft');
    });

    test('the running meeting (check-in)', async ({ page, host }) => {
      await createCommunity(page, host.url);
      const id = await seedMeeting(host);
      await inLocale(host, page, locale);
      await page.goto(`${host.url}#/meetings/${id}/run`);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      await audit(page, 'run (check-in)');
    });

    test('the projector', async ({ page, host }) => {
      await createCommunity(page, host.url);
      const id = await seedMeeting(host);
      await inLocale(host, page, locale);
      await page.goto(`${host.url}#/projector/${id}`);
      await expect(page.getByText('东门划线停车方案').first()).toBeVisible();
      await audit(page, 'projector');
      await api(host, 'meeting:setStatus', { id, status: 'closed' });
      await page.reload();
      await expect(page.getByText(locale === 'en' ? /ended/i : '会议已结束').first()).toBeVisible();
      await audit(page, 'projector after the close');
    });

    test('a sub-district office: collection, statistics, search, certificates, settings', async ({ page, host }) => {
      await page.goto(host.url);
      await page.getByRole('radio').nth(1).check();
      await page.getByLabel('街道名称').fill('当湖街道');
      await page.getByLabel('所属区（县、市）').fill('平湖市');
      await page.getByRole('button', { name: '保存并开始' }).click();
      await page.getByRole('navigation').waitFor();
      await inLocale(host, page, locale);
      for (const hash of ['#/collection', '#/dashboard', '#/search', '#/certificates', '#/settings']) {
        await page.goto(`${host.url}${hash}`);
        await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
        await audit(page, hash);
      }
    });
  });
}
