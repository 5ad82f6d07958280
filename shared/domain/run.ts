import { z } from 'zod';
import type { MeetingFigures } from '../figures';
import type { AgendaItem } from './agenda';
import { AgendaItemId } from './agenda';
import type { Meeting } from './meeting';
import { MeetingId } from './meeting';
import type { VoteRecord } from './vote';

export type Attendee = {
  id: number;
  residentId: number | null;
  name: string;
  /** "3-2-301" for residents; organisation and role for guests. */
  detail: string;
  guest: boolean;
  tags: string[];
  checkedInAt: string;
  leftAt: string | null;
  /** Names of the absent residents whose written proxies this attendee holds. */
  proxiesFor: { proxyId: number; residentId: number; name: string; detail: string }[];
};

export type Speaker = {
  id: number;
  attendanceId: number;
  name: string;
  position: number;
  status: 'queued' | 'speaking' | 'done';
  startedAt: string | null;
  note: string;
};

export type ProjectorMode = 'live' | 'blank' | 'message';

/** Everything the secretary's run screen and the projector show, in one answer. */
export type RunState = {
  meeting: Meeting;
  communityName: string;
  agenda: (AgendaItem & { number: string })[];
  currentItemId: number | null;
  /** When the current item's present stint began; elapsed = spentSeconds + (now − itemStartedAt). */
  itemStartedAt: string | null;
  serverNow: string;
  speakerSeconds: number;
  speakers: Speaker[];
  /** 应到 / 实到 / 在场 / 离场 / 列席 and the quorum (`shared/figures.ts`): every screen shows these. */
  figures: MeetingFigures;
  votes: VoteRecord[];
  projector: { mode: ProjectorMode; message: string };
};

const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const CheckInInput = z.strictObject({ meetingId: MeetingId, residentId: Id });
export const GuestInput = z.strictObject({
  meetingId: MeetingId,
  name: z.string().trim().min(1).max(40),
  organisation: z.string().trim().max(60),
  role: z.string().trim().max(40),
});
export const AttendanceRef = z.strictObject({ attendanceId: Id });
export const ProxyInput = z.strictObject({ meetingId: MeetingId, holderAttendanceId: Id, absentResidentId: Id });
export const GotoInput = z.strictObject({ meetingId: MeetingId, itemId: AgendaItemId });
export const SpeakerSecondsInput = z.strictObject({
  meetingId: MeetingId,
  seconds: z.number().int().min(30).max(1800),
});
export const ProjectorInput = z.strictObject({
  meetingId: MeetingId,
  mode: z.enum(['live', 'blank', 'message']),
  message: z.string().trim().max(200),
});
export const SpeakerAddInput = z.strictObject({ agendaItemId: AgendaItemId, attendanceId: Id });
export const SpeakerMoveInput = z.strictObject({ id: Id, index: z.number().int().min(0).max(1000) });
export const SpeakerRef = z.strictObject({ id: Id });
export const SpeakerNoteInput = z.strictObject({ id: Id, note: z.string().max(2000) });
export const ItemNotesInput = z.strictObject({ id: AgendaItemId, notes: z.string().max(10_000) });
