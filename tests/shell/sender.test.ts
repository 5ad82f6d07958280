import { describe, expect, it } from 'vitest';
import { isTrustedSender, type FrameFacts } from '../../electron/shell/sender';

const top: FrameFacts = { url: 'app://yishiting/index.html', processId: 7, routingId: 1 };
const window = { id: 3, mainFrame: top };
const ours = [3, 4];

describe('which IPC callers are ours (the sender check, issue 12)', () => {
  it('accepts the top frame of one of our windows showing app://', () => {
    expect(isTrustedSender(window, top, ours)).toBe(true);
    expect(isTrustedSender(window, { ...top, url: 'app://yishiting/index.html#/projector/2' }, ours)).toBe(true);
  });

  it.each([
    ['a subframe of our page (same process, its own routing id)', { ...top, routingId: 2 }],
    ['a foreign origin', { ...top, url: 'https://evil.example/' }],
    ['a look-alike host', { ...top, url: 'app://yishiting.evil.example/' }],
    ['a file:// page', { ...top, url: 'file:///tmp/evil.html' }],
    ['a frame that navigated away (detached)', { ...top, detached: true }],
    ['a frame replaced by a navigation (another process)', { ...top, processId: 8 }],
    ['no frame at all (Electron: accessed after the frame navigated or was destroyed)', null],
  ])('refuses %s', (_what, frame) => {
    expect(isTrustedSender(window, frame as FrameFacts | null, ours)).toBe(false);
  });

  it('refuses a webContents that is not one of our windows', () => {
    expect(isTrustedSender({ id: 9, mainFrame: top }, top, ours)).toBe(false);
    expect(isTrustedSender(window, top, [])).toBe(false);
  });
});
