import { useEffect, useRef } from 'react';
import { create } from 'zustand';
import { fileKindOf, type AppFileKind, type OpenedFile } from '../../shared/app-files';
import type { ProfileKind } from '../../shared/domain/community';
import { call } from '../api/client';
import { i18n } from '../i18n';
import { navigate, type Route } from './router';

/**
 * Files that arrive from outside the page's own file inputs: dropped onto the window, or opened by the OS
 * (double-click, 文件 → 打开 in the desktop app). Each kind goes to the screen that handles it (the screen says
 * so with useIncomingFiles); a file no screen here handles is named in a notice, never silently dropped.
 */
type Handler = (files: File[]) => void;
const handlers = new Map<AppFileKind, Handler>();
const pending = new Map<AppFileKind, File[]>();

/** Where each kind is handled, per profile (a community runs meetings; a sub-district office collects). */
const screens: Record<ProfileKind, Partial<Record<AppFileKind, Route>>> = {
  community: {
    roster: { page: 'residents' },
    record: { page: 'records' },
    p12: { page: 'records' },
    certificate: { page: 'records' },
    receipt: { page: 'records' },
    crl: { page: 'records' },
  },
  sub_district: {
    bundle: { page: 'collection' },
    request: { page: 'certificates' },
    record: { page: 'search' },
  },
};

/** What the frame shows when a file could not be opened (null: nothing to say). */
export const useIncomingNotice = create<{ message: string | null }>(() => ({ message: null }));
const notice = (message: string | null) => useIncomingNotice.setState({ message });

export function receiveFiles(files: File[], profile: ProfileKind): void {
  const unopened: string[] = [];
  const byKind = new Map<AppFileKind, File[]>();
  for (const file of files) {
    const kind = fileKindOf(file.name, profile);
    if (kind) byKind.set(kind, [...(byKind.get(kind) ?? []), file]);
    else unopened.push(file.name);
  }
  for (const [kind, group] of byKind) {
    const handler = handlers.get(kind);
    if (handler) handler(group);
    else if (screens[profile][kind]) {
      pending.set(kind, [...(pending.get(kind) ?? []), ...group]);
      navigate(screens[profile][kind]);
      // The screen takes them when it mounts; if none does (a kind without a screen yet), say so.
      setTimeout(() => {
        const left = pending.get(kind);
        pending.delete(kind);
        if (left?.length) notice(i18n.t('incoming.unopened', { names: left.map((f) => f.name).join('、') }));
      }, 1500);
    } else unopened.push(...group.map((file) => file.name));
  }
  notice(unopened.length ? i18n.t('incoming.unopened', { names: unopened.join('、') }) : null);
}

/** A screen takes the files of one kind while it is shown (including any that made the app navigate here). */
export function useIncomingFiles(kind: AppFileKind, handler: Handler): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const forward: Handler = (files) => latest.current(files);
    handlers.set(kind, forward);
    const waiting = pending.get(kind);
    if (waiting) {
      pending.delete(kind);
      forward(waiting);
    }
    return () => {
      if (handlers.get(kind) === forward) handlers.delete(kind);
    };
  }, [kind]);
}

/** Files the desktop app was asked to open: fetched from the main side, which kept their paths. */
export async function receiveOpenedFiles(profile: ProfileKind): Promise<void> {
  const opened: OpenedFile[] = await call('shell:openedFiles', {});
  const unreadable = opened.filter((file) => file.data === null).map((file) => file.fileName);
  receiveFiles(
    opened.flatMap((file) =>
      file.data === null ? [] : [new File([Uint8Array.from(atob(file.data), (c) => c.charCodeAt(0))], file.fileName)],
    ),
    profile,
  );
  if (unreadable.length) notice(i18n.t('incoming.unreadable', { names: unreadable.join('、') }));
}
