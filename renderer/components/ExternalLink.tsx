import type { ReactNode } from 'react';
import { call, messageOf } from '../api/client';

/**
 * A link to the outside world. It never navigates the app's window: the main side checks the address and hands
 * it to the system browser (ARCHITECTURE: external links only through one validator).
 */
export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a
      href={href}
      rel="noreferrer noopener"
      onClick={(event) => {
        event.preventDefault();
        call('shell:openExternal', { url: href }).catch((error: unknown) => window.alert(messageOf(error)));
      }}
    >
      {children} ↗
    </a>
  );
}
