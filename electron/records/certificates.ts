import { X509Certificate } from 'node:crypto';

const parsed = new Map<string, X509Certificate>();

/**
 * A certificate parsed once per process: importing 1,000 bundles parsed the same community and CA certificates
 * about ten times per bundle (manifest, three PDF signatures' chains, the office's own), ~2.6 ms of the ~12 ms
 * each took. An X509Certificate is immutable, so sharing one changes no check. Bounded so a flood of
 * different certificates cannot grow it without end.
 */
export function parseCertificate(source: string | Buffer): X509Certificate {
  const key = typeof source === 'string' ? source : source.toString('latin1');
  let certificate = parsed.get(key);
  if (!certificate) {
    certificate = new X509Certificate(source);
    if (parsed.size >= 1000) parsed.clear();
    parsed.set(key, certificate);
  }
  return certificate;
}
