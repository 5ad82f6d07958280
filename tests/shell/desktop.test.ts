import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openedFileLimit, type OpenedFile } from '../../shared/app-files';
import { menuTemplate } from '../../electron/shell/menu';
import { shellTexts } from '../../electron/shell/texts';
import { FakeDownloadItem, fakeEvent } from './fake-electron';
import { loadPreload, shellsPerTest, until } from './load-shell';

const shells = shellsPerTest();
const shell = shells.run;

function someFiles(dir: string) {
  const bundle = path.join(dir, '东湖社区-上报包-2026年11月.ysbundle');
  const receipt = path.join(dir, '回执.ysreceipt');
  fs.writeFileSync(bundle, 'PK\u0003\u0004 bundle');
  fs.writeFileSync(receipt, 'receipt');
  return { bundle, receipt };
}
const taken = async (bridge: Awaited<ReturnType<typeof shell>>['bridge']) =>
  ((await bridge['shell:openedFiles']!({})) as { value: OpenedFile[] }).value;

describe('opening the app’s files from the OS', () => {
  it('a double-click while the app runs reaches the running window: focused, told, handed the bytes once', async () => {
    const { fake, main, bridge } = await shell();
    const { bundle, receipt } = someFiles(fake.userData);
    main.minimize();
    const argv = ['/opt/议事亭/yishiting', '--allow-file-access-from-files', bundle, 'notes.txt', receipt];
    fake.emitApp('second-instance', fakeEvent(), argv, fake.userData, {});
    expect(main.isMinimized()).toBe(false);
    expect(fake.log).toContain('focus 议事亭');
    expect(main.webContents.sent.at(-1)).toEqual({ channel: 'yishi:event', args: [{ type: 'files:opened' }] });
    expect(await taken(bridge)).toEqual([
      {
        fileName: path.basename(bundle),
        data: Buffer.from('PK\u0003\u0004 bundle').toString('base64'),
      },
      { fileName: '回执.ysreceipt', data: Buffer.from('receipt').toString('base64') },
    ]);
    expect(await taken(bridge)).toEqual([]);
  });

  it('a relative path is read from the second instance’s working directory; a huge file is named, not read', async () => {
    const { fake, bridge } = await shell();
    someFiles(fake.userData);
    const huge = path.join(fake.userData, 'huge.ysbundle');
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, openedFileLimit + 1);
    fake.emitApp('second-instance', fakeEvent(), ['yishiting', '回执.ysreceipt', huge], fake.userData, {});
    expect(await taken(bridge)).toEqual([
      { fileName: '回执.ysreceipt', data: Buffer.from('receipt').toString('base64') },
      { fileName: 'huge.ysbundle', data: null },
    ]);
  });

  it('the file a first start was launched with, and macOS open-file before ready, wait for the page', async () => {
    const fake = shells.start();
    const { bundle, receipt } = someFiles(fake.userData);
    const early = fakeEvent();
    fake.emitApp('open-file', early, receipt);
    expect(early.defaultPrevented).toBe(true);
    const argv = process.argv;
    process.argv = ['/opt/议事亭/yishiting', bundle];
    try {
      await fake.ready();
      await until(() => fake.windows()[0]);
    } finally {
      process.argv = argv;
    }
    const { bridge } = loadPreload(fake, fake.windows()[0]!);
    expect((await taken(bridge)).map((file) => file.fileName)).toEqual(['回执.ysreceipt', path.basename(bundle)]);
  });

  it('文件 → 打开 shows the native open dialog and routes the choice the same way', async () => {
    const { fake, bridge } = await shell();
    const { bundle } = someFiles(fake.userData);
    fake.dialogAnswers.push({ canceled: false, filePaths: [bundle] });
    const file = fake.menu()!.find((menu) => menu.label === '文件')!;
    const open = (file.submenu as Electron.MenuItemConstructorOptions[]).find((item) => item.label === '打开文件…')!;
    expect(open.accelerator).toBe('CmdOrCtrl+O');
    (open.click as () => void)();
    await until(() => fake.log.includes('dialog.showOpenDialog 打开议事亭文件'));
    await until(() => fake.windows()[0]!.webContents.sent.length > 0, 'the files:opened push');
    expect((await taken(bridge)).map((f) => f.fileName)).toEqual([path.basename(bundle)]);
  });
});

describe('the application menu', () => {
  const labels = (menu: Electron.MenuItemConstructorOptions[]) =>
    menu.map((item) => [
      item.label,
      ((item.submenu ?? []) as Electron.MenuItemConstructorOptions[])
        .filter((sub) => sub.type !== 'separator')
        .map((sub) => `${sub.label}${sub.accelerator ? ` ${sub.accelerator}` : ''}`),
    ]);

  it('is Chinese, with the shortcuts people know, and follows the language setting', async () => {
    const { fake, bridge } = await shell();
    expect(labels(fake.menu()!)).toEqual([
      ['文件', ['打开文件… CmdOrCtrl+O', '关闭窗口 CmdOrCtrl+W', '退出议事亭 Ctrl+Q']],
      [
        '编辑',
        [
          '撤销 CmdOrCtrl+Z',
          '重做 Ctrl+Y',
          '剪切 CmdOrCtrl+X',
          '复制 CmdOrCtrl+C',
          '粘贴 CmdOrCtrl+V',
          '全选 CmdOrCtrl+A',
        ],
      ],
      [
        '视图',
        [
          '重新载入 CmdOrCtrl+R',
          '实际大小 CmdOrCtrl+0',
          '放大 CmdOrCtrl+=',
          '缩小 CmdOrCtrl+-',
          '全屏 F11',
          '开发者工具',
        ],
      ],
      ['窗口', ['最小化 CmdOrCtrl+M', '关闭窗口']],
      ['帮助', ['关于议事亭']],
    ]);
    await bridge['settings:setLocale']!({ locale: 'en' });
    await until(() => fake.menu()![0]!.label === 'File', 'the English menu');
    expect(labels(fake.menu()!).map(([label]) => label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
  });

  it('an installed app has no developer tools; macOS gets its app menu', () => {
    const actions = { openFile: () => undefined, about: () => undefined };
    const roles = (menu: Electron.MenuItemConstructorOptions[]) =>
      menu.flatMap((item) => (item.submenu as Electron.MenuItemConstructorOptions[]).map((sub) => sub.role));
    expect(roles(menuTemplate(shellTexts('zh-CN'), actions, 'win32', false))).not.toContain('toggleDevTools');
    const mac = menuTemplate(shellTexts('zh-CN'), actions, 'darwin', false);
    expect(mac.map((item) => item.label)).toEqual(['议事亭', '文件', '编辑', '视图', '窗口']);
    expect(roles(mac)).toContain('hide');
  });
});

describe('saving exports', () => {
  it('asks where with the native save dialog, starting in the folder last saved to (remembered across starts)', async () => {
    const first = await shell();
    const download = (url: string, name: string) => {
      const item = new FakeDownloadItem(url, name);
      const event = fakeEvent();
      first.fake.defaultSession.emit('will-download', event, item, first.main.webContents);
      return { item, event };
    };
    const { item, event } = download('blob:app://yishiting/6f1c2a', '东湖社区-会议纪要.pdf');
    expect(event.defaultPrevented).toBe(false);
    expect(item.dialogOptions).toEqual({
      title: '保存到…',
      defaultPath: path.join(first.fake.userData, 'Documents', '东湖社区-会议纪要.pdf'),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    const usb = path.join(first.fake.userData, 'U盘', '上报');
    item.finish(path.join(usb, '东湖社区-会议纪要.pdf'));
    first.fake.electron.app.quit();

    const { fake, main } = await shell({ userData: first.fake.userData });
    const next = new FakeDownloadItem('blob:app://yishiting/77aa', '上报包.ysbundle');
    fake.defaultSession.emit('will-download', fakeEvent(), next, main.webContents);
    expect(next.dialogOptions?.defaultPath).toBe(path.join(usb, '上报包.ysbundle'));

    for (const foreign of ['https://evil.example/x.exe', 'blob:https://evil.example/1', 'file:///etc/passwd']) {
      const item = new FakeDownloadItem(foreign, 'x.exe');
      const refused = fakeEvent();
      fake.defaultSession.emit('will-download', refused, item, main.webContents);
      expect(refused.defaultPrevented, foreign).toBe(true);
      expect(item.dialogOptions).toBeNull();
    }
  });
});

describe('the signing key’s and the data file’s protection', () => {
  it('uses the OS keychain when there is one, and passphrases on Linux’s hard-coded basic_text fallback', async () => {
    const keyring = await shell({ storageBackend: 'gnome_libsecret' });
    expect(await keyring.bridge['app:status']!({})).toMatchObject({ ok: true, value: { keyKind: 'os' } });
    expect(await keyring.bridge['identity:get']!({})).toMatchObject({
      ok: true,
      value: { protection: 'safe_storage' },
    });
    const plain = await shell({ storageBackend: 'basic_text' });
    // No real keychain: the data file's key is a passphrase too, asked on the first screen.
    if (process.platform === 'linux') {
      expect(await plain.bridge['app:status']!({})).toMatchObject({
        ok: true,
        value: { state: 'locked', setup: true },
      });
      expect(await plain.bridge['app:unlock']!({ passphrase: '桌面版数据密码 2026' })).toMatchObject({
        ok: true,
        value: { state: 'ready', keyKind: 'passphrase' },
      });
    }
    expect(await plain.bridge['identity:get']!({})).toMatchObject({
      ok: true,
      value: { protection: process.platform === 'linux' ? 'passphrase' : 'safe_storage' },
    });
  });
});
