import type { z } from 'zod';
import { formatMessage, type Localized } from './errors';
import type { Locale } from './locale';

/** Field names a secretary recognises, for messages about what she typed. */
const fieldLabels: Record<string, Localized> = {
  name: { 'zh-CN': '名称', en: 'name' },
  title: { 'zh-CN': '标题', en: 'title' },
  kind: { 'zh-CN': '类型', en: 'kind' },
  status: { 'zh-CN': '状态', en: 'status' },
  id: { 'zh-CN': '编号', en: 'id' },
  subDistrict: { 'zh-CN': '所属街道', en: 'sub-district' },
  district: { 'zh-CN': '所属区', en: 'district' },
  pavilionName: { 'zh-CN': '议事亭名称', en: 'pavilion name' },
  pavilionPlace: { 'zh-CN': '议事亭地点', en: 'pavilion location' },
  contactName: { 'zh-CN': '联系人', en: 'contact' },
  contactPhone: { 'zh-CN': '联系电话', en: 'contact phone' },
  noticeBoard: { 'zh-CN': '公示地点', en: 'notice board' },
  scheduledAt: { 'zh-CN': '会议时间', en: 'date and time' },
  place: { 'zh-CN': '地点', en: 'place' },
  locale: { 'zh-CN': '界面语言', en: 'language' },
  owner: { 'zh-CN': '责任方', en: 'owner' },
  deadline: { 'zh-CN': '完成时限', en: 'deadline' },
  reason: { 'zh-CN': '原因', en: 'reason' },
  note: { 'zh-CN': '备注', en: 'note' },
  findings: { 'zh-CN': '督办情况', en: 'findings' },
  rectification: { 'zh-CN': '整改要求', en: 'rectification' },
  date: { 'zh-CN': '日期', en: 'date' },
  gender: { 'zh-CN': '性别', en: 'gender' },
  building: { 'zh-CN': '楼栋', en: 'building' },
  unit: { 'zh-CN': '单元', en: 'unit' },
  room: { 'zh-CN': '房号', en: 'room' },
  phone: { 'zh-CN': '电话', en: 'phone' },
  tags: { 'zh-CN': '身份标签', en: 'tags' },
  area: { 'zh-CN': '专有部分面积', en: 'private area' },
  description: { 'zh-CN': '情况描述', en: 'description' },
  source: { 'zh-CN': '来源', en: 'source' },
  raisedBy: { 'zh-CN': '提出人', en: 'raised by' },
  raisedOn: { 'zh-CN': '提出日期', en: 'raised on' },
  category: { 'zh-CN': '类别', en: 'category' },
  level: { 'zh-CN': '层级', en: 'level' },
  lane: { 'zh-CN': '位置', en: 'location' },
  summary: { 'zh-CN': '情况摘要', en: 'summary' },
  households: { 'zh-CN': '户数', en: 'households' },
  fileName: { 'zh-CN': '文件名', en: 'file name' },
  data: { 'zh-CN': '文件内容', en: 'file content' },
  thumbnail: { 'zh-CN': '缩略图', en: 'thumbnail' },
  host: { 'zh-CN': '主持人', en: 'host' },
  recorder: { 'zh-CN': '记录人', en: 'recorder' },
  durationMinutes: { 'zh-CN': '会议时长', en: 'duration' },
  expectedAttendance: { 'zh-CN': '应到人数', en: 'expected attendance' },
  invitedRoles: { 'zh-CN': '邀请的身份', en: 'invited roles' },
  invitedParties: { 'zh-CN': '邀请的单位', en: 'invited parties' },
  invitedResidentIds: { 'zh-CN': '邀请的居民', en: 'invited residents' },
  quorumKind: { 'zh-CN': '法定人数规则', en: 'quorum rule' },
  quorumValue: { 'zh-CN': '法定人数', en: 'quorum' },
  plannedMinutes: { 'zh-CN': '计划时长', en: 'planned minutes' },
  presenter: { 'zh-CN': '汇报人', en: 'presenter' },
  question: { 'zh-CN': '表决事项', en: 'question' },
  voteRule: { 'zh-CN': '表决规则', en: 'voting rule' },
  rule: { 'zh-CN': '表决规则', en: 'voting rule' },
  wording: { 'zh-CN': '协商结果', en: 'agreed wording' },
  organisation: { 'zh-CN': '单位', en: 'organisation' },
  role: { 'zh-CN': '职务', en: 'role' },
  message: { 'zh-CN': '投屏文字', en: 'projector text' },
  seconds: { 'zh-CN': '发言时限', en: 'speaking time' },
  notes: { 'zh-CN': '发言要点', en: 'notes' },
  passphrase: { 'zh-CN': '签名密码', en: 'passphrase' },
  password: { 'zh-CN': '证书文件密码', en: 'certificate file password' },
  query: { 'zh-CN': '搜索内容', en: 'search' },
  keep: { 'zh-CN': '保留的备份份数', en: 'backups to keep' },
  url: { 'zh-CN': '网址', en: 'address' },
  by: { 'zh-CN': '定稿人', en: 'finalized by' },
  author: { 'zh-CN': '修正人', en: 'author' },
  section: { 'zh-CN': '章节', en: 'section' },
  text: { 'zh-CN': '修正内容', en: 'text' },
  satisfaction: { 'zh-CN': '居民满意度', en: 'satisfaction' },
  from: { 'zh-CN': '开始日期', en: 'start' },
  to: { 'zh-CN': '结束日期', en: 'end' },
  format: { 'zh-CN': '文件格式', en: 'format' },
  background: { 'zh-CN': '背景', en: 'background' },
  practice: { 'zh-CN': '主要做法', en: 'practice' },
  results: { 'zh-CN': '取得成效', en: 'results' },
  referredTo: { 'zh-CN': '转交部门', en: 'referred to' },
  decision: { 'zh-CN': '处理意见', en: 'decision' },
};

/**
 * The same field name means different things on different screens: `name` is the community's on its profile,
 * a person's on a resident, a guest or a supervisor. Keyed by the channel's domain (the part before ':').
 */
const domainLabels: Record<string, Record<string, Localized>> = {
  community: { name: { 'zh-CN': '社区名称', en: 'community name' } },
  subdistrict: { name: { 'zh-CN': '街道名称', en: 'sub-district name' } },
  resident: { name: { 'zh-CN': '姓名', en: 'name' } },
  roster: { name: { 'zh-CN': '姓名', en: 'name' } },
  attendance: { name: { 'zh-CN': '姓名', en: 'name' } },
  supervisor: { name: { 'zh-CN': '督办人姓名', en: 'supervisor’s name' }, phone: { 'zh-CN': '联系电话', en: 'phone' } },
  backup: { name: { 'zh-CN': '备份', en: 'backup' } },
  meeting: {
    title: { 'zh-CN': '会议名称', en: 'meeting title' },
    kind: { 'zh-CN': '会议类型', en: 'meeting kind' },
    status: { 'zh-CN': '会议状态', en: 'status' },
    place: { 'zh-CN': '会议地点', en: 'place' },
  },
  topic: {
    title: { 'zh-CN': '议题标题', en: 'topic title' },
    kind: { 'zh-CN': '协商方式', en: 'consultation kind' },
  },
  agenda: { title: { 'zh-CN': '事项名称', en: 'item title' }, kind: { 'zh-CN': '事项类型', en: 'item kind' } },
  case: { title: { 'zh-CN': '案例标题', en: 'case title' }, unit: { 'zh-CN': '报送单位', en: 'reporting unit' } },
  followup: {
    status: { 'zh-CN': '落实状态', en: 'status' },
    note: { 'zh-CN': '进展情况', en: 'progress note' },
  },
  speaker: { note: { 'zh-CN': '发言要点', en: 'key points' } },
  record: { kind: { 'zh-CN': '文件类型', en: 'record kind' } },
  vote: { reason: { 'zh-CN': '更正理由', en: 'reason for the correction' } },
  ca: { date: { 'zh-CN': '吊销日期', en: 'revocation date' } },
  collection: { from: { 'zh-CN': '开始月份', en: 'first month' }, to: { 'zh-CN': '结束月份', en: 'last month' } },
  app: { passphrase: { 'zh-CN': '数据密码', en: 'data passphrase' } },
  settings: {
    current: { 'zh-CN': '当前数据密码', en: 'current data passphrase' },
    next: { 'zh-CN': '新的数据密码', en: 'new data passphrase' },
  },
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
  // The contract's date schemas (shared/dates.ts): the form is right, the day or the hour does not exist.
  invalid_date: {
    'zh-CN': '“{field}”不是真实存在的日期，请按“年-月-日”填写，如 2026-12-01',
    en: '{field} is not a real date: give it as year-month-day, like 2026-12-01',
  },
  invalid_date_time: {
    'zh-CN': '“{field}”不是真实存在的日期和时间，请按“年-月-日T时:分”填写，如 2026-12-01T19:30',
    en: '{field} is not a real date and time: give it as year-month-dayThour:minute, like 2026-12-01T19:30',
  },
  invalid_month: {
    'zh-CN': '“{field}”不是真实存在的月份，请按“年-月”填写，如 2026-12',
    en: '{field} is not a real month: give it as year-month, like 2026-12',
  },
  // Rules between fields: a refine's message names one of these.
  reason_required: { 'zh-CN': '请写明无法落实的原因', en: 'Say why it cannot be done' },
  satisfaction_when_done: {
    'zh-CN': '办结后才能记录居民满意度',
    en: 'Satisfaction is recorded once the item is done',
  },
  period_order: { 'zh-CN': '开始日期不能晚于结束日期', en: 'The start date must not be after the end date' },
  batch_too_large: {
    'zh-CN': '一次导入的上报包太多太大，请分几次导入',
    en: 'Too many or too large bundles at once: import them in several goes',
  },
};

function labelOf(path: readonly PropertyKey[], locale: Locale, channel: string): string {
  // The field, not the position in a list: `tags.3` is about the tags.
  const key = String(path.findLast((part) => typeof part === 'string') ?? '');
  const label = domainLabels[channel.split(':')[0]!]?.[key] ?? fieldLabels[key];
  return label?.[locale] ?? (key || (locale === 'zh-CN' ? '输入' : 'input'));
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

/** One readable sentence for the first problem zod found in what `channel` was sent. */
export function describeIssue(issue: z.core.$ZodIssue, locale: Locale, channel = ''): string {
  const params = {
    field: labelOf(issue.path, locale, channel),
    minimum: 'minimum' in issue ? String(issue.minimum) : '',
    maximum: 'maximum' in issue ? String(issue.maximum) : '',
    keys: 'keys' in issue ? issue.keys.join(', ') : '',
  };
  return formatMessage(reasons[reasonOf(issue)]![locale], params, locale);
}
