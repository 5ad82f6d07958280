// The passphrase KDF: what one unlock (and one database open) costs on this machine. Goal 0.3–1 s: slow enough
// that a stolen file gives an attacker few guesses a second, quick enough that a secretary does not wait.
import { derive, kdfParams, newKdf } from '../electron/crypto/kdf';
import { figure, note, sampled } from './figures';

export async function benchKdf(): Promise<void> {
  const { salt } = newKdf();
  const samples = await sampled(5, () => derive('议事亭 bench 2026', Buffer.from(salt, 'base64'), kdfParams));
  note(
    `scrypt N=2^${Math.log2(kdfParams.N)} r=${kdfParams.r} p=${kdfParams.p}, ${(128 * kdfParams.N * kdfParams.r) / 2 ** 20} MiB`,
  );
  figure('scrypt key derivation (one unlock)', samples, 'ms', { stat: 'median', between: [300, 1000] });
}
