/**
 * The shell's security decisions as pure functions (no electron import), so hostile URLs can be unit-tested.
 * The app itself lives only at app://yishiting/; nothing else may load in its windows.
 */
export const appScheme = 'app';
export const appHost = 'yishiting';
export const appOrigin = `${appScheme}://${appHost}`;

function parse(value: unknown): URL | null {
  if (typeof value !== 'string' || value.length > 2048) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** May a window of ours show this URL? Only our own origin (look-alike hosts and other schemes are refused). */
export function isAppUrl(value: unknown): boolean {
  const url = parse(value);
  return url !== null && url.protocol === `${appScheme}:` && url.host === appHost;
}

/** The URL to hand to the OS opener, or null: https only, no credentials, a real host name. */
export function externalUrl(value: unknown): string | null {
  const url = parse(value);
  if (!url || url.protocol !== 'https:' || url.username || url.password || !url.hostname.includes('.')) return null;
  return url.href;
}

/** A request to open the projector for a meeting: our own page at #/projector/<id>. */
export function isProjectorUrl(value: unknown): boolean {
  return isAppUrl(value) && /^#\/projector\/\d+$/.test(new URL(value as string).hash);
}
