import { shell, type Session, type WebContents } from 'electron';
import { externalUrl, isAppUrl } from './navigation';

/** Deny every permission (camera, notifications, geolocation...): the app needs none. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** No navigation away from app://, no new windows, no webviews; https links go to the system browser. */
export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
}

/** The one place a URL reaches the OS opener, and only after the validator accepted it. */
export function openExternal(value: unknown): boolean {
  const url = externalUrl(value);
  if (url) void shell.openExternal(url);
  return url !== null;
}
