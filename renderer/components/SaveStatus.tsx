import { useTranslation } from 'react-i18next';
import { useSaving } from '../stores/saving';

/** 正在保存… while a change is on its way, 已保存 once every change made in this window is answered. */
export function SaveStatus() {
  const { t } = useTranslation();
  const { pending, saved } = useSaving();
  return (
    <div className="save-status" role="status" aria-label={t('common.saveStatus')}>
      {pending > 0 ? t('common.saving') : saved ? `✓ ${t('common.allSaved')}` : ''}
    </div>
  );
}
