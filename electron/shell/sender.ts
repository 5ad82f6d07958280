import { isAppUrl } from './navigation';

/** What the sender check reads of Electron's WebFrameMain (pure, so hostile frames can be unit-tested). */
export type FrameFacts = {
  readonly url: string;
  readonly detached?: boolean;
  readonly processId: number;
  readonly routingId: number;
};

export type SenderFacts = { readonly id: number; readonly mainFrame: FrameFacts };

/**
 * An IPC call is ours only when it comes from the top frame our window shows, on app://, right now.
 * Refused: a subframe (an <iframe> some page smuggled in), a foreign origin, a frame that has since navigated
 * or been replaced (Electron then gives a null or detached senderFrame, or one that is no longer the main
 * frame), and any webContents that is not one of our windows.
 */
export function isTrustedSender(
  sender: SenderFacts,
  frame: FrameFacts | null,
  ownContents: readonly number[],
): boolean {
  if (!frame || frame.detached || !isAppUrl(frame.url)) return false;
  // Being the window's main frame (same process, same routing id) is what makes a frame top-level and current.
  const main = sender.mainFrame;
  return ownContents.includes(sender.id) && frame.processId === main.processId && frame.routingId === main.routingId;
}
