import { describe, expect, it } from 'vitest';
import { fakeEvent, type FakeWindow } from './fake-electron';
import { shellsPerTest, until } from './load-shell';

const shells = shellsPerTest();
const shell = () => shells.run({ displays: [{ x: 0, y: 0, width: 1366, height: 768 }] });

/** Both our windows: every webContents gets the same handlers when it is created. */
async function bothWindows() {
  const running = await shell();
  running.main.webContents.openHandler!({ url: 'app://yishiting/index.html#/projector/1' } as Electron.HandlerDetails);
  const windows = await until(() => running.fake.windows().length === 2 && running.fake.windows(), 'the projector');
  return { ...running, windows };
}

function navigate(window: FakeWindow, event: 'will-navigate' | 'will-redirect', url: string) {
  const e = fakeEvent({ url });
  window.webContents.emit(event, e, url);
  return e.defaultPrevented;
}

describe('a window never leaves the app', () => {
  it('prevents navigation and redirects away from app://, in the main window and the projector', async () => {
    const { windows } = await bothWindows();
    for (const window of windows) {
      for (const url of [
        'https://evil.example/',
        'http://127.0.0.1:4710/',
        'file:///etc/passwd',
        'app://evil/index.html',
        'app://yishiting.evil.example/',
        'javascript:alert(1)',
        'data:text/html,<script>1</script>',
      ]) {
        expect(navigate(window, 'will-navigate', url), url).toBe(true);
        expect(navigate(window, 'will-redirect', url), url).toBe(true);
      }
      expect(navigate(window, 'will-navigate', 'app://yishiting/index.html#/meetings/2')).toBe(false);
      const webview = fakeEvent();
      window.webContents.emit('will-attach-webview', webview, {}, {});
      expect(webview.defaultPrevented).toBe(true);
    }
  });

  it('a plainly clicked https link opens in the system browser; nothing else reaches the OS', async () => {
    const { fake, main } = await shell();
    navigate(main, 'will-navigate', 'https://www.gov.cn/zhengce/');
    navigate(main, 'will-navigate', 'http://www.gov.cn/');
    navigate(main, 'will-navigate', 'file:///C:/Windows/System32/calc.exe');
    navigate(main, 'will-redirect', 'https://redirected.example/');
    expect(fake.opened).toEqual(['https://www.gov.cn/zhengce/']);
  });

  it('window.open: only the projector opens (as our own window); https goes out, the rest nowhere', async () => {
    const { fake, main } = await shell();
    const open = (url: string) => main.webContents.openHandler!({ url } as Electron.HandlerDetails);
    for (const url of [
      'https://flk.npc.gov.cn/',
      'http://flk.npc.gov.cn/',
      'javascript:alert(1)',
      'app://yishiting/index.html#/meetings/1',
      'app://evil/#/projector/1',
      'smb://server/share',
    ]) {
      expect(open(url), url).toEqual({ action: 'deny' });
    }
    expect(fake.windows()).toHaveLength(1);
    expect(fake.opened).toEqual(['https://flk.npc.gov.cn/']);
    expect(open('app://yishiting/index.html#/projector/4')).toEqual({ action: 'deny' });
    expect(fake.windows().map((w) => w.webContents.getURL())).toEqual([
      'app://yishiting/index.html',
      'app://yishiting/index.html#/projector/4',
    ]);
  });

  it('the open-external channel hands only validated https links to the OS', async () => {
    const { fake, bridge } = await shell();
    expect(await bridge['shell:openExternal']!({ url: 'https://www.gov.cn/' })).toEqual({
      ok: true,
      value: { url: 'https://www.gov.cn/' },
    });
    for (const url of ['http://www.gov.cn/', 'file:///etc/passwd', 'https://user:pw@www.gov.cn/', 'ms-msdt:/id x']) {
      expect(await bridge['shell:openExternal']!({ url }), url).toMatchObject({
        ok: false,
        error: { code: 'unsafe_link' },
      });
    }
    expect(fake.opened).toEqual(['https://www.gov.cn/']);
  });
});

describe('permissions', () => {
  it('denies every permission request and check', async () => {
    const { fake, main } = await shell();
    const session = fake.defaultSession;
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'fullscreen',
      'openExternal',
    ]) {
      const answers: boolean[] = [];
      session.permissionRequest!(main.webContents as never, permission as never, (granted) => answers.push(granted), {
        requestingUrl: 'app://yishiting/index.html',
      } as never);
      expect(answers, permission).toEqual([false]);
      expect(
        session.permissionCheck!(main.webContents as never, permission as never, 'app://yishiting', {} as never),
        permission,
      ).toBe(false);
    }
  });
});
