import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as ZxcvbnCore from '@zxcvbn-ts/core';
import type { Matcher, MatchExtended, MatchOptions } from '@zxcvbn-ts/core';
import type * as ZxcvbnCommon from '@zxcvbn-ts/language-common';
import { pinyin } from 'pinyin-pro';
import { AppError } from '../../shared/errors';

/**
 * Is a new passphrase hard enough to guess? zxcvbn-ts (with its common-password and keyboard lists) estimates
 * the guesses; we refuse a score under 3 (fewer than 10^8 guesses), with a hint in both languages.
 *
 * zxcvbn knows no Chinese. Pinyin is what secretaries type ("zhangwei1985", "donghu2026"), and zxcvbn would count
 * "zhangwei" as 8 random letters (10^8 guesses); a matcher below reads runs of pinyin syllables as words, each
 * syllable costing its rank among the ~460 syllables (ranked by how many characters are read that way), so
 * a two-syllable name costs thousands of guesses. The community's own names, in characters and pinyin, are
 * user inputs: "东湖社区2026" is refused.
 *
 * The same check guards both passphrases: the signing key's (`passphrase_weak`) and the data file's
 * (`data_passphrase_weak`, the same message), which is chosen while the core starts and so is checked synchronously.
 */
export function checkPassphrase(
  passphrase: string,
  related: string[],
  code: 'passphrase_weak' | 'data_passphrase_weak' = 'passphrase_weak',
): void {
  const { zxcvbn, romanize } = strengthTools();
  const names = related.flatMap((name) => [
    name,
    name.replace(/(社区|街道|居委会|办事处|幸福议事亭|议事亭|市|区|县|镇|乡)$/, ''),
  ]);
  const inputs = names.flatMap((name) => [name, romanize(name)]).filter((s) => s.length >= 2);
  const result = zxcvbn.check(passphrase, [...inputs, '议事亭', 'yishiting', '幸福议事亭', 'xingfuyishiting']);
  if (result.score >= 3) return;
  const found = new Set(result.sequence.map(reasonOf).filter((r) => r !== undefined));
  const reasons = found.size ? [...found] : (['short'] as const);
  throw new AppError(code, {
    reasons: {
      'zh-CN': reasons.map((r) => reasonText[r]['zh-CN']).join('、'),
      en: reasons.map((r) => reasonText[r].en).join(', '),
    },
  });
}

const reasonText = {
  community: {
    'zh-CN': '用了社区、街道或议事亭的名称',
    en: 'it uses the name of the community, sub-district or pavilion',
  },
  common: { 'zh-CN': '是常见密码或常用词', en: 'it is a common password or word' },
  pinyin: { 'zh-CN': '是拼音词语或人名', en: 'it is pinyin words or a name' },
  date: { 'zh-CN': '含有日期或年份', en: 'it contains a date or a year' },
  pattern: {
    'zh-CN': '有重复、连续或键盘上相邻的字符',
    en: 'it has repeated, consecutive or neighbouring-key characters',
  },
  short: { 'zh-CN': '太短', en: 'it is too short' },
} as const;
type Reason = keyof typeof reasonText;

function reasonOf(match: MatchExtended): Reason | undefined {
  if (match.pattern === 'dictionary') return match.dictionaryName === 'userInputs' ? 'community' : 'common';
  if (match.pattern === 'pinyin') return 'pinyin';
  if (match.pattern === 'date' || match.pattern === 'regex') return 'date';
  if (['repeat', 'sequence', 'spatial'].includes(match.pattern)) return 'pattern';
  return undefined;
}

type Tools = { zxcvbn: ZxcvbnCore.ZxcvbnFactory; romanize(text: string): string };
let tools: Tools | undefined;

/**
 * The dictionaries (~1 MB) load when a passphrase is first chosen, not when the app starts: ~0.5 s once, beside
 * the scrypt derivation (~0.6 s) that follows. Both packages are CommonJS only, so require gives the same module an
 * import would; it is found from the repository under tsx and from the shell's CommonJS bundle, where
 * import.meta.url is empty.
 */
function strengthTools(): Tools {
  if (tools) return tools;
  const load = createRequire(typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url));
  const { ZxcvbnFactory } = load('@zxcvbn-ts/core') as typeof ZxcvbnCore;
  const common = load('@zxcvbn-ts/language-common') as typeof ZxcvbnCommon;
  const counts = new Map<string, number>();
  for (let c = 0x4e00; c <= 0x9fa5; c += 1) {
    for (const s of pinyin(String.fromCodePoint(c), { toneType: 'none', type: 'array', multiple: true })) {
      const syllable = s.replace('ü', 'v');
      if (syllable.length >= 2) counts.set(syllable, (counts.get(syllable) ?? 0) + 1);
    }
  }
  const rank = new Map([...counts].sort((a, b) => b[1] - a[1]).map(([s], i) => [s, i + 1]));
  const zxcvbn = new ZxcvbnFactory(
    { dictionary: common.dictionary, graphs: common.adjacencyGraphs },
    { pinyin: pinyinMatcher(rank) },
  );
  const romanize = (text: string) => pinyin(text, { toneType: 'none', separator: '', nonZh: 'consecutive' });
  return (tools = { zxcvbn, romanize });
}

/** Every substring that splits into pinyin syllables, with the cheapest split's guesses. */
function pinyinMatcher(rank: Map<string, number>): Matcher {
  const longest = Math.max(...[...rank.keys()].map((s) => s.length));
  class Matching {
    match({ password }: MatchOptions): MatchExtended[] {
      const lower = password.toLowerCase();
      const matches: MatchExtended[] = [];
      for (let i = 0; i < lower.length; i += 1) {
        // cost[k]: the fewest guesses for lower[i..i+k) as whole syllables (Infinity if it does not split).
        const cost = [1];
        for (let end = i + 1; end <= lower.length; end += 1) {
          let best = Infinity;
          for (let len = 2; len <= longest && len <= end - i; len += 1) {
            const r = rank.get(lower.slice(end - len, end));
            if (r !== undefined) best = Math.min(best, cost[end - len - i]! * r);
          }
          cost.push(best);
          if (best !== Infinity) {
            const token = password.slice(i, end);
            matches.push({
              pattern: 'pinyin',
              i,
              j: end - 1,
              token,
              pinyinGuesses: best * (token === lower.slice(i, end) ? 1 : 2),
            });
          }
        }
      }
      return matches;
    }
  }
  return {
    Matching: Matching as unknown as Matcher['Matching'],
    scoring: (match) => (match as MatchExtended & { pinyinGuesses: number }).pinyinGuesses,
    feedback: () => null,
  };
}
