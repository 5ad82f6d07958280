import type { backupFile } from '../db/backups';
import type { checkUpload } from '../records/bundle';
import type { casePdf } from '../records/case';
import type { minutesPdf } from '../records/minutes';
import type { noticePdf, noticePng } from '../records/notice';
import type { signInSheetPdf } from '../records/sign-in-sheet';
import type { signDetached } from '../records/sign';
import type { writeZip } from '../records/zip';
import type { Sm2Sealer } from '../records/gm/signer';
import type { readTable } from '../roster/read-table';

/**
 * The heavy work, as functions of plain data: drawing and signing records, zipping bundles, reading uploaded
 * tables, backing up the data file (through a connection of the worker's own). Nothing here shares memory with the services, so the same functions run in a
 * worker (a worker thread in the browser host, a utilityProcess in Electron) and the thread that answers the
 * secretary's and the projector's calls never waits for them. Modules load on first use, as they did before.
 */
export const jobs = {
  minutesPdf: async (...args: Parameters<typeof minutesPdf>) =>
    (await import('../records/minutes')).minutesPdf(...args),
  noticePdf: async (...args: Parameters<typeof noticePdf>) => (await import('../records/notice')).noticePdf(...args),
  noticePng: async (...args: Parameters<typeof noticePng>) => (await import('../records/notice')).noticePng(...args),
  signInSheetPdf: async (...args: Parameters<typeof signInSheetPdf>) =>
    (await import('../records/sign-in-sheet')).signInSheetPdf(...args),
  casePdf: async (...args: Parameters<typeof casePdf>) => (await import('../records/case')).casePdf(...args),
  signDetached: async (...args: Parameters<typeof signDetached>) =>
    (await import('../records/sign')).signDetached(...args),
  /** A bundle's manifest signed with the community's SM2 key; the key crosses as data (see Sm2Sealer). */
  sm2SignDetached: async (data: Uint8Array, sealer: Pick<Sm2Sealer, 'key' | 'certificate'>, signedAt: Date) => {
    const [{ sm2SignDetached }, { softwareSigner }] = await Promise.all([
      import('../records/gm/signed-data'),
      import('../records/gm/signer'),
    ]);
    return sm2SignDetached(data, softwareSigner(sealer.key, Buffer.from(sealer.certificate)), signedAt);
  },
  writeZip: async (...args: Parameters<typeof writeZip>) => (await import('../records/zip')).writeZip(...args),
  /** Every check of an uploaded bundle that needs no database: zip, manifest, signatures, hashes, PDFs. */
  checkBundle: async (...args: Parameters<typeof checkUpload>) =>
    (await import('../records/bundle')).checkUpload(...args),
  readTable: async (...args: Parameters<typeof readTable>) => (await import('../roster/read-table')).readTable(...args),
  backupFile: async (...args: Parameters<typeof backupFile>) => (await import('../db/backups')).backupFile(...args),
};

export type Jobs = typeof jobs;
export type JobName = keyof Jobs;
export type JobArgs<K extends JobName> = Parameters<Jobs[K]>;
export type JobResult<K extends JobName> = Awaited<ReturnType<Jobs[K]>>;
