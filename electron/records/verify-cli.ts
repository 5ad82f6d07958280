import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { recordKindLabels, type VerifyReport } from '../../shared/domain/records';
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
  console.error('用法 / usage: npm run verify -- [--data 数据目录] [--json] 文件.pdf ...');
  process.exit(2);
}

const dataDir = path.resolve(values.data ?? defaultDataDir());
const known = fs.existsSync(databaseFile(dataDir));
// Without a database the signature is still checked; signers and hashes are then unknown.
const scratch = known ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'yishiting-verify-'));
const core = startCore({ dataDir: scratch ?? dataDir, ...repositoryResources, quiet: true });

const verdicts: Record<VerifyReport['verdict'], string> = {
  valid: '有效 / valid',
  tampered: '已被篡改 / TAMPERED',
  unsigned: '未签名 / unsigned',
  unknown_signer: '签名完整，但签名人未知 / intact, unknown signer',
};
const reasons: Record<string, string> = {
  digest_mismatch: '签名后内容被改动 / content changed after signing',
  signature_invalid: '签名值与证书不符 / signature does not match the certificate',
  signature_unreadable: '签名数据已损坏 / signature data damaged',
  byte_range: '签名范围被改动 / signed byte range changed',
  not_whole_document: '签名后文件被追加内容 / data appended after signing',
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
    if (report.signer) console.log(`  签名人 / signer: ${report.signer.name}  ${report.signer.fingerprint}`);
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
