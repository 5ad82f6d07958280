import { z } from 'zod';
import { Day } from '../dates';
import type { Localized } from '../errors';

/** 落实 of a resolution: 待落实 → 落实中 → 已办结, or 无法落实 with the reason. */
export const actionStatuses = ['pending', 'in_progress', 'done', 'impossible'] as const;
export type ActionStatus = (typeof actionStatuses)[number];
export const satisfactions = ['satisfied', 'basically', 'dissatisfied'] as const;
export type Satisfaction = (typeof satisfactions)[number];

export const actionStatusLabels: Record<ActionStatus, Localized> = {
  pending: { 'zh-CN': '待落实', en: 'Pending' },
  in_progress: { 'zh-CN': '落实中', en: 'In progress' },
  done: { 'zh-CN': '已办结', en: 'Done' },
  impossible: { 'zh-CN': '无法落实', en: 'Cannot be done' },
};
export const satisfactionLabels: Record<Satisfaction, Localized> = {
  satisfied: { 'zh-CN': '满意', en: 'Satisfied' },
  basically: { 'zh-CN': '基本满意', en: 'Mostly satisfied' },
  dissatisfied: { 'zh-CN': '不满意', en: 'Dissatisfied' },
};

/** Parties that usually carry a resolution out; the owner field also takes a person's name. */
export const ownerParties = ['社区', '物业', '业委会', '街道', '网格员', '共建单位'] as const;

export const isOpen = (status: ActionStatus) => status === 'pending' || status === 'in_progress';

/** Past its deadline and still open, on the given local day (YYYY-MM-DD). */
export const isOverdue = (item: { status: ActionStatus; deadline: string | null }, today: string) =>
  isOpen(item.status) && item.deadline !== null && item.deadline < today;

/** Closed as done on or before its deadline (an item without a deadline is on time when done). */
export const doneOnTime = (item: { status: ActionStatus; deadline: string | null; closedOn: string | null }) =>
  item.status === 'done' && (item.deadline === null || (item.closedOn !== null && item.closedOn <= item.deadline));

export const ActionItemId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const text = (max: number) => z.string().trim().max(max);

export const ActionUpdateInput = z
  .strictObject({
    id: ActionItemId,
    owner: text(60),
    deadline: Day.nullable(),
    status: z.enum(actionStatuses),
    reason: text(500).default(''),
    satisfaction: z.enum(satisfactions).nullable().default(null),
  })
  .refine((v) => v.status !== 'impossible' || v.reason.length > 0, {
    path: ['reason'],
    message: 'reason_required',
  })
  .refine((v) => v.satisfaction === null || v.status === 'done', {
    path: ['satisfaction'],
    message: 'satisfaction_when_done',
  });

export const ProgressInput = z.strictObject({ id: ActionItemId, date: Day, note: text(1000).min(1) });
export const SupervisorSaveInput = z.strictObject({
  id: z.number().int().positive().nullable().default(null),
  name: text(30).min(1),
  /** Absent on an edit keeps the stored number (the screen only ever sees it masked). */
  phone: text(30).optional(),
  active: z.boolean().default(true),
});
export const SupervisionInput = z.strictObject({
  id: ActionItemId,
  supervisorId: z.number().int().positive(),
  date: Day,
  findings: text(1000).min(1),
  rectification: text(1000).default(''),
});

/** As the screen sees one: the phone masked like a resident's, its last 4 digits kept. */
export type Supervisor = { id: number; name: string; phoneMasked: string; active: boolean };
export type ActionProgress = { id: number; date: string; note: string };
export type SupervisionCheck = {
  id: number;
  supervisor: string;
  date: string;
  findings: string;
  rectification: string;
};
export type ActionItem = {
  id: number;
  meetingId: number;
  meetingTitle: string;
  heldOn: string;
  topicId: number | null;
  title: string;
  resolution: string;
  owner: string;
  deadline: string | null;
  status: ActionStatus;
  reason: string;
  satisfaction: Satisfaction | null;
  closedOn: string | null;
  overdue: boolean;
  progress: ActionProgress[];
  checks: SupervisionCheck[];
};
