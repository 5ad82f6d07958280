import { ipcMain, type BrowserWindow } from 'electron';
import { channels, type AppEvent } from '../../shared/contract';
import type { Core } from '../core';
import { isTrustedSender } from './sender';

export const eventChannel = 'yishi:event';

/** Every contract channel goes through the same guard as the browser host. Returns the unbinding. */
export function bindContract(core: Core, windows: () => BrowserWindow[]): () => void {
  for (const channel of channels) {
    ipcMain.handle(channel, (event, input: unknown) =>
      core.guard(channel, input, {
        trusted: isTrustedSender(
          event.sender,
          event.senderFrame,
          windows().map((window) => window.webContents.id),
        ),
      }),
    );
  }
  core.events.on((event: AppEvent) => {
    for (const window of windows()) window.webContents.send(eventChannel, event);
  });
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
