import fs from 'node:fs';
import path from 'node:path';
import { openKeyed } from '../../electron/db/cipher';
import { describe, expect, it } from 'vitest';
import { channels } from '../../shared/contract';
import { shellsPerTest } from './load-shell';

const shells = shellsPerTest();

describe('the built shell starting under Electron’s rules', () => {
  it('takes the single-instance lock, registers app:// before ready, then serves it, binds IPC and opens the window', async () => {
    const { fake } = await shells.run();
    const at = (entry: string) => fake.log.indexOf(entry);
    expect(fake.log.slice(0, 3)).toEqual([
      'app.requestSingleInstanceLock',
      'protocol.registerSchemesAsPrivileged app',
      'app ready',
    ]);
    // app:// behaves like https for our pages, and gets nothing more (no CSP bypass, no CORS).
    expect(fake.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(at('protocol.handle app')).toBeGreaterThan(at('app ready'));
    // The page's first call must find its handler: every channel is bound before the window exists.
    const binding = (entry: string) => entry.startsWith('ipcMain.handle ');
    expect(fake.log.filter(binding)).toHaveLength(channels.length);
    expect(at('new BrowserWindow 议事亭')).toBeGreaterThan(fake.log.findLastIndex(binding));
    expect(at('new BrowserWindow 议事亭')).toBeGreaterThan(at('protocol.handle app'));
    expect(fake.windows().map((w) => w.webContents.getURL())).toEqual(['app://yishiting/index.html']);
  });

  it('a second start hands over and ends: no window, no protocol, no database', async () => {
    const fake = shells.start({ singleInstance: false });
    await fake.ready();
    expect(fake.log).toContain('app.quit');
    expect(fake.windows()).toEqual([]);
    expect(fake.protocolHandlers.size).toBe(0);
    expect(fake.ipcHandlers.size).toBe(0);
    expect(fs.existsSync(path.join(fake.userData, 'yishiting.sqlite'))).toBe(false);
  });

  it('quits cleanly: windows close, then the database closes with its write-ahead log folded in', async () => {
    const { fake, bridge } = await shells.run();
    expect(await bridge['settings:setLocale']!({ locale: 'en' })).toEqual({ ok: true, value: 'en' });
    const file = path.join(fake.userData, 'yishiting.sqlite');
    expect(fs.existsSync(`${file}-wal`)).toBe(true);

    fake.electron.app.quit();
    expect(fake.log.at(-1)).toBe('app quit');
    expect(fake.windows()).toEqual([]);
    // better-sqlite3 removes the WAL only when the last connection closes after a full checkpoint.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    // Encrypted at rest, its key sealed by safeStorage (the stand-in's seal is `sealed:` + the key).
    const keyFile = JSON.parse(fs.readFileSync(path.join(fake.userData, 'yishiting.key'), 'utf8')) as {
      sealed: string;
    };
    const key = Buffer.from(keyFile.sealed, 'base64')
      .toString()
      .replace(/^sealed:/, '');
    expect(fs.readFileSync(file).subarray(0, 15).toString()).not.toBe('SQLite format 3');
    const db = openKeyed(file, Buffer.from(key, 'hex'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
