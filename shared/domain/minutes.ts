import { z } from 'zod';
import { Day } from '../dates';
import { canonicalJson } from '../canonical-json';
import { MeetingId } from './meeting';

const line = z.string().max(200);
const prose = z.string().max(20_000);
const count = z.number().int().min(0).max(1_000_000);
const headcount = z.strictObject({ residents: count, proxies: count, total: count });

/** `shared/figures.ts`'s MeetingFigures, frozen into the minutes when the meeting closes. */
export const MinutesFigures = z.strictObject({
  invited: count,
  attended: headcount,
  present: headcount,
  left: headcount,
  guests: count,
  quorum: z.strictObject({ required: count, reached: z.boolean(), reachedNow: z.boolean() }).nullable(),
});

const choice = z.enum(['for', 'against', 'abstain']);

/** The annexes a reviewer checks the minutes against: who came, and who voted how in each named vote. */
export const MinutesAnnex = z.strictObject({
  attendance: z
    .array(
      z.strictObject({
        kind: z.enum(['resident', 'proxy', 'guest']),
        name: line,
        /** Room ("3-1-301") for residents, organisation and role for guests. */
        address: line,
        role: line,
        checkedIn: line,
        left: line,
        note: line,
      }),
    )
    .max(10_000),
  votes: z
    .array(
      z.strictObject({
        agendaItemId: z.number().int().positive(),
        number: z.string().max(10),
        question: z.string().max(500),
        method: z.enum(['roll_call', 'owners']),
        result: prose,
        lines: z
          .array(
            z.strictObject({
              name: line,
              address: line,
              choice,
              proxyHolder: line.nullable(),
              area: z.number().min(0).max(100_000).optional(),
            }),
          )
          .max(20_000),
      }),
    )
    .max(200),
});
export type MinutesAnnex = z.infer<typeof MinutesAnnex>;

/** What the standing vote on an item decided: only an adopted one makes a resolution (议定事项). */
export const decisions = ['adopted', 'not_adopted', 'none'] as const;
export type Decision = (typeof decisions)[number];

/** A deadline as a date field gives it, or empty when the resolution has none. */
const deadline = z.union([z.literal(''), Day]);

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
    /** When it was planned for ("2026年12月5日（星期六）19:00"); date and time above are when it was held. */
    planned: line.optional(),
  }),
  attendance: z.strictObject({
    summary: prose,
    present: prose,
    guests: prose,
    proxies: prose,
    absent: prose,
    quorum: prose,
    /** Who left early, and which proxies lapsed with them. */
    left: prose.optional(),
  }),
  // The fields added after the first release are optional, so minutes finalized before them keep their hash.
  figures: MinutesFigures.optional(),
  items: z
    .array(
      z.strictObject({
        agendaItemId: z.number().int().positive(),
        number: z.string().max(10),
        title: line,
        presenter: line,
        discussion: prose,
        vote: prose,
        /** The standing vote's result in one line (the 公示 prints it). */
        result: prose.optional(),
        decision: z.enum(decisions).optional(),
        resolution: prose,
        owner: line,
        deadline,
      }),
    )
    .max(200),
  closing: z.strictObject({ followUps: prose, other: prose }),
  annex: MinutesAnnex.optional(),
  /** How many blank lines for 参会代表 to sign, under the 主持人 and 记录人 lines. */
  signing: z.strictObject({ representatives: z.number().int().min(0).max(20) }).optional(),
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
      ['signing.representatives', String(content.signing?.representatives ?? 0)],
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

/**
 * What the meeting itself recorded — attendance, figures, votes, the annexes — is not the secretary's to
 * rewrite: it must agree with the run screen, the sign-in record and the bundle. A slip is put right by an
 * amendment after finalization, which keeps both.
 */
export function sameRecord(a: MinutesContent, b: MinutesContent): boolean {
  const fixed = (c: MinutesContent) =>
    canonicalJson({
      attendance: c.attendance,
      figures: c.figures ?? null,
      annex: c.annex ?? null,
      items: c.items.map((i) => [i.agendaItemId, i.vote, i.result ?? null, i.decision ?? null]),
    });
  return fixed(a) === fixed(b);
}

/**
 * Is this item a resolution (议定事项 — a follow-up task, a line of the 公示)? Only an adopted vote or a
 * consensus makes one; minutes drafted before decisions were recorded count a written resolution.
 */
export const isResolution = (item: MinutesItem) =>
  item.decision ? item.decision === 'adopted' : item.resolution.trim() !== '';
