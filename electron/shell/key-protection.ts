import { safeStorage } from 'electron';
import type { KeyProtection } from '../services/identity';

/**
 * The OS keychain (DPAPI, Keychain, libsecret/KWallet) seals secrets when it is really there. On Linux without a
 * keyring Electron falls back to a key hard-coded in Chromium (`basic_text`): that protects nothing, so the core
 * is told there is no OS protection and asks for a passphrase instead. Call after `ready`.
 */
export function osKeyProtection(platform: NodeJS.Platform = process.platform): KeyProtection | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (platform === 'linux' && ['basic_text', 'unknown'].includes(safeStorage.getSelectedStorageBackend())) {
    return undefined;
  }
  return {
    encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
  };
}
