import { z } from 'zod';
import { Day } from '../dates';
import type { Localized } from '../errors';

export const topicSources = [
  'resident',
  'grid_worker',
  'suggestion',
  'hotline',
  'property',
  'patrol',
  'other',
] as const;
export const topicLevels = ['small', 'big', 'hard'] as const;
export const topicStatuses = [
  'collected',
  'accepted',
  'declined',
  'referred',
  'escalated',
  'scheduled',
  'decided',
  'implementing',
  'done',
] as const;
export const triageDecisions = ['accept', 'refer_department', 'refer_mediation', 'escalate', 'decline'] as const;
export const consultationKinds = ['visit', 'call', 'symposium'] as const;
export const defaultTopicCategories = [
  '环境卫生',
  '停车交通',
  '加装电梯',
  '物业服务',
  '安全隐患',
  '邻里纠纷',
  '公共设施',
  '养老托幼',
  '其他',
] as const;

export type TopicSource = (typeof topicSources)[number];
export type TopicLevel = (typeof topicLevels)[number];
export type TopicStatus = (typeof topicStatuses)[number];
export type TriageDecision = (typeof triageDecisions)[number];
export type ConsultationKind = (typeof consultationKinds)[number];

export const topicSourceLabels: Record<TopicSource, Localized> = {
  resident: { 'zh-CN': '居民提议', en: 'Resident proposal' },
  grid_worker: { 'zh-CN': '网格员上报', en: 'Grid worker report' },
  suggestion: { 'zh-CN': '人民建议征集', en: "People's suggestions" },
  hotline: { 'zh-CN': '12345/热线转办', en: '12345 hotline referral' },
  property: { 'zh-CN': '物业/业委会提出', en: 'Property company / owners’ committee' },
  patrol: { 'zh-CN': '社区排查', en: 'Community patrol' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

export const topicLevelLabels: Record<TopicLevel, Localized> = {
  small: { 'zh-CN': '小事（楼组/网格）', en: 'Small (building / grid)' },
  big: { 'zh-CN': '大事（社区/议事亭）', en: 'Big (community / pavilion)' },
  hard: { 'zh-CN': '难事（需街道）', en: 'Hard (needs the sub-district)' },
};

export const topicStatusLabels: Record<TopicStatus, Localized> = {
  collected: { 'zh-CN': '已收集', en: 'Collected' },
  accepted: { 'zh-CN': '已受理', en: 'Accepted' },
  declined: { 'zh-CN': '不予受理', en: 'Declined' },
  referred: { 'zh-CN': '已转办', en: 'Referred' },
  escalated: { 'zh-CN': '已上报街道', en: 'Escalated' },
  scheduled: { 'zh-CN': '已排期', en: 'Scheduled' },
  decided: { 'zh-CN': '已议定', en: 'Decided' },
  implementing: { 'zh-CN': '落实中', en: 'Being implemented' },
  done: { 'zh-CN': '已办结', en: 'Done' },
};

export const triageDecisionLabels: Record<TriageDecision, Localized> = {
  accept: { 'zh-CN': '受理为议题', en: 'Accept as a topic' },
  refer_department: { 'zh-CN': '转职能部门办理', en: 'Refer to a department' },
  refer_mediation: { 'zh-CN': '转人民调解', en: 'Refer to mediation' },
  escalate: { 'zh-CN': '上报街道', en: 'Escalate to the sub-district' },
  decline: { 'zh-CN': '不予受理', en: 'Decline' },
};

export const consultationKindLabels: Record<ConsultationKind, Localized> = {
  visit: { 'zh-CN': '上门走访', en: 'Home visit' },
  call: { 'zh-CN': '电话征询', en: 'Phone call' },
  symposium: { 'zh-CN': '座谈会', en: 'Symposium' },
};

/** Where each triage decision sends a topic. */
export const decisionStatus: Record<TriageDecision, TopicStatus> = {
  accept: 'accepted',
  refer_department: 'referred',
  refer_mediation: 'referred',
  escalate: 'escalated',
  decline: 'declined',
};

/**
 * The topic's life. Triage happens once from 已收集 (a wrong decision can be revisited from 不予受理/已转办);
 * a topic may be escalated until it is decided; after a meeting without a decision it goes back to 已受理
 * for another round.
 */
const nextStatuses: Record<TopicStatus, readonly TopicStatus[]> = {
  collected: ['accepted', 'declined', 'referred', 'escalated'],
  declined: ['accepted'],
  referred: ['accepted', 'escalated'],
  accepted: ['scheduled', 'escalated', 'declined'],
  scheduled: ['decided', 'accepted', 'escalated'],
  escalated: ['accepted'],
  decided: ['implementing', 'scheduled'],
  implementing: ['done'],
  done: [],
};

export function canMoveTopic(from: TopicStatus, to: TopicStatus): boolean {
  return nextStatuses[from].includes(to);
}

const text = (max: number) => z.string().trim().max(max);
export const TopicId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const TopicFields = {
  title: z.string().trim().min(1).max(100),
  description: text(4000),
  source: z.enum(topicSources),
  raisedBy: text(60),
  raisedOn: Day,
  category: z.string().trim().min(1).max(20),
  level: z.enum(topicLevels),
  building: text(20),
  lane: text(60),
};

export const TopicCreateInput = z.strictObject(TopicFields);
export const TopicUpdateInput = z.strictObject({ id: TopicId, ...TopicFields });
export const TopicListInput = z.strictObject({
  statuses: z.array(z.enum(topicStatuses)).max(topicStatuses.length).optional(),
  levels: z.array(z.enum(topicLevels)).max(topicLevels.length).optional(),
  sources: z.array(z.enum(topicSources)).max(topicSources.length).optional(),
  category: z.string().max(20).optional(),
  query: z.string().max(40).optional(),
});
export const TopicTriageInput = z.strictObject({
  ids: z.array(TopicId).min(1).max(500),
  decision: z.enum(triageDecisions),
  reason: z.string().trim().max(500),
  /** Which department or mediation committee takes a referred topic (required for a department). */
  referredTo: z.string().trim().max(60).default(''),
});

/** The categories every community starts with, and what English screens call them (a custom one shows as typed). */
export const topicCategoryLabels: Record<(typeof defaultTopicCategories)[number], Localized> = {
  环境卫生: { 'zh-CN': '环境卫生', en: 'Environment and sanitation' },
  停车交通: { 'zh-CN': '停车交通', en: 'Parking and traffic' },
  加装电梯: { 'zh-CN': '加装电梯', en: 'Lift installation' },
  物业服务: { 'zh-CN': '物业服务', en: 'Property services' },
  安全隐患: { 'zh-CN': '安全隐患', en: 'Safety hazards' },
  邻里纠纷: { 'zh-CN': '邻里纠纷', en: 'Neighbour disputes' },
  公共设施: { 'zh-CN': '公共设施', en: 'Public facilities' },
  养老托幼: { 'zh-CN': '养老托幼', en: 'Elderly and child care' },
  其他: { 'zh-CN': '其他', en: 'Other' },
};

/** Departments a community usually refers to (offered, not imposed: the field is free text). */
export const commonDepartments = [
  '住建部门',
  '城管执法',
  '市场监管',
  '公安派出所',
  '交警',
  '消防救援',
  '生态环境',
  '水利部门',
  '供电公司',
  '自来水公司',
  '燃气公司',
] as const;

/** Consulting residents is for a topic still on its way to a meeting (or the sub-district), or between rounds. */
export const canConsult = (status: TopicStatus) =>
  status === 'collected' ||
  status === 'accepted' ||
  status === 'scheduled' ||
  status === 'escalated' ||
  status === 'decided';

/** A typical case tells how a concern was worked through: not for a topic the community declined. */
export const canWriteCase = (status: TopicStatus) => status !== 'declined';
export const TopicDuplicateInput = z.strictObject({ id: TopicId, of: TopicId });
export const ConsultationInput = z.strictObject({
  topicId: TopicId,
  kind: z.enum(consultationKinds),
  date: Day,
  households: z.number().int().min(0).max(100_000),
  summary: z.string().trim().min(1).max(4000),
});
export const PhotoInput = z.strictObject({
  topicId: TopicId,
  fileName: z.string().trim().min(1).max(255),
  /** The picture as the secretary chose it (JPEG/PNG/WebP, at most 15 MB), base64. */
  data: z.base64().max(20_000_000),
  /** A small JPEG the renderer drew for lists, as a data: URL. */
  thumbnail: z
    .string()
    .max(200_000)
    .regex(/^data:image\/(jpeg|png|webp);base64,/),
});

export type Topic = z.infer<typeof TopicCreateInput> & {
  id: number;
  status: TopicStatus;
  decision: TriageDecision | null;
  decisionReason: string;
  referredTo: string;
  duplicateOf: number | null;
  createdAt: string;
  updatedAt: string;
};

export type Consultation = z.infer<typeof ConsultationInput> & { id: number };
export type TopicPhoto = { id: number; fileName: string; thumbnail: string };
export type TopicHistoryEntry = { at: string; action: string; detail: string };
export type TopicDetail = Topic & { consultations: Consultation[]; photos: TopicPhoto[]; history: TopicHistoryEntry[] };
