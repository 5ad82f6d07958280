import type { QuorumKind } from './domain/meeting';

/**
 * The headcounts of a meeting, defined once. Every screen, record, manifest and statistic reads them from here:
 *
 * - 应到 (invited): residents invited by name or by role, each once, plus anyone not invited whom the meeting
 *   counted anyway (the door asked and the secretary chose 计入实到, or a proxy was taken for them): 实到 never
 *   exceeds 应到. A meeting without an invitation list has no 应到 (0) and asks nobody.
 * - 实到 (attended): every resident who signed in, plus every absent resident a written proxy (委托) spoke for —
 *   each person once, however often they came and went.
 * - 在场 (present): who is represented now: residents in the room, plus proxies whose holder is in the room. The
 *   base of the quorum check while the meeting runs and of every vote.
 * - 离场 (left): 实到 − 在场: residents who left, and proxies that lapsed when their holder left.
 * - 列席 (guests): guests who signed in; never counted in any of the above.
 */
export type AttendanceFacts = {
  attendees: readonly { id: number; residentId: number | null; leftAt: string | null }[];
  proxies: readonly { holderAttendanceId: number; absentResidentId: number }[];
  invited: readonly number[];
};

export type QuorumRule = { kind: QuorumKind; value: number };

/** One represented resident: in person, through a proxy, or both at different times. */
export type Representation = {
  residentId: number;
  /** Signed in at some point. */
  came: boolean;
  /** Represented now: in the room, or through a proxy whose holder is. */
  present: boolean;
  /** The attendance row of the resident, when they came. */
  attendanceId: number | null;
  /** The holder's attendance row while a proxy speaks for this resident now (null when in the room in person). */
  proxyHolder: number | null;
};

export type Headcount = { residents: number; proxies: number; total: number };

export type MeetingFigures = {
  invited: number;
  attended: Headcount;
  present: Headcount;
  left: Headcount;
  guests: number;
  /**
   * null when the meeting sets no quorum (不设). `reached` judges 实到 (was the meeting quorate), `reachedNow`
   * judges 在场 (is it still, for the next vote).
   */
  quorum: { required: number; reached: boolean; reachedNow: boolean } | null;
};

/** Everyone the meeting represents, one entry per resident, in sign-in order (proxies after their holder). */
export function representation(facts: AttendanceFacts): Representation[] {
  const byResident = new Map<number, Representation>();
  const here = new Map<number, boolean>();
  for (const a of facts.attendees) {
    here.set(a.id, a.leftAt === null);
    if (a.residentId === null) continue;
    byResident.set(a.residentId, {
      residentId: a.residentId,
      came: true,
      present: a.leftAt === null,
      attendanceId: a.id,
      proxyHolder: null,
    });
  }
  const residentHolders = new Set(facts.attendees.filter((a) => a.residentId !== null).map((a) => a.id));
  for (const p of facts.proxies) {
    // A guest cannot hold a proxy; a proxy held by nobody we know of counts for nothing.
    if (!residentHolders.has(p.holderAttendanceId)) continue;
    const holderHere = here.get(p.holderAttendanceId) === true;
    const person = byResident.get(p.absentResidentId);
    if (!person) {
      byResident.set(p.absentResidentId, {
        residentId: p.absentResidentId,
        came: false,
        present: holderHere,
        attendanceId: null,
        proxyHolder: holderHere ? p.holderAttendanceId : null,
      });
    } else if (!person.present && holderHere) {
      // Left early and handed a proxy to someone still here: represented again, through the proxy.
      person.present = true;
      person.proxyHolder = p.holderAttendanceId;
    }
  }
  return [...byResident.values()];
}

const headcount = (people: Representation[], residents: (r: Representation) => boolean): Headcount => {
  const inPerson = people.filter(residents).length;
  return { residents: inPerson, proxies: people.length - inPerson, total: people.length };
};

/** A fraction rule rounds up: half of 25 invitees needs 13. */
export function quorumRequired(rule: QuorumRule, invited: number): number | null {
  if (rule.kind === 'none') return null;
  return rule.kind === 'count' ? Math.ceil(rule.value) : Math.ceil(rule.value * invited - 1e-9);
}

export function meetingFigures(rule: QuorumRule, facts: AttendanceFacts): MeetingFigures {
  const people = representation(facts);
  const invitedIds = new Set(facts.invited);
  const invited = invitedIds.size && new Set([...invitedIds, ...people.map((r) => r.residentId)]).size;
  const attended = headcount(people, (r) => r.came);
  const present = headcount(
    people.filter((r) => r.present),
    (r) => r.proxyHolder === null,
  );
  const left = headcount(
    people.filter((r) => !r.present),
    (r) => r.came,
  );
  const required = quorumRequired(rule, invited);
  return {
    invited,
    attended,
    present,
    left,
    guests: facts.attendees.filter((a) => a.residentId === null).length,
    quorum:
      required === null
        ? null
        : { required, reached: attended.total >= required, reachedNow: present.total >= required },
  };
}

/** Invited residents nobody represented: neither came nor sent a proxy. */
export function absentees(facts: AttendanceFacts): number[] {
  const represented = new Set(representation(facts).map((r) => r.residentId));
  return [...new Set(facts.invited)].filter((id) => !represented.has(id));
}

/**
 * The figures in one sentence, as the minutes and the sign-in record print them:
 * "应到 30 人，实到 25 人（其中书面委托 1 人），中途离场 1 人，列席 1 人。"
 */
export function figuresSentence(f: MeetingFigures): string {
  return [
    f.invited ? `应到 ${f.invited} 人` : '',
    `实到 ${f.attended.total} 人${f.attended.proxies ? `（其中书面委托 ${f.attended.proxies} 人）` : ''}`,
    f.left.total ? `中途离场 ${f.left.total} 人，会议结束时在场 ${f.present.total} 人` : '',
    f.guests ? `列席 ${f.guests} 人` : '',
  ]
    .filter(Boolean)
    .join('，')
    .concat('。');
}

/** The quorum in one sentence; a meeting without a rule never claims to have "reached" one. */
export function quorumSentence(f: MeetingFigures): string {
  if (!f.quorum) return '本次会议未设定法定人数。';
  const { required, reached } = f.quorum;
  return `法定人数 ${required} 人，实到 ${f.attended.total} 人，${reached ? '达到法定人数，会议有效' : '未达到法定人数'}。`;
}
