import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channels, type AppEvent, type Bridge } from '../../shared/contract';

// One function per contract channel, derived from the contract: the page never gets a generic invoke.
const calls = Object.fromEntries(
  channels.map((channel) => [channel, (input: unknown) => ipcRenderer.invoke(channel, input)]),
);

const bridge = {
  ...calls,
  onEvent(listener: (event: AppEvent) => void) {
    const forward = (_event: IpcRendererEvent, payload: AppEvent) => listener(payload);
    ipcRenderer.on('yishi:event', forward);
    return () => void ipcRenderer.removeListener('yishi:event', forward);
  },
} as Bridge;

contextBridge.exposeInMainWorld('yishi', bridge);
