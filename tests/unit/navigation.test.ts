import { describe, expect, it } from 'vitest';
import { isAppUrl, isProjectorUrl } from '../../electron/shell/navigation';
import { externalUrl } from '../../shared/links';

describe('which URLs a window may show', () => {
  it.each(['app://yishiting/index.html', 'app://yishiting/#/meetings/3', 'app://yishiting/projector'])(
    'allows %s',
    (url) => expect(isAppUrl(url)).toBe(true),
  );
  it.each([
    'app://yishiting.evil.com/index.html',
    'app://evil/index.html',
    'app://yishiting@evil.com/',
    'https://yishiting/index.html',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://127.0.0.1:4710/',
    '',
    42,
    null,
  ])('refuses %s', (url) => expect(isAppUrl(url)).toBe(false));
});

describe('which URLs reach the system browser', () => {
  it('passes plain https links', () => {
    expect(externalUrl('https://www.gov.cn/zhengce/')).toBe('https://www.gov.cn/zhengce/');
  });
  it.each([
    'http://www.gov.cn/',
    'javascript:alert(1)',
    'file:///C:/Windows/System32/calc.exe',
    'smb://server/share',
    'https://user:pass@www.gov.cn/',
    'https://localhost/',
    'app://yishiting/index.html',
    'ms-msdt:/id PCWDiagnostic',
    'https://' + 'a'.repeat(3000) + '.com/',
    { href: 'https://www.gov.cn/' },
  ])('refuses %s', (url) => expect(externalUrl(url)).toBeNull());
});

describe('which URLs open the projector window', () => {
  it('accepts our projector page only', () => {
    expect(isProjectorUrl('app://yishiting/index.html#/projector/3')).toBe(true);
    expect(isProjectorUrl('app://yishiting/index.html#/meetings/3')).toBe(false);
    expect(isProjectorUrl('https://evil.example/#/projector/3')).toBe(false);
    expect(isProjectorUrl('app://yishiting/#/projector/3/../../x')).toBe(false);
  });
});
