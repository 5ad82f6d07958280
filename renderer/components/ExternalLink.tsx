import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { call, messageOf } from '../api/client';
import { alertDialog } from './Dialog';

/**
 * A link to the outside world. It never navigates the app's window: the main side checks the address and hands
 * it to the system browser (ARCHITECTURE: external links only through one validator).
 */
export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <a
      href={href}
      rel="noreferrer noopener"
      onClick={(event) => {
        event.preventDefault();
        call('shell:openExternal', { url: href }).catch((error: unknown) =>
          alertDialog({ title: t('common.linkFailed'), message: messageOf(error) }),
        );
      }}
    >
      {children} ↗
    </a>
  );
}
