/**
 * Wrong passphrases before the first wait, and the waits: 30 s after the 5th, doubling with each further one up
 * to an hour. Without this an unlock answered ~375 guesses a second; now a dozen cost over an hour. The signing
 * key and the data passphrase are throttled alike.
 */
const freeAttempts = 5;
const firstWaitS = 30;
const longestWaitS = 3600;
export const unlockWaitS = (failures: number) =>
  failures < freeAttempts ? 0 : Math.min(firstWaitS * 2 ** (failures - freeAttempts), longestWaitS);

/** Seconds still to wait. A clock set back does not shorten it: the wait never exceeds the full delay. */
export function remainingWaitS(failures: number, lastFailed: string | null, now: Date): number {
  const wait = unlockWaitS(failures);
  if (!wait || !lastFailed) return 0;
  const elapsed = (now.getTime() - Date.parse(lastFailed)) / 1000;
  return Math.ceil(elapsed < 0 || Number.isNaN(elapsed) ? wait : Math.max(0, wait - elapsed));
}

/** "45 秒" / "3 分钟" / "1 小时", for the refusal. */
export function waitText(seconds: number) {
  if (seconds < 90) return { 'zh-CN': `${seconds} 秒`, en: `${seconds} second${seconds === 1 ? '' : 's'}` };
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return { 'zh-CN': `${minutes} 分钟`, en: `${minutes} minutes` };
  return { 'zh-CN': '1 小时', en: '1 hour' };
}
