import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { channels, type AppEvent } from '../../shared/contract';
import type { Core } from '../core';
import { isAppUrl } from './navigation';

export const eventChannel = 'yishi:event';

/** A call is ours only if it comes from the top frame of one of our windows showing app://. */
function isTrusted(event: IpcMainInvokeEvent, windows: () => BrowserWindow[]): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null || !isAppUrl(frame.url)) return false;
  return windows().some((w) => w.webContents.id === event.sender.id);
}

/** Every contract channel goes through the same guard as the browser host. */
export function bindContract(core: Core, windows: () => BrowserWindow[]): void {
  for (const channel of channels) {
    ipcMain.handle(channel, (event, input: unknown) =>
      core.guard(channel, input, { trusted: isTrusted(event, windows) }),
    );
  }
  core.events.on((event: AppEvent) => {
    for (const window of windows()) window.webContents.send(eventChannel, event);
  });
}
