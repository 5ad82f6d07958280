/** A URL from outside (a page, a channel, the OS) as a URL, or null: strings only, of a sane length. */
export function parseUrl(value: unknown): URL | null {
  if (typeof value !== 'string' || value.length > 2048) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** The URL to hand to the OS opener, or null: https only, no credentials, a real host name. */
export function externalUrl(value: unknown): string | null {
  const url = parseUrl(value);
  if (!url || url.protocol !== 'https:' || url.username || url.password || !url.hostname.includes('.')) return null;
  return url.href;
}
