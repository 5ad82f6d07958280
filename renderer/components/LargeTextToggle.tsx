import { useTranslation } from 'react-i18next';
import { useDisplay } from '../stores/display';

/** 大字模式 on or off: a pressed button in the frame, a labelled checkbox-like switch in settings. */
export function LargeTextToggle({ className = 'button small large-text-toggle' }: { className?: string }) {
  const { t } = useTranslation();
  const { largeText, setLargeText } = useDisplay();
  return (
    <button type="button" className={className} aria-pressed={largeText} onClick={() => setLargeText(!largeText)}>
      <span aria-hidden="true">A⁺ </span>
      {t('display.largeText')}
    </button>
  );
}
