import type { z } from 'zod';
import { formatMessage } from './errors';
import type { Locale } from './locale';

/** Field names a secretary recognises, for messages about what she typed. */
const fieldLabels: Record<string, Record<Locale, string>> = {
  name: { 'zh-CN': '社区名称', en: 'community name' },
  subDistrict: { 'zh-CN': '所属街道', en: 'sub-district' },
  district: { 'zh-CN': '所属区', en: 'district' },
  pavilionName: { 'zh-CN': '议事亭名称', en: 'pavilion name' },
  pavilionPlace: { 'zh-CN': '议事亭地点', en: 'pavilion location' },
  title: { 'zh-CN': '会议名称', en: 'meeting title' },
  kind: { 'zh-CN': '会议类型', en: 'meeting kind' },
  scheduledAt: { 'zh-CN': '会议时间', en: 'date and time' },
  place: { 'zh-CN': '会议地点', en: 'place' },
  status: { 'zh-CN': '会议状态', en: 'status' },
  id: { 'zh-CN': '编号', en: 'id' },
  locale: { 'zh-CN': '界面语言', en: 'language' },
  owner: { 'zh-CN': '责任方', en: 'owner' },
  deadline: { 'zh-CN': '完成时限', en: 'deadline' },
  reason: { 'zh-CN': '原因', en: 'reason' },
  note: { 'zh-CN': '进展情况', en: 'progress note' },
  findings: { 'zh-CN': '督办情况', en: 'findings' },
  date: { 'zh-CN': '日期', en: 'date' },
};

const reasons: Record<string, Record<Locale, string>> = {
  empty: { 'zh-CN': '“{field}”不能为空', en: '{field} must not be empty' },
  too_small: { 'zh-CN': '“{field}”太小（至少 {minimum}）', en: '{field} is too small (at least {minimum})' },
  too_long: {
    'zh-CN': '“{field}”太长（最多 {maximum} 个字）',
    en: '{field} is too long (at most {maximum} characters)',
  },
  too_big: { 'zh-CN': '“{field}”太大（最多 {maximum}）', en: '{field} is too large (at most {maximum})' },
  invalid_type: { 'zh-CN': '“{field}”的类型不对', en: '{field} has the wrong type' },
  invalid_value: { 'zh-CN': '“{field}”的取值无效', en: '{field} has an invalid value' },
  invalid_format: { 'zh-CN': '“{field}”的格式不对', en: '{field} is not in the right format' },
  unrecognized_keys: { 'zh-CN': '不认识的字段：{keys}', en: 'unknown fields: {keys}' },
  other: { 'zh-CN': '“{field}”无效', en: '{field} is invalid' },
  // Rules between fields: a refine's message names one of these.
  reason_required: { 'zh-CN': '请写明无法落实的原因', en: 'Say why it cannot be done' },
  satisfaction_when_done: {
    'zh-CN': '办结后才能记录居民满意度',
    en: 'Satisfaction is recorded once the item is done',
  },
  period_order: { 'zh-CN': '开始日期不能晚于结束日期', en: 'The start date must not be after the end date' },
};

function labelOf(path: readonly PropertyKey[], locale: Locale): string {
  const key = String(path.at(-1) ?? '');
  return fieldLabels[key]?.[locale] ?? (key || (locale === 'zh-CN' ? '输入' : 'input'));
}

function reasonOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) <= 1 ? 'empty' : 'too_small';
    case 'too_big':
      return issue.origin === 'string' ? 'too_long' : 'too_big';
    case 'invalid_type':
    case 'invalid_value':
    case 'invalid_format':
    case 'unrecognized_keys':
      return issue.code;
    case 'custom':
      return issue.message in reasons ? issue.message : 'other';
    default:
      return 'other';
  }
}

/** One readable sentence for the first problem zod found. */
export function describeIssue(issue: z.core.$ZodIssue, locale: Locale): string {
  const params = {
    field: labelOf(issue.path, locale),
    minimum: 'minimum' in issue ? String(issue.minimum) : '',
    maximum: 'maximum' in issue ? String(issue.maximum) : '',
    keys: 'keys' in issue ? issue.keys.join(', ') : '',
  };
  return formatMessage(reasons[reasonOf(issue)]![locale], params, locale);
}
