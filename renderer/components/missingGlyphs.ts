import { i18n } from '../i18n';
import { confirmDialog } from './Dialog';

/** Never print tofu silently: name the characters no font has and let the secretary decide. */
export function exportDespiteMissing(missing: readonly string[]): Promise<boolean> {
  if (!missing.length) return Promise.resolve(true);
  return confirmDialog({
    title: i18n.t('notice.missingTitle'),
    message: i18n.t('notice.missing', { chars: missing.join(' ') }),
    confirm: i18n.t('notice.exportAnyway'),
  });
}
