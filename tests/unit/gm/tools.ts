import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../helpers';

export { tempDir };
export * from './pki';

/** The OpenSSL 3.0 command line: the independent SM2 implementation every test checks against. */
export function openssl(args: string[], cwd?: string) {
  const result = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  return { ok: result.status === 0, out: `${result.stdout}${result.stderr}` };
}

export const distid = 'distid:1234567812345678';

/** `openssl pkeyutl -verify` of an SM2 signature (SM3, the standard's ID) over a file: OpenSSL's verdict. */
export const pkeyutlVerify = (dir: string, publicKeyPem: string, dataFile: string, signatureFile: string) =>
  openssl(
    [
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      publicKeyPem,
      '-rawin',
      '-digest',
      'sm3',
      '-pkeyopt',
      distid,
      '-in',
      dataFile,
      '-sigfile',
      signatureFile,
    ],
    dir,
  ).out;

export function write(dir: string, name: string, data: string | Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
}
