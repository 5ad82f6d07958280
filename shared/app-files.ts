import type { ProfileKind } from './domain/community';

/**
 * The files the app opens, by extension: what a double-click (the installer's file associations), 文件 → 打开 and
 * a file dropped onto the window lead to. The four with `associate` are the app's own files: the installer
 * associates their first extension with the app. A bundle and a receipt are zips inside, but `.zip` belongs to the
 * system's archive tool, so they get extensions of their own; a plain `.zip` still opens (see fileKindOf).
 * electron-builder.yml's fileAssociations repeat the associated ones; `npm run package:check` holds them equal.
 */
export const appFiles = {
  bundle: { extensions: ['ysbundle'], associate: { name: '议事亭上报包', mimeType: 'application/x-yishiting-bundle' } },
  receipt: {
    extensions: ['ysreceipt'],
    associate: { name: '议事亭回执', mimeType: 'application/x-yishiting-receipt' },
  },
  crl: { extensions: ['crl'], associate: { name: '证书吊销列表（议事亭）', mimeType: 'application/pkix-crl' } },
  p12: { extensions: ['p12', 'pfx'], associate: { name: '签名证书备份（议事亭）', mimeType: 'application/x-pkcs12' } },
  record: { extensions: ['pdf', 'ofd'], associate: null },
  roster: { extensions: ['xlsx', 'csv'], associate: null },
  photo: { extensions: ['jpg', 'jpeg', 'png', 'webp'], associate: null },
  certificate: { extensions: ['crt', 'cer'], associate: null },
  request: { extensions: ['csr', 'req'], associate: null },
} as const;

export type AppFileKind = keyof typeof appFiles;

/** A file the main side was asked to open (double-click, menu): its bytes as base64, or null when too large. */
export type OpenedFile = { fileName: string; data: string | null };

/** Files above this are not read into memory; every import channel refuses far smaller ones anyway. */
export const openedFileLimit = 32 * 1024 * 1024;

const extensionOf = (fileName: string) => /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();

/**
 * What a file is, by its name. A `.zip` (how bundles and receipts were named before they had extensions of
 * their own) is a bundle at the sub-district office and a receipt in a community: each side only ever receives
 * the other's. Without a profile (the main side, sorting a command line) a `.zip` counts as one of the app's.
 */
export function fileKindOf(fileName: string, profile?: ProfileKind): AppFileKind | null {
  const extension = extensionOf(fileName);
  if (!extension) return null;
  if (extension === 'zip') return profile === 'community' ? 'receipt' : 'bundle';
  const kinds = Object.keys(appFiles) as AppFileKind[];
  return kinds.find((kind) => (appFiles[kind].extensions as readonly string[]).includes(extension)) ?? null;
}

/** Every extension the app reads, for the open dialog's filter. */
export const openableExtensions = [...Object.values(appFiles).flatMap((type) => type.extensions), 'zip'];
