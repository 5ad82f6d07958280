import { parseUrl } from '../../shared/links';

/**
 * The shell's security decisions as pure functions (no electron import), so hostile URLs can be unit-tested.
 * The app itself lives only at app://yishiting/; nothing else may load in its windows.
 */
export const appScheme = 'app';
export const appHost = 'yishiting';
export const appOrigin = `${appScheme}://${appHost}`;

/** May a window of ours show this URL? Only our own origin (look-alike hosts and other schemes are refused). */
export function isAppUrl(value: unknown): boolean {
  const url = parseUrl(value);
  return url !== null && url.protocol === `${appScheme}:` && url.host === appHost;
}

/** A request to open the projector for a meeting: our own page at #/projector/<id>. */
export function isProjectorUrl(value: unknown): boolean {
  return isAppUrl(value) && /^#\/projector\/\d+$/.test(new URL(value as string).hash);
}

/** A download the app itself started: an export handed over as a blob of our own page. */
export function isOwnDownloadUrl(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('blob:') && isAppUrl(value.slice('blob:'.length));
}
