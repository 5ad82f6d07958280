import { shell, type Session, type WebContents } from 'electron';
import { externalUrl } from '../../shared/links';
import { isAppUrl, isProjectorUrl } from './navigation';

/** Deny every permission (camera, notifications, geolocation...): the app needs none. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * No navigation away from app://, no new windows, no webviews; a validated https link goes to the system
 * browser instead (whether clicked plainly or with a target). The one window a page may ask for is the
 * projector, which the shell opens itself.
 */
export function hardenContents(contents: WebContents, openProjector: (url: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    openExternal(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isProjectorUrl(url)) openProjector(url);
    else openExternal(url);
    return { action: 'deny' };
  });
}

/** The one place a URL reaches the OS opener, and only after the validator accepted it. */
export function openExternal(value: unknown): boolean {
  const url = externalUrl(value);
  if (url) void shell.openExternal(url);
  return url !== null;
}
