import type { ErrorBody } from './envelope';
import { locales, type Locale } from './locale';

/** Every error a user can meet, in both languages. `{name}` placeholders are filled from params. */
export const errorMessages = {
  invalid_input: { 'zh-CN': '输入有误：{detail}', en: 'Invalid input: {detail}' },
  bad_json: { 'zh-CN': '请求内容不是有效的 JSON。', en: 'The request body is not valid JSON.' },
  payload_too_large: { 'zh-CN': '提交的内容过大。', en: 'The request is too large.' },
  forbidden: {
    'zh-CN': '拒绝访问：请求不是来自本应用的页面。',
    en: 'Access denied: the request did not come from this app.',
  },
  session_required: {
    'zh-CN':
      '这个页面没有有效的访问码，议事亭可能已重新启动。请用启动议事亭时显示的完整网址（包括“?t=”及后面的部分）重新打开。',
    en: 'This page holds no valid access code; Yishiting may have been restarted. Open the full address shown when Yishiting started (including “?t=” and what follows).',
  },
  server_busy: {
    'zh-CN': '议事亭正在处理其他上传的文件，请稍后再试。',
    en: 'Yishiting is busy with other uploads; please try again in a moment.',
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
    'zh-CN': '文件里没有表格内容。',
    en: 'The file holds no table.',
  },
  table_too_large: {
    'zh-CN': '文件超过 {max} 行，请拆分后分批导入。',
    en: 'The file has more than {max} rows; split it and import the parts.',
  },
  name_column_missing: {
    'zh-CN': '请指定哪一列是“姓名”。',
    en: 'Please choose which column holds the name.',
  },
  resident_duplicate: {
    'zh-CN': '{address} 已登记了一位叫“{name}”的居民，请直接修改这位居民的资料。',
    en: '{address} already has a resident named “{name}”; edit that resident instead.',
  },
  reason_required: {
    'zh-CN': '请填写理由：不予受理、转办和上报街道都要写明原因。',
    en: 'Please give a reason: declining, referring and escalating all need one.',
  },
  department_required: {
    'zh-CN': '请写明转交哪个职能部门办理。',
    en: 'Please name the department the topic is referred to.',
  },
  topic_closed_to_consultation: {
    'zh-CN': '议题“{title}”已{status}，不再需要会前协商。',
    en: 'Topic “{title}” is {status}; it needs no more consultation.',
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
  photo_unreadable: {
    'zh-CN': '照片“{name}”无法打开：文件缺失、已损坏或被改动过，或者不是用这份数据的密钥加密的。请从原始照片重新添加。',
    en: 'The photo “{name}” cannot be opened: the file is missing, damaged or changed, or it was not encrypted with this data’s key. Add it again from the original picture.',
  },
  topic_required: { 'zh-CN': '请选择要上会的议题。', en: 'Please choose the topic to put on the agenda.' },
  agenda_nesting: {
    'zh-CN': '议程只能有一层子项：子项下面不能再放子项，有子项的事项也不能放到别的事项下面。',
    en: 'The agenda allows one level of sub-items only.',
  },
  agenda_item_in_use: {
    'zh-CN': '“{title}”已有发言、表决或议定事项记录，不能删除。',
    en: '“{title}” already has speakers, votes or resolutions on record and cannot be removed.',
  },
  proxy_holder: {
    'zh-CN': '委托只能由已签到且仍在场的居民持有。',
    en: 'A proxy can only be held by a resident who is checked in and still present.',
  },
  proxy_present: {
    'zh-CN': '被委托的居民本人已在场，不需要委托。',
    en: 'That resident is here in person; no proxy is needed.',
  },
  attendance_in_use: {
    'zh-CN': '此人已排队发言或持有委托，不能撤销签到；请先移除发言和委托，或改用“离场”。',
    en: 'This person is in the speakers’ queue or holds a proxy, so the check-in cannot be undone; remove those first, or use “Left”.',
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
  minutes_record_fixed: {
    'zh-CN': '出席情况、表决情况和附件来自会议记录，不能在纪要里修改；如有出入，请写在“其他”里，或定稿后添加修正。',
    en: 'Attendance, votes and annexes come from the meeting record and cannot be edited here; note a discrepancy under “Other”, or add an amendment after finalizing.',
  },
  minutes_not_resolution: {
    'zh-CN': '只有获得通过的事项才有责任方和完成时限。',
    en: 'Only an adopted item has a responsible party and a deadline.',
  },
  minutes_resolution_missing: {
    'zh-CN': '“{item}”获得通过，请写明议定事项后再定稿。',
    en: '“{item}” was adopted: write down its resolution before finalizing.',
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
  passphrase_weak: {
    'zh-CN':
      '这个密码太容易被猜到：{reasons}。请换一个更长、更难猜的，比如把几个互不相关的词连起来，再加上数字或符号。',
    en: 'This passphrase is too easy to guess: {reasons}. Choose a longer one, for example several unrelated words joined with digits or symbols.',
  },
  unlock_throttled: {
    'zh-CN': '签名密码已连续输错 {count} 次。为防止有人试密码，请 {wait}后再试。',
    en: 'The passphrase was wrong {count} times in a row. To stop anyone guessing it, try again in {wait}.',
  },
  passphrase_confirm: {
    'zh-CN': '导出密钥备份前，请再输入一次签名密码。',
    en: 'Enter the signing passphrase again before exporting a backup of the key.',
  },
  passphrase_not_used: {
    'zh-CN': '这个签名密钥由系统钥匙串保护，没有签名密码可改。',
    en: 'This signing key is protected by the system keychain; it has no passphrase to change.',
  },
  key_unreadable: {
    'zh-CN': '保存的密钥已损坏或格式无法识别，不能用密码打开。',
    en: 'The stored key is damaged or in a format this version does not know; no passphrase can open it.',
  },
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
  csr_no_community: {
    'zh-CN': '这份证书申请没有注明是哪个社区（由旧版本生成）。请社区升级议事亭后重新生成证书申请。',
    en: 'This certificate request does not say which community it is for (made by an older version). Ask the community to update Yishiting and make the request again.',
  },
  unit_taken: {
    'zh-CN': '“{unit}”已登记给另一个社区的证书。如该社区重新安装了议事亭，请先吊销原证书再签发。',
    en: '“{unit}” is registered to another community’s certificate. If that community reinstalled Yishiting, revoke the old certificate first.',
  },
  rename_unchanged: {
    'zh-CN': '新名称与现在的名称相同，无需更名。',
    en: 'The new name is the same as the current one; nothing to rename.',
  },
  rename_inactive: {
    'zh-CN': '只能为正在使用的证书更名（这张证书已被更换或吊销）。',
    en: 'Only a certificate in use can be renamed (this one was replaced or revoked).',
  },
  certificate_already_revoked: { 'zh-CN': '这张证书已经吊销过了。', en: 'This certificate is already revoked.' },
  crl_invalid: {
    'zh-CN': '这不是本社区所属街道签发的证书吊销列表（.crl），或文件已损坏。',
    en: 'This is not a revocation list (.crl) signed by this community’s sub-district, or the file is damaged.',
  },
  crl_older: {
    'zh-CN': '这份吊销列表比已导入的（{date}）更旧，未导入。',
    en: 'This revocation list is older than the one already imported ({date}); not imported.',
  },
  receipt_nothing: {
    'zh-CN': '还没有导入任何上报包，没有可出具的回执。',
    en: 'No bundle has been imported yet, so there is no receipt to give.',
  },
  receipt_invalid: {
    'zh-CN': '这不是议事亭的回执文件（.ysreceipt），或文件已损坏。',
    en: 'This is not a Yishiting receipt file (.ysreceipt), or the file is damaged.',
  },
  receipt_tampered: {
    'zh-CN': '回执的签名无效：回执在街道签发后被改动过，未导入。请向街道重新索取回执。',
    en: 'The receipt’s signature is invalid: it was changed after the office signed it; not imported. Ask the office for it again.',
  },
  receipt_untrusted: {
    'zh-CN': '这份回执不是本社区所属街道签发的（签名证书不是街道的根证书），未导入。',
    en: 'This receipt was not signed by this community’s sub-district (its certificate is not the office’s CA); not imported.',
  },
  receipt_not_ours: {
    'zh-CN': '这份回执里没有本社区导出的上报包，未导入。',
    en: 'This receipt answers no bundle this community exported; nothing imported.',
  },
  ca_required: {
    'zh-CN': '请先在“证书”页面创建街道根证书（CA）。',
    en: 'Create the sub-district’s CA certificate first (Certificates page).',
  },
  sm2_ca_required: {
    'zh-CN': '这是国密（SM2）证书申请：请先在“证书”页面创建街道的国密根证书（SM2 CA）。',
    en: 'This is an SM2 request: create the sub-district’s SM2 CA first (Certificates page).',
  },
  sm2_ca_exists: {
    'zh-CN': '本街道已有国密根证书（SM2 CA）。',
    en: 'This sub-district already has an SM2 CA.',
  },
  sm2_request_missing: {
    'zh-CN': '这是国密（SM2）证书，但本机还没有国密证书申请：请先生成国密证书申请交给街道。',
    en: 'This is an SM2 certificate, but this computer has made no SM2 request: make one and give it to the sub-district first.',
  },
  seal_missing: {
    'zh-CN': '文件中没有街道为本证书制作的电子印章，或印章不是由签发证书的街道制作的。请导入街道签发时给出的完整文件。',
    en: 'The file holds no electronic seal the issuing sub-district made for this certificate. Import the whole file the sub-district gave you.',
  },
  seal_picture_invalid: {
    'zh-CN': '印章图片无法读取：请上传 PNG 或 JPEG 图片。',
    en: 'The seal picture cannot be read: upload a PNG or JPEG image.',
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
  db_foreign: {
    'zh-CN': '数据目录中的 {file} 是别的程序的 SQLite 数据库，不是议事亭的数据。议事亭只读地查看了它，没有做任何修改。',
    en: 'The {file} in the data folder is another program’s SQLite database, not Yishiting’s data. Yishiting only read it and changed nothing.',
  },
  db_key_missing: {
    'zh-CN':
      '无法打开数据文件：它已损坏，或者是加密的数据而旁边的密钥文件（{file}）不见了。请把原来的密钥文件放回数据目录，或从备份恢复。议事亭没有修改它。',
    en: 'The data file cannot be opened: it is damaged, or it is encrypted and its key file ({file}) is missing. Put the original key file back into the data folder, or restore a backup. Yishiting did not change it.',
  },
  db_key_damaged: {
    'zh-CN': '数据文件的密钥文件（{file}）已损坏，无法打开数据。请把原来的密钥文件放回数据目录。',
    en: 'The data file’s key file ({file}) is damaged, so the data cannot be opened. Put the original key file back into the data folder.',
  },
  db_key_unavailable: {
    'zh-CN': '系统钥匙串无法解开数据文件的密钥（可能换了电脑或系统账户）。请在原来的电脑和账户上打开议事亭。',
    en: 'The system keychain cannot unseal the data file’s key (perhaps another computer or user account). Open Yishiting on the original computer and account.',
  },
  db_key_os_only: {
    'zh-CN': '这份数据的密钥保存在桌面版所在电脑的系统钥匙串中，浏览器版无法打开。请用桌面版打开。',
    en: 'This data’s key is kept in the desktop app’s system keychain; the browser version cannot open it. Open it with the desktop app.',
  },
  data_passphrase_wrong: {
    'zh-CN': '数据密码不正确，请重新输入。',
    en: 'The data passphrase is not correct. Please try again.',
  },
  data_unlock_throttled: {
    'zh-CN': '数据密码已连续输错 {count} 次。为防止有人试密码，请 {wait}后再试。',
    en: 'The data passphrase was wrong {count} times in a row. To stop anyone guessing it, try again in {wait}.',
  },
  // The signing passphrase's message (passphrase_weak): the same check (electron/crypto/strength.ts) judges both.
  data_passphrase_weak: {
    'zh-CN':
      '这个数据密码太容易被猜到：{reasons}。请换一个更长、更难猜的，比如把几个互不相关的词连起来，再加上数字或符号。',
    en: 'This data passphrase is too easy to guess: {reasons}. Choose a longer one, for example several unrelated words joined with digits or symbols.',
  },
  data_passphrase_not_used: {
    'zh-CN': '这份数据的密钥由系统钥匙串保管，没有数据密码可以修改。',
    en: 'This data’s key is kept by the system keychain; there is no data passphrase to change.',
  },
  locked: {
    'zh-CN': '请先输入数据密码，打开数据。',
    en: 'Enter the data passphrase first to open the data.',
  },
  disk_full: {
    'zh-CN': '磁盘已满，议事亭无法安全地保存数据，所以没有写入任何内容。请清理磁盘空间后重试。',
    en: 'The disk is full, so Yishiting cannot save safely and wrote nothing. Free some disk space and try again.',
  },
  backup_failed: {
    'zh-CN': '备份没有通过检查，已删除这份不完整的备份；数据本身未被修改。请重试，或检查磁盘。',
    en: 'The backup failed its check and was deleted; the data itself was not changed. Please retry or check the disk.',
  },
  backup_unusable: {
    'zh-CN': '这份备份（{name}）是空的、已损坏或不是议事亭的数据，不能用来恢复。请选择另一份。',
    en: 'This backup ({name}) is empty, damaged or not Yishiting’s data, so it cannot be restored. Choose another one.',
  },
  meeting_backup_failed: {
    'zh-CN':
      '会议已结束并已保存，但结束时的自动备份没有成功（{reason}），没有留下不完整的备份。数据本身完好；请检查磁盘，议事亭下次启动时会再备份一次。',
    en: 'The meeting is closed and saved, but the automatic backup at closing did not succeed ({reason}); no incomplete backup was kept. The data itself is intact; check the disk — Yishiting backs up again at its next start.',
  },
  work_interrupted: {
    'zh-CN': '后台处理意外中断，这次操作没有完成，数据未被修改。请再试一次。',
    en: 'The background work stopped unexpectedly, so this operation did not finish and nothing was changed. Please try again.',
  },
  internal: {
    'zh-CN': '操作没有完成，数据未被修改。请重试；如果反复出现，请联系技术支持。',
    en: 'The operation did not complete and nothing was changed. Please retry; contact support if it keeps happening.',
  },
} satisfies Record<string, Localized>;

export type ErrorCode = keyof typeof errorMessages;
export type Localized = Record<Locale, string>;
/**
 * `entity` (what was not found, …) is a word of the sentence, not data: it must come in both languages, or an
 * English message reads "The 证书 #12 was not found".
 */
export type ErrorParams = Record<string, string | number | Localized> & { entity?: Localized };

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

/** The message in every language, for a warning carried inside an answer and shown by the page later. */
export function localizedMessage(code: ErrorCode, params: ErrorParams = {}): Localized {
  return Object.fromEntries(
    locales.map((locale) => [locale, formatMessage(errorMessages[code][locale], params, locale)]),
  ) as Localized;
}

export function errorBody(code: ErrorCode, locale: Locale, params: ErrorParams = {}): ErrorBody {
  return { code, message: formatMessage(errorMessages[code][locale], params, locale) };
}
