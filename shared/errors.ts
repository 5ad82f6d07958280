import type { ErrorBody } from './envelope';
import type { Locale } from './locale';

/** Every error a user can meet, in both languages. `{name}` placeholders are filled from params. */
export const errorMessages = {
  invalid_input: { 'zh-CN': '输入有误：{detail}', en: 'Invalid input: {detail}' },
  bad_json: { 'zh-CN': '请求内容不是有效的 JSON。', en: 'The request body is not valid JSON.' },
  payload_too_large: { 'zh-CN': '提交的内容过大。', en: 'The request is too large.' },
  forbidden: {
    'zh-CN': '拒绝访问：请求不是来自本应用的页面。',
    en: 'Access denied: the request did not come from this app.',
  },
  unknown_channel: { 'zh-CN': '未知的操作：{channel}', en: 'Unknown operation: {channel}' },
  not_found: {
    'zh-CN': '找不到{entity}（编号 {id}），可能已被删除。',
    en: 'The {entity} #{id} was not found; it may have been deleted.',
  },
  community_required: { 'zh-CN': '请先填写社区资料。', en: 'Please set up the community profile first.' },
  invalid_transition: {
    'zh-CN': '会议状态不能从“{from}”变为“{to}”。',
    en: 'A meeting cannot go from “{from}” to “{to}”.',
  },
  meeting_closed: { 'zh-CN': '会议已结束，不能再修改。', en: 'The meeting is closed and can no longer be changed.' },
  file_unreadable: {
    'zh-CN': '无法读取这个文件，它可能已损坏，或不是 Excel 文件。',
    en: 'This file cannot be read; it may be damaged or not an Excel file.',
  },
  old_excel_format: {
    'zh-CN': '这是旧版 Excel（.xls）文件。请在 Excel 或 WPS 中“另存为” .xlsx 或 CSV 后再导入。',
    en: 'This is an old Excel (.xls) file. Save it as .xlsx or CSV in Excel or WPS, then import it.',
  },
  unsupported_file: {
    'zh-CN': '不支持“{name}”这种文件，请选择 .xlsx 或 .csv 文件。',
    en: '“{name}” is not a supported file; choose an .xlsx or .csv file.',
  },
  empty_table: {
    'zh-CN': '文件里没有表格内容（第一行应是标题行）。',
    en: 'The file holds no table (the first row should be the headers).',
  },
  table_too_large: {
    'zh-CN': '文件超过 {max} 行，请拆分后分批导入。',
    en: 'The file has more than {max} rows; split it and import the parts.',
  },
  name_column_missing: {
    'zh-CN': '请指定哪一列是“姓名”。',
    en: 'Please choose which column holds the name.',
  },
  reason_required: {
    'zh-CN': '请填写理由：不予受理、转办和上报街道都要写明原因。',
    en: 'Please give a reason: declining, referring and escalating all need one.',
  },
  topic_transition: {
    'zh-CN': '议题“{title}”目前是“{from}”，不能改为“{to}”。',
    en: 'Topic “{title}” is “{from}” and cannot become “{to}”.',
  },
  duplicate_of_itself: { 'zh-CN': '议题不能标记为与自己重复。', en: 'A topic cannot duplicate itself.' },
  not_an_image: {
    'zh-CN': '“{name}”不是 JPEG、PNG 或 WebP 图片。',
    en: '“{name}” is not a JPEG, PNG or WebP picture.',
  },
  topic_required: { 'zh-CN': '请选择要上会的议题。', en: 'Please choose the topic to put on the agenda.' },
  agenda_nesting: {
    'zh-CN': '议程只能有一层子项：子项下面不能再放子项，有子项的事项也不能放到别的事项下面。',
    en: 'The agenda allows one level of sub-items only.',
  },
  proxy_holder: {
    'zh-CN': '委托只能由已签到且仍在场的居民持有。',
    en: 'A proxy can only be held by a resident who is checked in and still present.',
  },
  proxy_present: {
    'zh-CN': '被委托的居民本人已在场，不需要委托。',
    en: 'That resident is here in person; no proxy is needed.',
  },
  proxy_taken: {
    'zh-CN': '这位居民的委托已经登记过了，每人只算一次。',
    en: 'A proxy for this resident is already recorded; each counts once.',
  },
  vote_method_rule: {
    'zh-CN': '“{method}”不能使用“{rule}”规则。',
    en: '“{method}” cannot use the rule “{rule}”.',
  },
  vote_too_many: {
    'zh-CN': '票数合计 {votes} 超过了到会人数 {present}，请核对。',
    en: 'The votes add up to {votes}, more than the {present} present; please check.',
  },
  vote_not_present: {
    'zh-CN': '记名表决只能记录在场居民的意见。',
    en: 'A roll call records only residents who are present.',
  },
  household_area_missing: {
    'zh-CN': '{address} 没有专有部分面积，请先在居民名册中补全。',
    en: '{address} has no private area on record; complete the roster first.',
  },
  vote_correction: {
    'zh-CN': '只能更正同一议程事项中尚未被更正过的表决结果。',
    en: 'Only a current result of the same agenda item can be corrected.',
  },
  meeting_not_closed: {
    'zh-CN': '会议结束后才能整理会议纪要。',
    en: 'Minutes are written once the meeting is closed.',
  },
  minutes_final: {
    'zh-CN': '会议纪要已定稿，不能直接修改；如需更正，请添加修正记录。',
    en: 'The minutes are finalized and cannot be edited; add an amendment instead.',
  },
  minutes_structure: {
    'zh-CN': '纪要的章节与议程不一致，请刷新后再编辑。',
    en: 'The minutes’ sections no longer match the agenda; reload and edit again.',
  },
  minutes_not_final: {
    'zh-CN': '会议纪要尚未定稿：草稿可以直接修改，定稿后才能导出签名文件。',
    en: 'The minutes are not finalized yet: edit the draft directly; signed records need finalized minutes.',
  },
  identity_missing: {
    'zh-CN': '还没有签名身份：请先在“记录与签名”中创建或导入。',
    en: 'There is no signing identity yet: create or import one under Records.',
  },
  identity_locked: {
    'zh-CN': '签名密钥已锁定，请输入签名密码解锁。',
    en: 'The signing key is locked: enter its passphrase to unlock it.',
  },
  passphrase_required: {
    'zh-CN': '请设置签名密码（至少 8 位），用它保护签名密钥。',
    en: 'Choose a passphrase (8 characters or more) to protect the signing key.',
  },
  passphrase_wrong: { 'zh-CN': '签名密码不正确。', en: 'The passphrase is not correct.' },
  p12_password: {
    'zh-CN': '证书文件的密码不正确。',
    en: 'The password of the certificate file is not correct.',
  },
  community_only: {
    'zh-CN': '这是街道汇总的数据文件，不能在这里组织议事会。',
    en: 'This data file belongs to a sub-district office; meetings are run in a community’s data file.',
  },
  sub_district_only: {
    'zh-CN': '只有街道汇总的数据文件才能做这项工作。',
    en: 'Only a sub-district’s data file can do this.',
  },
  profile_kind_fixed: {
    'zh-CN': '数据文件的类型（社区或街道）建立后不能更改。',
    en: 'Whether a data file belongs to a community or a sub-district cannot be changed.',
  },
  csr_invalid: {
    'zh-CN': '这不是有效的证书申请文件（.csr），或其签名不正确。',
    en: 'This is not a valid certificate request (.csr), or its signature is wrong.',
  },
  certificate_invalid: {
    'zh-CN': '这不是有效的证书文件（.crt/.pem）。',
    en: 'This is not a valid certificate file (.crt/.pem).',
  },
  certificate_mismatch: {
    'zh-CN': '证书与本机的签名密钥不匹配：请导入街道为本社区的申请签发的证书。',
    en: 'The certificate does not match this computer’s signing key: import the one issued for this community’s request.',
  },
  ca_required: {
    'zh-CN': '请先在“证书”页面创建街道根证书（CA）。',
    en: 'Create the sub-district’s CA certificate first (Certificates page).',
  },
  bundle_empty: {
    'zh-CN': '所选时间段内没有已定稿的会议纪要，无法生成上报包。',
    en: 'No finalized minutes in the chosen period: there is nothing to report.',
  },
  not_in_collection: {
    'zh-CN': '找不到这份汇总记录。',
    en: 'This collected record was not found.',
  },
  p12_invalid: {
    'zh-CN': '这不是可用的证书文件（.p12/.pfx），或其中没有与证书匹配的私钥。',
    en: 'This is not a usable certificate file (.p12/.pfx), or it holds no key matching its certificate.',
  },
  unsafe_link: {
    'zh-CN': '这个链接不安全，没有打开（只允许 https 网址）。',
    en: 'This link is not safe and was not opened (https addresses only).',
  },
  not_pdf: { 'zh-CN': '“{name}”不是 PDF 文件。', en: '“{name}” is not a PDF file.' },
  db_corrupt: {
    'zh-CN': '数据文件已损坏或不是议事亭的数据库（{file}）。',
    en: 'The data file is damaged or is not a Yishiting database ({file}).',
  },
  db_from_future: {
    'zh-CN': '数据文件来自更新版本的议事亭，本版本无法打开。请升级软件后再打开。',
    en: 'The data file was written by a newer version of Yishiting. Please upgrade the app to open it.',
  },
  db_unavailable: { 'zh-CN': '数据库无法使用：{reason}', en: 'The database cannot be used: {reason}' },
  internal: {
    'zh-CN': '操作没有完成，数据未被修改。请重试；如果反复出现，请联系技术支持。',
    en: 'The operation did not complete and nothing was changed. Please retry; contact support if it keeps happening.',
  },
} satisfies Record<string, Localized>;

export type ErrorCode = keyof typeof errorMessages;
export type Localized = Record<Locale, string>;
export type ErrorParams = Record<string, string | number | Localized>;

/** Thrown by services for an expected refusal; the guard turns it into an envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export function formatMessage(template: string, params: ErrorParams, locale: Locale): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    if (value === undefined) return whole;
    return typeof value === 'object' ? value[locale] : String(value);
  });
}

export function errorBody(code: ErrorCode, locale: Locale, params: ErrorParams = {}): ErrorBody {
  return { code, message: formatMessage(errorMessages[code][locale], params, locale) };
}
