import { createCommunity } from './fixtures';
import { api, envelopeOf, expect, test } from './host';

/**
 * In the spirit of Actual's navigation test: click every kind of link the UI has. The app page never leaves its
 * origin, the projector opens as our own page, and external addresses only go through shell:openExternal.
 */
test('links never navigate the app away; external ones go through the open-external channel', async ({
  page,
  host,
  context,
}) => {
  const origin = new URL(host.url).origin;
  const foreign: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(origin) && !request.url().startsWith('blob:') && !request.url().startsWith('data:')) {
      foreign.push(request.url());
    }
  });
  const popups: string[] = [];
  context.on('page', (popup) => popups.push(popup.url()));
  await createCommunity(page, host.url);
  const meeting = await api(host, 'meeting:create', { title: '导航检查会' });
  await api(host, 'meeting:setStatus', { id: meeting.id, status: 'in_progress' });

  // Links without a target: the sidebar, then every in-page link of the meetings page.
  for (const name of ['议题', '居民', '记录', '设置', '会议']) {
    await page.getByRole('navigation').getByRole('link', { name }).click();
    await expect(page.getByRole('navigation').getByRole('link', { name })).toHaveAttribute('aria-current', 'page');
    expect(new URL(page.url()).origin).toBe(origin);
  }
  await page.getByRole('link', { name: /导航检查会/ }).click();
  await page.getByRole('link', { name: '进入会议' }).click();
  expect(page.url()).toBe(`${origin}/#/meetings/${meeting.id}/run`);

  // A link with a target (the projector): a page of our own, never anything else.
  const [projector] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('link', { name: /投屏/ }).first().click(),
  ]);
  await projector.waitForLoadState();
  expect(projector.url()).toBe(`${origin}/#/projector/${meeting.id}`);
  await projector.close();

  // External links: a request to the main side, no navigation, no new window.
  await page.getByRole('navigation').getByRole('link', { name: '设置' }).click();
  const before = page.url();
  for (const [name, url] of [
    [/国家法律法规数据库/, 'https://flk.npc.gov.cn/'],
    [/中国政府网/, 'https://www.gov.cn/'],
  ] as const) {
    const [reply] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/shell:openExternal')),
      page.getByRole('link', { name }).click(),
    ]);
    expect(await reply.json()).toEqual({ ok: true, value: { url } });
    expect(reply.request().postDataJSON()).toEqual({ url });
  }
  expect(page.url()).toBe(before);
  expect(popups.filter((url) => !url.startsWith(origin))).toEqual([]);
  expect(foreign).toEqual([]);

  // The channel itself refuses what the OS opener must never see.
  for (const url of [
    'javascript:alert(1)',
    'file:///etc/passwd',
    'http://flk.npc.gov.cn/',
    'https://user:pw@gov.cn/',
  ]) {
    expect(await envelopeOf(host, 'shell:openExternal', { url })).toMatchObject({
      ok: false,
      error: { code: 'unsafe_link' },
    });
  }
});
