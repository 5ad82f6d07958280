import path from 'node:path';
import type { Session } from 'electron';
import { isOwnDownloadUrl } from './navigation';

export type SaveFolder = { get(): string; set(folder: string): void };

/**
 * Exports reach the page as bytes and leave it as a download of our own blob; here every such download gets the
 * native 保存 dialog, opening in the folder last saved to (the path never reaches the page). Downloads of
 * anything else are cancelled.
 */
export function saveDownloadsWithDialog(session: Session, folder: SaveFolder, title: () => string): void {
  session.on('will-download', (event, item) => {
    if (!isOwnDownloadUrl(item.getURL())) {
      event.preventDefault();
      return;
    }
    const fileName = item.getFilename();
    const extension = path.extname(fileName).slice(1);
    item.setSaveDialogOptions({
      title: title(),
      defaultPath: path.join(folder.get(), fileName),
      filters: extension ? [{ name: extension.toUpperCase(), extensions: [extension] }] : [],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    item.once('done', (_event, state) => {
      if (state === 'completed' && item.getSavePath()) folder.set(path.dirname(item.getSavePath()));
    });
  });
}
