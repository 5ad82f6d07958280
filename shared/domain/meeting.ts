import { z } from 'zod';
import { LocalDateTime, localDay } from '../dates';

export const meetingKinds = ['pavilion', 'five_party', 'representatives', 'building', 'other'] as const;
export type MeetingKind = (typeof meetingKinds)[number];

export const meetingStatuses = ['draft', 'announced', 'in_progress', 'closed'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

/** A meeting only moves forward; announcing is optional for a meeting called at short notice. */
const nextStatuses: Record<MeetingStatus, readonly MeetingStatus[]> = {
  draft: ['announced', 'in_progress'],
  announced: ['in_progress'],
  in_progress: ['closed'],
  closed: [],
};

export function canTransition(from: MeetingStatus, to: MeetingStatus): boolean {
  return nextStatuses[from].includes(to);
}

export function nextStatusesOf(status: MeetingStatus): readonly MeetingStatus[] {
  return nextStatuses[status];
}

export const MeetingId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const title = z.string().trim().min(1).max(120);
const place = z.string().trim().max(120);

export const MeetingCreateInput = z.strictObject({
  title,
  kind: z.enum(meetingKinds).default('pavilion'),
  scheduledAt: LocalDateTime.nullable().default(null),
  place: place.default(''),
});
export const MeetingRenameInput = z.strictObject({ id: MeetingId, title });
export const MeetingScheduleInput = z.strictObject({ id: MeetingId, scheduledAt: LocalDateTime.nullable(), place });
export const MeetingStatusInput = z.strictObject({ id: MeetingId, status: z.enum(meetingStatuses) });
export const MeetingRef = z.strictObject({ id: MeetingId });

export const quorumKinds = ['none', 'count', 'fraction'] as const;
export type QuorumKind = (typeof quorumKinds)[number];

/** Who runs it, who is asked to come, how long it lasts and what makes it quorate. */
export const MeetingPlanInput = z
  .strictObject({
    id: MeetingId,
    host: z.string().trim().max(40),
    recorder: z.string().trim().max(40),
    durationMinutes: z.number().int().min(15).max(600),
    expectedAttendance: z.number().int().min(0).max(100_000).nullable(),
    invitedRoles: z.array(z.string().trim().min(1).max(20)).max(30),
    invitedParties: z.array(z.string().trim().min(1).max(60)).max(50),
    invitedResidentIds: z.array(z.number().int().positive()).max(5_000),
    quorumKind: z.enum(quorumKinds),
    /** A head count for 'count', a fraction of invitees (0–1] for 'fraction'. */
    quorumValue: z.number().min(0).max(100_000),
  })
  .refine((plan) => plan.quorumKind !== 'fraction' || (plan.quorumValue > 0 && plan.quorumValue <= 1), {
    path: ['quorumValue'],
    message: 'fraction',
  });

export type MeetingPlan = Omit<z.infer<typeof MeetingPlanInput>, 'id'>;

export type Meeting = {
  id: number;
  title: string;
  kind: MeetingKind;
  status: MeetingStatus;
  scheduledAt: string | null;
  place: string;
  host: string;
  recorder: string;
  durationMinutes: number;
  expectedAttendance: number | null;
  invitedRoles: string[];
  invitedParties: string[];
  quorumKind: QuorumKind;
  quorumValue: number;
  /** When it was set in progress and closed: the minutes' "time from–to". */
  startedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export const meetingStatusLabels: Record<MeetingStatus, Record<'zh-CN' | 'en', string>> = {
  draft: { 'zh-CN': '筹备中', en: 'Draft' },
  announced: { 'zh-CN': '已发通知', en: 'Announced' },
  in_progress: { 'zh-CN': '进行中', en: 'In progress' },
  closed: { 'zh-CN': '已结束', en: 'Closed' },
};

export const meetingKindLabels: Record<MeetingKind, Record<'zh-CN' | 'en', string>> = {
  pavilion: { 'zh-CN': '幸福议事亭议事会', en: 'Pavilion deliberation meeting' },
  five_party: { 'zh-CN': '五方议事会', en: 'Five-party meeting' },
  representatives: { 'zh-CN': '居民代表会议', en: "Residents' representatives meeting" },
  building: { 'zh-CN': '楼组议事', en: 'Building-group meeting' },
  other: { 'zh-CN': '其他会议', en: 'Other meeting' },
};

/** The day a meeting was held, else the day it was planned for (undefined for a meeting never scheduled). */
export const meetingDay = (m: { startedAt: string | null; scheduledAt: string | null }) =>
  m.startedAt ? localDay(m.startedAt) : m.scheduledAt ? localDay(m.scheduledAt) : undefined;
