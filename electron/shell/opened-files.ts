import fs from 'node:fs';
import path from 'node:path';
import { fileKindOf, openedFileLimit, type OpenedFile } from '../../shared/app-files';

/**
 * Files the OS asked us to open: a double-click (Windows and Linux pass the path on the command line, to this
 * instance or, through `second-instance`, to the one already running; macOS sends `open-file`) or 文件 → 打开.
 * The path stays here; the page gets the bytes when it asks (shell:openedFiles), which also covers a file that
 * arrives before the page has loaded.
 */
export function openedFiles(notify: () => void) {
  let pending: OpenedFile[] = [];
  return {
    add(paths: readonly string[]): void {
      const files = paths.filter((file) => fileKindOf(file) !== null).map(read);
      if (files.length === 0) return;
      pending = [...pending, ...files];
      notify();
    },
    take(): OpenedFile[] {
      const taken = pending;
      pending = [];
      return taken;
    },
  };
}

function read(file: string): OpenedFile {
  const fileName = path.basename(file);
  try {
    const { size } = fs.statSync(file);
    return { fileName, data: size > openedFileLimit ? null : fs.readFileSync(file).toString('base64') };
  } catch {
    return { fileName, data: null };
  }
}

/** The files named on a command line (a double-click's path), skipping Chromium switches and the app's own path. */
export function filesInArgv(argv: readonly string[], cwd: string): string[] {
  return argv
    .slice(1)
    .filter((arg) => !arg.startsWith('-') && fileKindOf(arg) !== null)
    .map((arg) => path.resolve(cwd, arg))
    .filter((file) => fs.statSync(file, { throwIfNoEntry: false })?.isFile() === true);
}
