import type { MenuItemConstructorOptions } from 'electron';
import type { ShellTexts } from './texts';

export type MenuActions = { openFile(): void; about(): void };

/**
 * The application menu in the chosen language, with the shortcuts people know from every other program. Roles
 * give the native behaviour (copy in a text field, the macOS app menu); the labels are ours, as Electron's own
 * would be English.
 */
export function menuTemplate(
  t: ShellTexts,
  actions: MenuActions,
  platform: NodeJS.Platform,
  developer: boolean,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: t.appName,
          submenu: [
            { label: t.about, click: actions.about },
            { type: 'separator' },
            { role: 'hide', label: t.hide },
            { type: 'separator' },
            { role: 'quit', label: t.quit, accelerator: 'Command+Q' },
          ],
        },
      ]
    : [];
  return [
    ...appMenu,
    {
      label: t.file,
      submenu: [
        { label: t.open, accelerator: 'CmdOrCtrl+O', click: actions.openFile },
        { type: 'separator' },
        { role: 'close', label: t.closeWindow, accelerator: 'CmdOrCtrl+W' },
        ...(mac ? [] : [{ role: 'quit', label: t.quit, accelerator: 'Ctrl+Q' } as const]),
      ],
    },
    {
      label: t.edit,
      submenu: [
        { role: 'undo', label: t.undo, accelerator: 'CmdOrCtrl+Z' },
        { role: 'redo', label: t.redo, accelerator: mac ? 'Shift+Command+Z' : 'Ctrl+Y' },
        { type: 'separator' },
        { role: 'cut', label: t.cut, accelerator: 'CmdOrCtrl+X' },
        { role: 'copy', label: t.copy, accelerator: 'CmdOrCtrl+C' },
        { role: 'paste', label: t.paste, accelerator: 'CmdOrCtrl+V' },
        { role: 'selectAll', label: t.selectAll, accelerator: 'CmdOrCtrl+A' },
      ],
    },
    {
      label: t.view,
      submenu: [
        // Safe at any moment: every action is saved the moment it is made.
        { role: 'reload', label: t.reload, accelerator: 'CmdOrCtrl+R' },
        { type: 'separator' },
        { role: 'resetZoom', label: t.resetZoom, accelerator: 'CmdOrCtrl+0' },
        { role: 'zoomIn', label: t.zoomIn, accelerator: 'CmdOrCtrl+=' },
        { role: 'zoomOut', label: t.zoomOut, accelerator: 'CmdOrCtrl+-' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: t.fullScreen, accelerator: mac ? 'Control+Command+F' : 'F11' },
        ...(developer ? [{ role: 'toggleDevTools', label: t.devTools } as const] : []),
      ],
    },
    {
      label: t.window,
      submenu: [
        { role: 'minimize', label: t.minimize, accelerator: 'CmdOrCtrl+M' },
        { role: 'close', label: t.closeWindow },
      ],
    },
    // On macOS 关于 sits in the app menu.
    ...(mac ? [] : [{ label: t.help, submenu: [{ label: t.about, click: actions.about }] }]),
  ];
}
