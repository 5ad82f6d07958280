// The first step of `npm test`, so that the README's one command works on a fresh Debian/Ubuntu machine with
// Node 20: the system programs the tests call are installed (apt, as root or with password-less sudo) or named
// exactly, and the run stops; then the npm packages are installed if they are not. Node built-ins only: this
// runs before `npm ci`.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

process.chdir(new URL('../..', import.meta.url).pathname);

/** What the tests run: the Debian package, a command it provides (null: fonts), and why. */
const needs = [
  ['chromium', null, 'the end-to-end tests’ browser (/usr/bin/chromium, or set CHROMIUM_PATH)'],
  ['poppler-utils', 'pdfsig', 'pdftotext, pdfsig, pdffonts, pdfinfo: independent checks of every PDF'],
  ['qpdf', 'qpdf', 'qpdf --check on every PDF'],
  ['libnss3-tools', 'certutil', 'certutil: the NSS trust store pdfsig checks signatures against'],
  ['openssl', 'openssl', 'independent checks of signatures, certificates, CRLs and SM2'],
  ['unzip', 'unzip', 'unzip -t on OFD files'],
  ['python3', 'python3', 'an independent XML parser for OFD; node-gyp, which builds better-sqlite3'],
  ['fonts-noto-cjk', null, 'Chinese text in Chromium’s screenshots'],
  ['fonts-hanazono', null, 'the fallback font for rare characters (CJK Ext-B) in records'],
];
// better-sqlite3 (the SQLCipher build) compiles from source where no prebuilt binary can be downloaded.
const buildTools = [
  ['make', 'make', 'node-gyp builds better-sqlite3'],
  ['g++', 'g++', 'node-gyp builds better-sqlite3'],
];

const say = (zh, en) => console.log(`[准备] ${zh}\n[prerequisites] ${en}`);
const stop = (lines) => {
  console.error(['', ...lines, ''].join('\n'));
  process.exit(1);
};
const succeeds = (command, args) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  stop([
    `npm test 需要 Node.js 20.19 或更新版本，这台电脑是 ${process.version}。`,
    `npm test needs Node.js 20.19 or newer; this machine has ${process.version}.`,
  ]);
}

const haveModules = fs.existsSync('node_modules/.package-lock.json');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const debian = succeeds('dpkg-query', ['--version']);
const ubuntu = /^ID="?ubuntu"?$/m.test(
  fs.existsSync('/etc/os-release') ? fs.readFileSync('/etc/os-release', 'utf8') : '',
);
const present = ([name, command]) => {
  if (name === 'chromium') return fs.existsSync(chromium);
  if (debian) {
    const status = spawnSync('dpkg-query', ['-W', '-f=${db:Status-Status}', name], { encoding: 'utf8' }).stdout;
    return status === 'installed';
  }
  // Elsewhere only commands can be checked; fonts are the reader's to provide.
  return command === null || succeeds('sh', ['-c', `command -v ${command}`]);
};
const missing = [...needs, ...(haveModules ? [] : buildTools)].filter((need) => !present(need));
// Ubuntu's `chromium` is only a wrapper for the snap, which does not run in containers or CI: there the
// end-to-end tests use Playwright's own Chromium (playwright.config.ts falls back to it).
const playwrightChromium = ubuntu && missing.some(([name]) => name === 'chromium');
const apt = missing.map(([name]) => name).filter((name) => !(playwrightChromium && name === 'chromium'));
const root = process.getuid?.() === 0;
const sudo = !root && succeeds('sudo', ['-n', 'true']);

if (missing.length && (!debian || (!root && !sudo))) {
  stop([
    'npm test 需要以下系统软件，但它们没有安装，也无法自动安装（需要 Debian/Ubuntu 的 apt，以及 root 或免密码 sudo）：',
    'npm test needs these system packages, which are missing and cannot be installed automatically',
    '(that needs apt on Debian/Ubuntu, as root or with password-less sudo):',
    '',
    ...missing.map(([name, , why]) => `  ${name} — ${why}`),
    '',
    ...(debian
      ? [
          '请运行 / Run:',
          ...(apt.length ? [`  sudo apt-get install -y --no-install-recommends ${apt.join(' ')}`] : []),
          ...(playwrightChromium
            ? ['  sudo npx playwright install-deps chromium; npx playwright install chromium']
            : []),
          '然后再运行 / then again: npm test',
        ]
      : [
          '安装后再运行 npm test（Chromium 可用 CHROMIUM_PATH 指定）/ Install them, then npm test again (CHROMIUM_PATH points at a Chromium).',
        ]),
  ]);
}

/** Run a step, or stop with its name (its own output is above) rather than a stack trace. */
function step(command, args, env = {}) {
  try {
    execFileSync(command, args, {
      stdio: 'inherit',
      shell: process.platform === 'win32',
      env: { ...process.env, ...env },
    });
  } catch {
    stop([`失败 / failed: ${command} ${args.join(' ')}`]);
  }
}
const privileged = (command, args) =>
  step(root ? command : 'sudo', root ? args : ['-n', command, ...args], { DEBIAN_FRONTEND: 'noninteractive' });
if (apt.length) {
  say(`安装系统软件包：${apt.join(' ')}`, `installing system packages: ${apt.join(' ')}`);
  privileged('apt-get', ['update', '-qq']);
  privileged('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...apt]);
}

if (!haveModules) {
  say(
    '安装 npm 依赖（npm ci；不下载 Electron 程序，测试用不到它）',
    "installing npm packages (npm ci, without Electron's binary, which these tests do not use)",
  );
  step('npm', ['ci', '--no-audit', '--no-fund'], { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
}

if (playwrightChromium) {
  say('Ubuntu：安装 Playwright 自带的 Chromium', "Ubuntu: installing Playwright's own Chromium");
  privileged('npx', ['playwright', 'install-deps', 'chromium']);
  step('npx', ['playwright', 'install', 'chromium']);
}
say('系统软件和 npm 依赖齐全。', 'system and npm packages are in place.');
