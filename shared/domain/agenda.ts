import { z } from 'zod';
import type { Localized } from '../errors';
import { MeetingId } from './meeting';
import { TopicId } from './topic';

/** Free items every secretary uses besides topics from the pool. */
export const agendaKinds = ['topic', 'briefing', 'follow_up', 'other', 'custom'] as const;
export type AgendaKind = (typeof agendaKinds)[number];

export const voteRules = [
  'consensus',
  'simple_majority',
  'absolute_majority',
  'two_thirds',
  'unanimity',
  'owners_ordinary',
  'owners_major',
] as const;
export type VoteRule = (typeof voteRules)[number];

export const agendaKindLabels: Record<AgendaKind, Localized> = {
  topic: { 'zh-CN': '议题', en: 'Topic' },
  briefing: { 'zh-CN': '情况通报', en: 'Briefing' },
  follow_up: { 'zh-CN': '上次议定事项落实情况', en: 'Follow-up on earlier resolutions' },
  other: { 'zh-CN': '其他事项', en: 'Any other business' },
  custom: { 'zh-CN': '自定义事项', en: 'Custom item' },
};

export const voteRuleLabels: Record<VoteRule, Localized> = {
  consensus: { 'zh-CN': '协商一致', en: 'Consensus' },
  simple_majority: { 'zh-CN': '过半数（按投票数）', en: 'Simple majority of votes cast' },
  absolute_majority: { 'zh-CN': '过半数（按到会人数）', en: 'Absolute majority of those present' },
  two_thirds: { 'zh-CN': '三分之二以上', en: 'Two-thirds' },
  unanimity: { 'zh-CN': '全体一致', en: 'Unanimity' },
  owners_ordinary: { 'zh-CN': '业主共同决定（一般事项）', en: "Owners' decision (ordinary matter)" },
  owners_major: {
    'zh-CN': '业主共同决定（重大事项，四分之三）',
    en: "Owners' decision (major matter, three-quarters)",
  },
};

export type AgendaItem = {
  id: number;
  meetingId: number;
  parentId: number | null;
  position: number;
  kind: AgendaKind;
  topicId: number | null;
  title: string;
  plannedMinutes: number;
  presenter: string;
  question: string;
  voteRule: VoteRule | null;
  /** 发言要点 typed live during the meeting. */
  notes: string;
  /** Seconds spent on the item before its current stint. */
  spentSeconds: number;
};

const minutes = z.number().int().min(0).max(600);
export const AgendaItemId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const AgendaAddInput = z.strictObject({
  meetingId: MeetingId,
  kind: z.enum(agendaKinds),
  topicId: TopicId.optional(),
  title: z.string().trim().max(100).optional(),
  plannedMinutes: minutes.default(10),
});
export const AgendaUpdateInput = z.strictObject({
  id: AgendaItemId,
  title: z.string().trim().min(1).max(100),
  plannedMinutes: minutes,
  presenter: z.string().trim().max(60),
  question: z.string().trim().max(500),
  voteRule: z.enum(voteRules).nullable(),
});
/** Put an item at `index` among the children of `parentId` (null: the top level). */
export const AgendaMoveInput = z.strictObject({
  id: AgendaItemId,
  parentId: AgendaItemId.nullable(),
  index: z.number().int().min(0).max(1000),
});

/** Items in reading order: each top-level item followed by its children, each list by position. */
export function orderAgenda<T extends Pick<AgendaItem, 'id' | 'parentId' | 'position'>>(items: readonly T[]): T[] {
  const byPosition = (a: T, b: T) => a.position - b.position || a.id - b.id;
  const top = items.filter((i) => i.parentId === null).sort(byPosition);
  return top.flatMap((item) => [item, ...items.filter((c) => c.parentId === item.id).sort(byPosition)]);
}

/** "1", "1.1", "2": the numbers the notice and the projector show. */
export function agendaNumbers(items: readonly Pick<AgendaItem, 'id' | 'parentId' | 'position'>[]): Map<number, string> {
  const numbers = new Map<number, string>();
  let top = 0;
  let child = 0;
  for (const item of orderAgenda(items)) {
    if (item.parentId === null) {
      top += 1;
      child = 0;
      numbers.set(item.id, String(top));
    } else {
      child += 1;
      numbers.set(item.id, `${top}.${child}`);
    }
  }
  return numbers;
}

export type MoveError = 'nesting_too_deep' | 'parent_missing' | 'self_parent';

/**
 * New positions after moving one item. One level of nesting only: an item with children stays at the top,
 * and nothing nests under a child. Returns the positions to store, or why the move is refused.
 */
export function moveAgendaItem(
  items: readonly Pick<AgendaItem, 'id' | 'parentId' | 'position'>[],
  move: { id: number; parentId: number | null; index: number },
): { id: number; parentId: number | null; position: number }[] | MoveError {
  const item = items.find((i) => i.id === move.id);
  if (!item) return 'parent_missing';
  if (move.parentId !== null) {
    if (move.parentId === move.id) return 'self_parent';
    const parent = items.find((i) => i.id === move.parentId);
    if (!parent) return 'parent_missing';
    if (parent.parentId !== null || items.some((i) => i.parentId === move.id)) return 'nesting_too_deep';
  }
  const siblings = orderAgenda(items).filter((i) => i.parentId === move.parentId && i.id !== move.id);
  const index = Math.min(move.index, siblings.length);
  const reordered = [...siblings.slice(0, index), item, ...siblings.slice(index)];
  const updates = reordered.map((i, position) => ({ id: i.id, parentId: move.parentId, position }));
  // Close the gap the item left among its old siblings.
  if (item.parentId !== move.parentId) {
    const old = orderAgenda(items).filter((i) => i.parentId === item.parentId && i.id !== move.id);
    updates.push(...old.map((i, position) => ({ id: i.id, parentId: item.parentId, position })));
  }
  return updates;
}

/** The plan against the meeting's length: a parent's own minutes plus its children's. */
export function agendaTotal(items: readonly Pick<AgendaItem, 'plannedMinutes'>[], meetingMinutes: number) {
  const total = items.reduce((sum, i) => sum + i.plannedMinutes, 0);
  return { total, over: Math.max(0, total - meetingMinutes) };
}
