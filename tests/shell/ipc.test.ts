import { describe, expect, it } from 'vitest';
import { channels, type AppEvent } from '../../shared/contract';
import type { FakeFrame } from './fake-electron';
import { loadPreload, shellsPerTest, until, type Bridge } from './load-shell';

const shell = shellsPerTest().run;

describe('the IPC binding and the preload bridge, as built', () => {
  it('binds every contract channel exactly once, and nothing else', async () => {
    const { fake } = await shell();
    expect([...fake.ipcHandlers.keys()].sort()).toEqual([...channels].sort());
  });

  it('the preload requires only electron and exposes one function per channel plus onEvent, no generic invoke', async () => {
    const { page, bridge } = await shell();
    expect(page.required).toEqual(['electron']);
    expect([...page.exposed.keys()]).toEqual(['yishi']);
    expect(Object.keys(bridge).sort()).toEqual([...channels, 'onEvent'].sort());
    expect(Object.values(bridge).every((value) => typeof value === 'function')).toBe(true);
  });

  it('each bridge function calls its own channel with the input as given', async () => {
    const { fake, bridge } = await shell();
    const seen: [string, unknown][] = [];
    for (const channel of channels) {
      fake.ipcHandlers.set(channel, (_event, input) => seen.push([channel, input]));
    }
    for (const channel of channels) await bridge[channel]!({ probe: channel });
    expect(seen).toEqual(channels.map((channel) => [channel, { probe: channel }]));
  });

  it('answers through the same guard as the browser host, and pushes changes to every window', async () => {
    const { fake, main, bridge } = await shell();
    const events: AppEvent[] = [];
    const stop = (bridge.onEvent as unknown as (listener: (event: AppEvent) => void) => () => void)((event) =>
      events.push(event),
    );
    expect(await bridge['app:status']!({})).toMatchObject({ ok: true, value: { state: 'ready', hasCommunity: false } });
    expect(await bridge['meeting:list']!({ extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await bridge['settings:setLocale']!({ locale: 'en' });
    await until(() => events.length > 0, 'the pushed event');
    expect(events).toEqual([{ type: 'locale:changed', locale: 'en' }]);
    expect(main.webContents.sent.map((s) => s.channel)).toContain('yishi:event');
    stop();
    await bridge['settings:setLocale']!({ locale: 'zh-CN' });
    expect(events).toHaveLength(1);
    expect(fake.windows()).toHaveLength(1);
  });

  describe('refuses callers that are not our own top frame', () => {
    const status = (bridge: Bridge) => bridge['app:status']!({});
    const forbidden = { ok: false, error: { code: 'forbidden' } };

    it('a subframe of our window, even on app://', async () => {
      const { fake, main } = await shell();
      const top = main.webContents.mainFrame;
      const subframe: FakeFrame = { ...top, routingId: 2, parent: top };
      expect(await status(loadPreload(fake, main, subframe).bridge)).toMatchObject(forbidden);
    });

    it('a frame of a foreign origin', async () => {
      const { fake, main } = await shell();
      const foreign: FakeFrame = { ...main.webContents.mainFrame, url: 'https://evil.example/' };
      expect(await status(loadPreload(fake, main, foreign).bridge)).toMatchObject(forbidden);
    });

    it('a frame that has navigated away since it sent the call', async () => {
      const { fake, main } = await shell();
      const old: FakeFrame = { ...main.webContents.mainFrame, detached: true };
      expect(await status(loadPreload(fake, main, old).bridge)).toMatchObject(forbidden);
      const replaced: FakeFrame = { ...main.webContents.mainFrame, processId: 999 };
      expect(await status(loadPreload(fake, main, replaced).bridge)).toMatchObject(forbidden);
    });

    it('a window that is no longer ours (closed while the projector stays open)', async () => {
      const { fake, main } = await shell();
      const { bridge } = loadPreload(fake, main);
      main.webContents.openHandler!({ url: 'app://yishiting/index.html#/projector/1' } as Electron.HandlerDetails);
      main.close();
      expect(fake.windows().map((w) => w.options.title)).toEqual(['议事亭 · 投屏']);
      expect(await status(bridge)).toMatchObject(forbidden);
    });

    it('nothing at all once the app quits (no handler is left to reach a closed database)', async () => {
      const { fake, bridge } = await shell();
      fake.electron.app.quit();
      expect(fake.ipcHandlers.size).toBe(0);
      await expect(status(bridge)).rejects.toThrow(/No handler registered/);
    });
  });
});
