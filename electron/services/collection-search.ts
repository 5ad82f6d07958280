import { and, eq } from 'drizzle-orm';
import { searchMark, type SearchHit } from '../../shared/domain/bundle';
import { AppError } from '../../shared/errors';
import { collectedCommunity, collectedFile, collectedMeeting } from '../db/schema';
import { fold, pairQuery } from '../db/search-pairs';
import { requireProfile } from './community';
import type { Handlers, ServiceContext } from './context';

type SearchHandlers = Pick<Handlers, 'collection:search' | 'collection:file'>;

/** At most this many hits, newest held first: what a clerk reads, and where the index stops reading. */
const hitLimit = 100;
// The marks are control characters; a minutes text holding them itself must not open or close a mark.
const unmarked = (text: string) => text.replaceAll(searchMark.open, '').replaceAll(searchMark.close, '');

/**
 * A window of the minutes around the first match of any word, with every match in the window marked. Matching
 * folds case as the index does (fold keeps indices), so the mark falls where the index found the word.
 */
export function snippet(text: string, words: string[]): string {
  const folded = fold(text);
  const targets = [...new Set(words.map(fold))].sort((a, b) => b.length - a.length);
  const found = targets.map((t) => folded.indexOf(t)).filter((at) => at >= 0);
  if (found.length === 0) return unmarked(text.slice(0, 60)) + (text.length > 60 ? '…' : '');
  const first = Math.min(...found);
  // Never split a character in two (an emoji is two UTF-16 units).
  const cut = (at: number) => (/[\udc00-\udfff]/.test(text[at] ?? '') ? at - 1 : at);
  const start = cut(Math.max(0, first - 24));
  let end = cut(Math.min(text.length, first + targets[0]!.length + 24));
  let out = start > 0 ? '…' : '';
  let plain = start;
  for (let i = start; i < end;) {
    const hit = targets.find((t) => folded.startsWith(t, i));
    if (!hit) {
      i += 1;
      continue;
    }
    out += `${unmarked(text.slice(plain, i))}${searchMark.open}${unmarked(text.slice(i, i + hit.length))}${searchMark.close}`;
    i += hit.length;
    plain = i;
    end = Math.max(end, i);
  }
  return `${out}${unmarked(text.slice(plain, end))}${end < text.length ? '…' : ''}`;
}

/** Finding words in the collected minutes and opening the minutes a hit points to. */
export function collectionSearchService(ctx: ServiceContext): SearchHandlers {
  const subDistrict = () => requireProfile(ctx, 'sub_district');
  return {
    'collection:search': ({ query }) => {
      subDistrict();
      // Control characters separate words, as spaces do: nobody searches for one.
      // eslint-disable-next-line no-control-regex
      const words = query.split(/[\s\u0000-\u001f\u007f]+/).filter(Boolean);
      if (words.length === 0) return [];
      // Every word is required, in the title or the minutes. Rows come newest held first (the index's rowid
      // starts with the day), so the hundredth hit ends the read: no sort over every match of a common word.
      const rows = ctx.db.$client
        .prepare(
          `SELECT m.id AS meetingRowId, c.unit AS unit, m.title AS title, m.held_on AS heldOn, m.minutes_text AS text
           FROM collected_pairs s JOIN collected_meeting m ON m.id = s.rowid & 4294967295
           JOIN collected_community c ON c.uid = m.community_uid
           WHERE collected_pairs MATCH ? ORDER BY s.rowid DESC LIMIT ${hitLimit}`,
        )
        .all(words.map(pairQuery).join(' ')) as (SearchHit & { text: string })[];
      return rows.map(({ text, ...hit }) => ({ ...hit, snippet: snippet(text, words) }));
    },
    'collection:file': ({ meetingRowId }) => {
      subDistrict();
      const row = ctx.db
        .select({ title: collectedMeeting.title, unit: collectedCommunity.unit, data: collectedFile.data })
        .from(collectedMeeting)
        .innerJoin(collectedCommunity, eq(collectedCommunity.uid, collectedMeeting.communityUid))
        .innerJoin(
          collectedFile,
          and(
            eq(collectedFile.bundleId, collectedMeeting.bundleId),
            eq(collectedFile.path, collectedMeeting.minutesPath),
          ),
        )
        .where(eq(collectedMeeting.id, meetingRowId))
        .get();
      if (!row) throw new AppError('not_in_collection');
      return {
        fileName: `${row.unit}-${row.title}-会议纪要.pdf`,
        type: 'application/pdf',
        data: row.data.toString('base64'),
        missing: [],
      };
    },
  };
}
