import { createHash } from 'node:crypto';
import { canonicalJson } from '../../shared/canonical-json';
import type { MinutesContent } from '../../shared/domain/minutes';

export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The content hash anyone can recompute from the minutes' JSON. */
export const contentHashOf = (content: MinutesContent) => sha256(canonicalJson(content));

type AmendmentFields = { section: string; text: string; reason: string; author: string; createdAt: string };

/** Each amendment's hash covers the one before it, so none can be dropped or reordered unseen. */
export const amendmentHash = (previous: string, a: AmendmentFields) =>
  sha256(
    canonicalJson({
      previous,
      section: a.section,
      text: a.text,
      reason: a.reason,
      author: a.author,
      createdAt: a.createdAt,
    }),
  );

/** The hash a record carries: the content's, carried through every amendment in order. */
export const recordHashOf = (content: MinutesContent, amendments: AmendmentFields[]) =>
  amendments.reduce((previous, a) => amendmentHash(previous, a), contentHashOf(content));
