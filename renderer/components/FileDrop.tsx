import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileKind } from '../../shared/domain/community';
import { onAppEvent } from '../api/client';
import { receiveFiles, receiveOpenedFiles, useIncomingNotice } from '../stores/incoming';

const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') === true;

/**
 * Files dropped anywhere on the window, and files the OS asked the desktop app to open, go to the screen that
 * handles them. Without this a dropped file would replace the page (the desktop shell refuses that navigation).
 */
export function FileDrop({ profile }: { profile: ProfileKind }) {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);
  const { message } = useIncomingNotice();

  useEffect(() => {
    let leave: ReturnType<typeof setTimeout> | undefined;
    const dragover = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setOver(true);
      clearTimeout(leave);
      // dragleave fires for every child crossed; no dragover for a moment means the files left the window.
      leave = setTimeout(() => setOver(false), 200);
    };
    const drop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setOver(false);
      receiveFiles([...(event.dataTransfer?.files ?? [])], profile);
    };
    window.addEventListener('dragover', dragover);
    window.addEventListener('drop', drop);
    void receiveOpenedFiles(profile);
    const stop = onAppEvent((event) => {
      if (event.type === 'files:opened') void receiveOpenedFiles(profile);
    });
    return () => {
      clearTimeout(leave);
      window.removeEventListener('dragover', dragover);
      window.removeEventListener('drop', drop);
      stop();
    };
  }, [profile]);

  return (
    <>
      {over && (
        <div className="drop-overlay" aria-hidden="true">
          <p>{t('incoming.drop')}</p>
        </div>
      )}
      {message && (
        <div className="incoming-notice" role="alert">
          <span>{message}</span>
          <button className="button" onClick={() => useIncomingNotice.setState({ message: null })}>
            {t('incoming.dismiss')}
          </button>
        </div>
      )}
    </>
  );
}
