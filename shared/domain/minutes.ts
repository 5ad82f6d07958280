import { z } from 'zod';
import { MeetingId } from './meeting';

const line = z.string().max(200);
const prose = z.string().max(20_000);
/** A deadline as a date field gives it, or empty when the resolution has none. */
const deadline = z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]);

/**
 * 会议纪要 as a structured document: the sections are fixed by the draft (one per agenda item); within them
 * everything is free text the secretary may rewrite.
 */
export const MinutesContent = z.strictObject({
  header: z.strictObject({
    title: line,
    community: line,
    pavilion: line,
    kind: line,
    date: line,
    time: line,
    place: line,
    host: line,
    recorder: line,
  }),
  attendance: z.strictObject({
    summary: prose,
    present: prose,
    guests: prose,
    proxies: prose,
    absent: prose,
    quorum: prose,
  }),
  items: z
    .array(
      z.strictObject({
        agendaItemId: z.number().int().positive(),
        number: z.string().max(10),
        title: line,
        presenter: line,
        discussion: prose,
        vote: prose,
        resolution: prose,
        owner: line,
        deadline,
      }),
    )
    .max(200),
  closing: z.strictObject({ followUps: prose, other: prose }),
});
export type MinutesContent = z.infer<typeof MinutesContent>;
export type MinutesItem = MinutesContent['items'][number];

export type MinutesStatus = 'draft' | 'final';

export type Amendment = {
  id: number;
  section: string;
  text: string;
  reason: string;
  author: string;
  createdAt: string;
  /** Hash of the record with this amendment: it chains onto the finalized hash or the amendment before. */
  hash: string;
};

export type Minutes = {
  meetingId: number;
  status: MinutesStatus;
  content: MinutesContent;
  updatedAt: string;
  finalizedAt: string | null;
  finalizedBy: string;
  /** SHA-256 of the canonical JSON of the finalized content. */
  contentHash: string | null;
  /** The audit chain's last hash when the minutes were finalized. */
  auditHead: string | null;
  amendments: Amendment[];
  /** What exported records carry: the newest amendment's hash, else the content hash. */
  recordHash: string | null;
};

const person = z.string().trim().min(1).max(40);

export const MinutesSaveInput = z.strictObject({ id: MeetingId, content: MinutesContent });
export const MinutesFinalizeInput = z.strictObject({ id: MeetingId, by: person });
export const MinutesAmendInput = z.strictObject({
  id: MeetingId,
  section: z.string().trim().min(1).max(100),
  text: z.string().trim().min(1).max(5_000),
  reason: z.string().trim().min(1).max(500),
  author: person,
});

/** The section names an amendment can point at, in document order. */
export function minutesSections(content: MinutesContent): string[] {
  return ['会议基本情况', '出席情况', ...content.items.map((i) => `${i.number} ${i.title}`), '后续事项'];
}

/** "header.place" → value, for every field: what an edit changed, in a form the audit log can keep. */
export function changedFields(before: MinutesContent, after: MinutesContent): Record<string, string> {
  const flat = (content: MinutesContent) =>
    new Map<string, string>([
      ...Object.entries(content.header).map(([k, v]) => [`header.${k}`, v] as const),
      ...Object.entries(content.attendance).map(([k, v]) => [`attendance.${k}`, v] as const),
      ...content.items.flatMap((item) =>
        Object.entries(item).map(([k, v]) => [`items.${item.agendaItemId}.${k}`, String(v)] as const),
      ),
      ...Object.entries(content.closing).map(([k, v]) => [`closing.${k}`, v] as const),
    ]);
  const old = flat(before);
  return Object.fromEntries([...flat(after)].filter(([k, v]) => old.get(k) !== v));
}

/** The sections must stay the draft's: same agenda items in the same order. */
export function sameStructure(a: MinutesContent, b: MinutesContent): boolean {
  return (
    a.items.length === b.items.length && a.items.every((item, i) => item.agendaItemId === b.items[i]!.agendaItemId)
  );
}
