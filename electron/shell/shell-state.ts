import fs from 'node:fs';
import path from 'node:path';

export type Rect = { x: number; y: number; width: number; height: number };

/** What the shell remembers between starts, beside the data file (never inside it: it is not the community's data). */
export type ShellState = {
  window?: { bounds: Rect; maximized: boolean };
  /** The folder the secretary last saved an export to. */
  saveFolder?: string;
};

export const mainWindowSize = { width: 1280, height: 820, minWidth: 960, minHeight: 640 };

const stateFile = (dataDir: string) => path.join(dataDir, 'window-state.json');

export function loadShellState(dataDir: string): ShellState {
  try {
    const state = JSON.parse(fs.readFileSync(stateFile(dataDir), 'utf8')) as unknown;
    return state && typeof state === 'object' ? (state as ShellState) : {};
  } catch {
    return {};
  }
}

export function saveShellState(dataDir: string, change: Partial<ShellState>): void {
  const file = stateFile(dataDir);
  try {
    fs.writeFileSync(`${file}.tmp`, JSON.stringify({ ...loadShellState(dataDir), ...change }));
    fs.renameSync(`${file}.tmp`, file);
  } catch {
    // Losing a window position is no reason to disturb the secretary.
  }
}

const isRect = (value: unknown): value is Rect =>
  typeof value === 'object' &&
  value !== null &&
  ['x', 'y', 'width', 'height'].every((key) => Number.isFinite((value as Record<string, unknown>)[key]));

/**
 * Where the main window opens: where it was, if that place is still on a screen (a laptop unplugged from its
 * second monitor must not open the window off-screen), shrunk to fit; else the default size (no taller than a
 * 1366 × 768 laptop's work area), centred. The primary display comes first in workAreas.
 */
export function placeMainWindow(
  saved: ShellState['window'],
  workAreas: readonly Rect[],
): { bounds: Partial<Rect> & { width: number; height: number }; maximized: boolean } {
  const primary = workAreas[0];
  const fallback = {
    bounds: {
      width: Math.min(mainWindowSize.width, primary?.width ?? Infinity),
      height: Math.min(mainWindowSize.height, primary?.height ?? Infinity),
    },
    maximized: false,
  };
  if (!saved || !isRect(saved.bounds)) return fallback;
  const { x, y, width, height } = saved.bounds;
  // The title bar must be reachable: at least 120 × 40 px of the window's top edge on one screen.
  const area = workAreas.find(
    (a) =>
      Math.min(x + width, a.x + a.width) - Math.max(x, a.x) >= 120 &&
      Math.min(y + 40, a.y + a.height) - Math.max(y, a.y) >= 40,
  );
  if (!area) return fallback;
  const fitted = {
    width: Math.max(mainWindowSize.minWidth, Math.min(Math.round(width), area.width)),
    height: Math.max(mainWindowSize.minHeight, Math.min(Math.round(height), area.height)),
  };
  return {
    bounds: {
      x: Math.round(Math.min(Math.max(x, area.x), area.x + area.width - fitted.width)),
      y: Math.round(Math.min(Math.max(y, area.y), area.y + area.height - fitted.height)),
      ...fitted,
    },
    maximized: saved.maximized === true,
  };
}
