import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { read } from 'read';
import {
  modifiedSentence,
  noteSentence,
  problemSentence,
  recordKindLabels,
  sealSentence,
  type TamperReason,
  type VerifyReport,
} from '../../shared/domain/records';
import type { AppStatus } from '../../shared/contract';
import { databaseFile, startCore } from '../core';
import { defaultDataDir, repositoryResources } from '../paths';

/**
 * npm run verify -- [--data DIR] FILE...: check signed records from a script. Prints one verdict per file in
 * Chinese and English; exits 0 only when every file is valid.
 */
const { values, positionals } = parseArgs({
  options: { data: { type: 'string' }, json: { type: 'boolean', default: false } },
  allowPositionals: true,
});
if (positionals.length === 0) {
  console.error('用法 / usage: npm run verify -- [--data 数据目录] [--json] 文件.pdf|文件.ofd ...');
  process.exit(2);
}

const dataDir = path.resolve(values.data ?? defaultDataDir());
const known = fs.existsSync(databaseFile(dataDir));
// Without a database the signature is still checked; signers and hashes are then unknown.
const scratch = known ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'yishiting-verify-'));
const core = startCore({
  dataDir: scratch ?? dataDir,
  ...repositoryResources,
  quiet: true,
  // The data file is encrypted: its passphrase comes from the environment, never from the command line.
  passphrase: process.env.YISHITING_PASSPHRASE || undefined,
});
const opened = known ? await unlocked() : core.status();
if (known && opened.state !== 'ready') {
  const message =
    opened.state === 'locked'
      ? '数据已加密：请在终端输入数据密码，或用环境变量 YISHITING_PASSPHRASE 提供 / the data is encrypted: type its passphrase in a terminal, or give it in YISHITING_PASSPHRASE'
      : opened.message;
  console.error(message);
  core.close();
  process.exit(2);
}

/**
 * An encrypted data folder: a person at a terminal is asked for the passphrase (not echoed, three tries, as on
 * the app's first screen); a script gives it in YISHITING_PASSPHRASE and is never asked.
 */
async function unlocked(): Promise<AppStatus> {
  let status = core.status();
  for (let attempt = 0; status.state === 'locked' && process.stdin.isTTY && attempt < 3; attempt += 1) {
    let passphrase: string;
    try {
      passphrase = await read({
        prompt: '数据密码 / data passphrase: ',
        silent: true,
        replace: '*',
        output: process.stderr,
      });
    } catch {
      break; // Ctrl+C or Ctrl+D
    }
    const answer = await core.guard('app:unlock', { passphrase }, { trusted: true });
    if (answer.ok) status = answer.value as AppStatus;
    else console.error(answer.error.message);
  }
  return status;
}

const verdicts: Record<VerifyReport['verdict'], string> = {
  valid: '有效 / valid',
  tampered: '已被篡改 / TAMPERED',
  unsigned: '未签名 / unsigned',
  unknown_signer: '签名完整，但签名人未知 / intact, unknown signer',
  invalid_certificate: '签名证书无效 / certificate not valid',
};
const reasons: Record<TamperReason, string> = {
  digest_mismatch: '签名后内容被改动 / content changed after signing',
  signature_invalid: '签名值与证书不符 / signature does not match the certificate',
  signature_unreadable: '签名数据已损坏 / signature data damaged',
  byte_range: '签名范围被改动 / signed byte range changed',
  not_whole_document: '签名后文件被修改 / modified after signing',
  package_damaged: 'OFD 包结构被改动 / OFD package altered',
};

let allValid = true;
try {
  if (!known) console.error(`（未找到数据库 ${dataDir}，只检查签名 / no database found: signatures only）`);
  for (const file of positionals) {
    let data: Buffer;
    try {
      data = fs.readFileSync(file);
    } catch {
      console.log(`${file}: 无法读取 / cannot read`);
      allValid = false;
      continue;
    }
    const envelope = await core.guard(
      'record:verify',
      { fileName: path.basename(file), data: data.toString('base64') },
      { trusted: true },
    );
    if (!envelope.ok) {
      console.log(`${file}: ${envelope.error.message}`);
      allValid = false;
      continue;
    }
    const report = envelope.value as VerifyReport;
    allValid &&= report.verdict === 'valid';
    if (values.json) {
      console.log(JSON.stringify({ file, ...report }));
      continue;
    }
    console.log(`${file}: ${verdicts[report.verdict]}`);
    if (report.reason) console.log(`  原因 / reason: ${reasons[report.reason]}`);
    if (report.problem) {
      console.log(`  证书 / certificate: ${problemSentence(report.problem.code, report.problem.date, 'zh-CN')}`);
      console.log(`  ${problemSentence(report.problem.code, report.problem.date, 'en')}`);
    }
    for (const note of report.notes)
      console.log(`  注意 / note: ${noteSentence(note, 'zh-CN')} / ${noteSentence(note, 'en')}`);
    if (report.modified) {
      console.log(`  ${modifiedSentence(report.modified, 'zh-CN')}`);
      console.log(`  ${modifiedSentence(report.modified, 'en')}`);
    }
    if (report.signer) console.log(`  签名人 / signer: ${report.signer.name}  ${report.signer.fingerprint}`);
    const pdf = data.subarray(0, 5).toString('latin1') === '%PDF-';
    if (report.sm2Seal || (pdf && report.signer)) {
      console.log(`  ${sealSentence(report.sm2Seal, 'zh-CN')} / ${sealSentence(report.sm2Seal, 'en')}`);
    }
    if (report.sm2Seal?.signer) {
      console.log(`  国密签章人 / SM2 sealer: ${report.sm2Seal.signer.name}  ${report.sm2Seal.signer.fingerprint}`);
    }
    if (report.signedAt) console.log(`  签名时间 / signed at: ${report.signedAt}`);
    if (report.contentHash) console.log(`  内容哈希 / content hash: ${report.contentHash}`);
    if (report.match.state !== 'none') {
      const state = report.match.state === 'current' ? '与定稿纪要一致 / matches' : '已有更新的修正 / superseded';
      console.log(`  ${recordKindLabels.minutes['zh-CN']}: ${report.match.title} — ${state}`);
    }
  }
} finally {
  core.close();
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
}
process.exit(allValid ? 0 : 1);
