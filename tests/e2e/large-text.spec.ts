import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { createCommunity, finalizedMeeting } from './fixtures';
import { api, expect, screenshotDir, test } from './host';
import { pageWidth } from './ui';

type Measured = { font: number; lineHeight: number; small: string[]; clipped: string[] };

/**
 * Body text size and line spacing of the screen's running text, every visible control under 44 px high, and
 * every empty field whose placeholder does not fit (an input does not scroll for its placeholder, so the
 * placeholder is put in as the value for a moment and its scrollWidth compared with its clientWidth).
 */
const measure = (page: Page) =>
  page.evaluate<Measured>(() => {
    type Box = { width: number; height: number };
    type Element = {
      tagName: string;
      value: string;
      placeholder: string;
      scrollWidth: number;
      clientWidth: number;
      textContent: string | null;
      getAttribute(name: string): string | null;
      getBoundingClientRect(): Box;
    };
    const doc = (
      globalThis as unknown as {
        document: { querySelector(s: string): Element; querySelectorAll(s: string): Element[] };
      }
    ).document;
    const view = globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string; lineHeight: string } };
    const body = view.getComputedStyle(doc.querySelector('.content'));
    const small: string[] = [];
    for (const e of doc.querySelectorAll(
      '.content button, .content select, .content input:not([type=checkbox]):not([type=radio]):not([type=file]), .sidebar a',
    )) {
      const box = e.getBoundingClientRect();
      if (box.width > 0 && box.height > 0 && box.height < 44)
        small.push(
          `${e.tagName} "${(e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 20)}" ${Math.round(box.height)}px`,
        );
    }
    const clipped: string[] = [];
    for (const e of doc.querySelectorAll('.content input[placeholder]:placeholder-shown')) {
      if (e.getBoundingClientRect().width === 0) continue;
      e.value = e.placeholder;
      if (e.scrollWidth > e.clientWidth) clipped.push(`"${e.placeholder}" ${e.scrollWidth} > ${e.clientWidth}px`);
      e.value = '';
    }
    return {
      clipped,
      font: parseFloat(body.fontSize),
      lineHeight: parseFloat(body.lineHeight) / parseFloat(body.fontSize),
      small,
    };
  });

for (const viewport of [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
]) {
  test(`大字模式 at ${viewport.width}×${viewport.height}: 24 px text, 1.5 line spacing, 44 px targets, 4.5:1 contrast, no sideways scroll`, async ({
    page,
    host,
  }) => {
    test.setTimeout(180_000);
    await page.setViewportSize(viewport);
    await createCommunity(page, host.url);
    const closed = await finalizedMeeting(host);
    const draft = await api(host, 'meeting:create', {
      title: '1 月议事会',
      scheduledAt: '2027-01-09T19:00',
      place: '文化长廊',
    });
    // A door in use: 未到 by building, people signed in, a proxy, a guest.
    const door = await api(host, 'meeting:create', { title: '2 月议事会', scheduledAt: '2027-02-06T19:00' });
    await api(host, 'meeting:plan', {
      id: door.id,
      host: '',
      recorder: '',
      durationMinutes: 90,
      expectedAttendance: null,
      invitedRoles: ['居民代表'],
      invitedParties: [],
      invitedResidentIds: [],
      quorumKind: 'fraction',
      quorumValue: 0.5,
    });
    const residents = (await api(host, 'resident:search', { query: '', limit: 4 })).items;
    for (const person of residents.slice(0, 3))
      await api(host, 'attendance:checkIn', { meetingId: door.id, residentId: person.id });
    const [holder] = await api(host, 'attendance:list', { id: door.id });
    await api(host, 'attendance:proxy', {
      meetingId: door.id,
      holderAttendanceId: holder!.id,
      absentResidentId: residents[3]!.id,
    });
    await api(host, 'attendance:addGuest', {
      meetingId: door.id,
      name: '张律师',
      organisation: '平湖律师事务所',
      role: '法律顾问',
    });

    // Off, then on from the frame; remembered across a reload.
    const toggle = page.getByRole('navigation').getByRole('button', { name: '大字模式' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect((await measure(page)).font).toBe(15);
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await page.reload();
    await expect(page.getByRole('navigation').getByRole('button', { name: '大字模式' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    const screens = [
      '#/meetings',
      `#/meetings/${draft.id}`,
      `#/meetings/${draft.id}/run`,
      `#/meetings/${door.id}/run`,
      `#/meetings/${closed}/minutes`,
      '#/topics',
      '#/followup',
      '#/residents',
      '#/records',
      '#/settings',
    ];
    for (const hash of screens) {
      await page.goto(`${host.url}${hash}`);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      await page.waitForLoadState('networkidle');
      const measured = await measure(page);
      expect.soft(measured.font, `${hash}: body text`).toBeGreaterThanOrEqual(24);
      expect.soft(measured.lineHeight, `${hash}: line spacing`).toBeGreaterThanOrEqual(1.3);
      expect.soft(measured.small, `${hash}: controls under 44 px`).toEqual([]);
      expect.soft(measured.clipped, `${hash}: placeholders cut off`).toEqual([]);
      expect.soft(await pageWidth(page), `${hash}: page width`).toBeLessThanOrEqual(viewport.width);
      const { violations } = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
      expect
        .soft(
          violations.flatMap((v) => v.nodes.map((n) => n.target.join(' '))),
          `${hash}: contrast`,
        )
        .toEqual([]);
      await page.screenshot({
        path: path.join(screenshotDir, `large-text-${hash.replace(/\W+/g, '-')}-${viewport.width}.png`),
      });
    }

    // Off again from settings.
    await page.goto(`${host.url}#/settings`);
    await page.getByRole('main').getByRole('button', { name: '大字模式' }).click();
    await expect(page.locator('html')).not.toHaveAttribute('data-text', 'large');
    expect((await measure(page)).font).toBe(15);
  });
}
