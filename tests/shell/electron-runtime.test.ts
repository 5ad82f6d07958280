import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleDefaults, shellBundles } from '../../build/shell-bundles';
import {
  electronBinding,
  electronNativeDir,
  installElectronBuild,
  readStamp,
  sqlitePackage,
} from '../../electron/shell/native-binding';
import { boringssl } from './boringssl';
import { cryptoUses } from './crypto-inventory';

/**
 * Electron-only pitfalls, caught on a machine without Electron: what the desktop app's code asks of node:crypto
 * must exist in BoringSSL, every native addon must load in Electron, and Node-only escapes are refused.
 */

/** Our sources in every shell bundle, and the packages and Node built-ins they import at run time. */
let ours: string[] = [];
let packages: string[] = [];
let builtins: string[] = [];
beforeAll(async () => {
  const inputs = new Set<string>();
  const externals = new Set<string>();
  for (const bundle of Object.values(shellBundles)) {
    const { metafile } = await build({
      ...bundleDefaults,
      ...bundle,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    for (const input of Object.keys(metafile.inputs)) if (!input.includes('node_modules')) inputs.add(input);
    for (const output of Object.values(metafile.outputs)) {
      for (const imported of output.imports) if (imported.external) externals.add(imported.path);
    }
  }
  ours = [...inputs].sort();
  builtins = [...externals].filter((spec) => spec.startsWith('node:')).sort();
  packages = [...externals].filter((spec) => !spec.startsWith('node:') && spec !== 'electron').sort();
});

/** The files Node loads when the main bundle requires its packages (what Electron would load the same way). */
function thirdPartyFiles(): string[] {
  const script = `for (const p of ${JSON.stringify(packages)}) require(p);
    process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const loaded = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as string[];
  return loaded.filter((file) => file.includes(`${path.sep}node_modules${path.sep}`) && /\.[cm]?js$/.test(file));
}

/**
 * Calls in third-party code whose algorithm comes from their caller, each read and found safe for us. A new
 * one fails the test until someone reads it too.
 */
const reviewed: Record<string, string> = {
  'exceljs/lib/utils/encryptor.js createHash':
    'worksheet/workbook protection passwords only; the app never protects a sheet',
  'node-forge/lib/pbkdf2.js pbkdf2Sync':
    'used only when forge.pkcs5.pbkdf2 gets a digest name; forge’s PKCS#12 passes a digest object and stays in JS',
  'node-forge/lib/pbkdf2.js pbkdf2': 'the asynchronous twin of the line above',
  'uuid/dist/md5.js createHash': 'literal md5 behind a Buffer check; v3 UUIDs, unused by the app',
  'uuid/dist/sha1.js createHash': 'literal sha1 behind a Buffer check; v5 UUIDs, unused by the app',
};

/** What in these files BoringSSL would refuse, as readable lines (empty when all is well). */
function refusals(files: { file: string; text: string }[], label: (file: string) => string): string[] {
  const problems: string[] = [];
  for (const { file, text } of files) {
    for (const use of cryptoUses(file, text)) {
      const where = `${label(use.file)}:${use.line} ${use.api}`;
      if (!boringssl.functions.has(use.api) && use.api !== 'KeyObject.export') {
        problems.push(`${where}: not in the BoringSSL inventory (tests/shell/boringssl.ts)`);
      } else if (use.names === null) {
        if (!reviewed[`${label(use.file).replace(/^.*node_modules\//, '')} ${use.api}`]) {
          problems.push(`${where}: its ${use.kind} is not known from the code; name it with a literal or a table`);
        }
      } else if (use.kind) {
        for (const name of use.names) {
          if (!boringssl[use.kind].has(name))
            problems.push(`${where}: ${use.kind} '${name}' does not exist in BoringSSL`);
        }
      }
    }
  }
  return problems;
}

const read = (file: string) => ({ file, text: fs.readFileSync(file, 'utf8') });

describe('node:crypto in the code Electron runs stays within BoringSSL', () => {
  it('finds the calls it checks (the inventory is not vacuous)', () => {
    const uses = ours.flatMap((file) => cryptoUses(file, fs.readFileSync(file, 'utf8')));
    const named = (api: string) => uses.filter((use) => use.api === api).flatMap((use) => use.names ?? ['?']);
    expect(ours).toContain('electron/db/audit.ts');
    expect(named('createHash')).toContain('sha256');
    // verify-pdf.ts reads its digest from an OID table: followed into the table.
    expect(new Set(named('verify'))).toEqual(new Set(['sha256', 'sha384', 'sha512']));
    expect(named('generateKeyPair')).toContain('rsa');
    // The data key and the signing key are sealed with AES-256-GCM under scrypt (electron/crypto/kdf.ts).
    expect(named('createCipheriv')).toContain('aes-256-gcm');
  });

  it('our sources ask for nothing BoringSSL lacks', () => {
    expect(refusals(ours.map(read), (file) => file)).toEqual([]);
  });

  it('the packages they load ask for nothing BoringSSL lacks', () => {
    const files = thirdPartyFiles()
      .map(read)
      .filter(({ text }) => /require\(['"](node:)?crypto['"]\)|from ['"](node:)?crypto['"]/.test(text));
    expect(files.length).toBeGreaterThan(0);
    expect(refusals(files, (file) => path.relative(process.cwd(), file))).toEqual([]);
  });

  it.each([
    ["createHash('sm3')", "import { createHash } from 'node:crypto';\nexport const d = createHash('sm3');", 'sm3'],
    [
      'an SM2 key pair',
      "import crypto from 'node:crypto';\nexport const k = crypto.generateKeyPairSync('ec', { namedCurve: 'SM2' });",
      'SM2',
    ],
    [
      'a table with sha3',
      "import { createHash } from 'node:crypto';\nconst t = { a: 'sha256', b: 'sha3-256' };\nexport const f = (k: 'a' | 'b') => createHash(t[k]);",
      'sha3-256',
    ],
    ['chacha20', "const c = require('crypto');\nc.createCipheriv('chacha20-poly1305', k, iv);", 'chacha20-poly1305'],
  ])('refuses %s planted in a core file', (_what, planted, name) => {
    const core = fs.readFileSync('electron/core.ts', 'utf8');
    const problems = refusals([{ file: 'electron/core.ts', text: `${core}\n${planted}\n` }], (file) => file);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`'${name}' does not exist in BoringSSL`);
  });

  it('refuses an algorithm it cannot see, and a crypto function nobody has checked', () => {
    const problems = refusals(
      [
        {
          file: 'electron/x.ts',
          text: "import { createHash, createDiffieHellmanGroup } from 'node:crypto';\nexport const h = (name: string) => createHash(name);\nexport const g = createDiffieHellmanGroup('modp14');",
        },
      ],
      (file) => file,
    );
    expect(problems).toEqual([
      'electron/x.ts:2 createHash: its digest is not known from the code; name it with a literal or a table',
      'electron/x.ts:3 createDiffieHellmanGroup: not in the BoringSSL inventory (tests/shell/boringssl.ts)',
    ]);
  });
});

describe('Node-only escapes in the code Electron runs', () => {
  it('uses only Node built-ins that behave the same inside Electron', () => {
    // child_process.fork and spawning process.execPath need ELECTRON_RUN_AS_NODE, which the RunAsNode fuse
    // turns off in the installed app: long work goes to a utilityProcess instead (ARCHITECTURE rule 8).
    const sameInElectron = new Set(['node:crypto', 'node:events', 'node:fs', 'node:os', 'node:path', 'node:util']);
    sameInElectron.add('node:worker_threads').add('node:zlib').add('node:stream').add('node:buffer').add('node:url');
    // createRequire resolves a package file (harfbuzzjs's wasm) through the same asar-aware loader as require.
    sameInElectron.add('node:module');
    expect(builtins.filter((spec) => !sameInElectron.has(spec))).toEqual([]);
    expect(builtins).toContain('node:crypto');
  });
});

/** Production dependencies, recursively: what electron-builder packs and Electron may load. */
function productionPackages(): string[] {
  const found = new Set<string>();
  const visit = (from: string, name: string) => {
    let dir = from;
    while (!fs.existsSync(path.join(dir, 'node_modules', name, 'package.json'))) {
      if (path.dirname(dir) === dir) return; // an optional dependency for another platform
      dir = path.dirname(dir);
    }
    const packageDir = path.join(dir, 'node_modules', name);
    if (found.has(packageDir)) return;
    found.add(packageDir);
    const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
      visit(packageDir, dep);
    }
  };
  const root = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
  for (const dep of Object.keys(root.dependencies)) visit(process.cwd(), dep);
  return [...found];
}

function addonsIn(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.node') && !file.includes('node_modules') && !file.includes('obj.target'))
    .map((file) => path.join(dir, file));
}

describe('native addons load in Electron', () => {
  it('each is N-API (ABI-stable), or better-sqlite3 with its own Electron build', () => {
    const sqliteDir = path.resolve('node_modules/better-sqlite3');
    const verdicts = productionPackages()
      .flatMap(addonsIn)
      .map((file) => {
        const binary = fs.readFileSync(file);
        const napi = binary.includes('napi_register_module_v1');
        const abi = binary.includes('node_register_module_v');
        const relative = path.relative(process.cwd(), file);
        if (napi) return `${relative}: N-API`;
        if (abi && file.startsWith(sqliteDir))
          return `${relative}: Node ABI — Electron build via ${electronNativeDir}/`;
        if (!abi && file === path.join(sqliteDir, 'build/Release/test_extension.node')) {
          return `${relative}: a SQLite extension for better-sqlite3’s own tests, never loaded by the app`;
        }
        return `${relative}: ${abi ? 'Node ABI addon with no Electron build' : 'unknown binary'}`;
      });
    expect(verdicts.filter((verdict) => /no Electron build|unknown binary/.test(verdict))).toEqual([]);
    expect(verdicts.some((verdict) => verdict.includes('better_sqlite3.node: Node ABI'))).toBe(true);
  });

  it('installers rebuild native addons for Electron (electron-builder’s npmRebuild stays on)', () => {
    expect(fs.readFileSync('electron-builder.yml', 'utf8')).not.toMatch(/^\s*npmRebuild:\s*false/m);
  });
});

describe('the Electron build of better-sqlite3 (.electron-native/)', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-native-'));
  const useSqlite = (name: string, version: string) => {
    fs.mkdirSync(path.join(root, 'node_modules/better-sqlite3'), { recursive: true });
    fs.writeFileSync(path.join(root, 'node_modules/better-sqlite3/package.json'), JSON.stringify({ name, version }));
  };
  const built = path.join(root, 'built.node');

  it('is found exactly where npm run electron:native puts it, for the Electron and package it was built for', () => {
    useSqlite('better-sqlite3', '12.11.1');
    fs.writeFileSync(built, 'addon');
    fs.mkdirSync(path.join(root, electronNativeDir), { recursive: true });
    expect(electronBinding(root, '41.7.1')).toBeUndefined();
    installElectronBuild(root, built, { electron: '41.7.1', sqlite: sqlitePackage(root) });
    expect(readStamp(root)).toEqual({ electron: '41.7.1', sqlite: 'better-sqlite3@12.11.1' });
    expect(electronBinding(root, '41.7.1')).toBe(path.join(root, electronNativeDir, 'better_sqlite3.node'));
    // Under Node (tests, the browser host, this stand-in) there is no Electron version: the Node build is used.
    expect(electronBinding(root, undefined)).toBeUndefined();
  });

  it('is not used once stale: another Electron, or the SQLCipher fork installed under the same name', () => {
    expect(electronBinding(root, '42.0.0')).toBeUndefined();
    useSqlite('better-sqlite3-multiple-ciphers', '12.11.1');
    expect(sqlitePackage(root)).toBe('better-sqlite3-multiple-ciphers@12.11.1');
    expect(electronBinding(root, '41.7.1')).toBeUndefined();
    installElectronBuild(root, built, { electron: '41.7.1', sqlite: sqlitePackage(root) });
    expect(electronBinding(root, '41.7.1')).toBe(path.join(root, electronNativeDir, 'better_sqlite3.node'));
    fs.rmSync(root, { recursive: true, force: true });
  });
});
