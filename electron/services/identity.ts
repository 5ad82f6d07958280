import { createPrivateKey } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { IdentityInfo } from '../../shared/domain/records';
import { AppError } from '../../shared/errors';
import {
  certificateInfo,
  certificateRequest,
  certifiesKey,
  commonName,
  createIdentity,
  readCertificates,
  fromP12,
  splitPems,
  toP12,
  type KeyAndCertificate,
} from '../records/identity';
import { signingIdentity } from '../db/schema';
import { readCommunity } from './community';
import { change, type Handlers, type ServiceContext } from './context';

type IdentityHandlers = Pick<
  Handlers,
  | 'identity:get'
  | 'identity:create'
  | 'identity:unlock'
  | 'identity:exportP12'
  | 'identity:importP12'
  | 'identity:request'
  | 'identity:installCertificate'
>;

/**
 * How the shell protects the private key at rest: Electron's safeStorage (the OS keychain / DPAPI). Without it
 * (browser host, tests) the key is encrypted with a passphrase the secretary types.
 */
export type KeyProtection = { encrypt(plain: string): string; decrypt(stored: string): string };

type Row = typeof signingIdentity.$inferSelect;

export type Identities = {
  handlers: IdentityHandlers;
  /** The key and certificate to sign with now; refuses when there is none or it is still locked. */
  signer(): KeyAndCertificate & { info: IdentityInfo };
  /** Every certificate this database has signed with or been issued with, for recognising signers. */
  known(): string[];
};

export function identityService(ctx: ServiceContext): Identities {
  /** Keys unlocked this session, by certificate fingerprint. They live in this process only. */
  const unlocked = new Map<string, string>();

  const active = (): Row | undefined =>
    ctx.db
      .select()
      .from(signingIdentity)
      .where(eq(signingIdentity.active, true))
      .orderBy(desc(signingIdentity.id))
      .get();

  function open(row: Row, passphrase?: string): string {
    if (row.protection === 'safe_storage') {
      if (!ctx.keyProtection) throw new AppError('identity_locked');
      return ctx.keyProtection.decrypt(row.encryptedKey);
    }
    if (passphrase === undefined) throw new AppError('identity_locked');
    try {
      return createPrivateKey({ key: row.encryptedKey, passphrase })
        .export({ type: 'pkcs8', format: 'pem' })
        .toString();
    } catch {
      throw new AppError('passphrase_wrong');
    }
  }

  function keyOf(row: Row): string | undefined {
    if (!unlocked.has(row.fingerprint) && row.protection === 'safe_storage' && ctx.keyProtection) {
      unlocked.set(row.fingerprint, open(row));
    }
    return unlocked.get(row.fingerprint);
  }

  const info = (row: Row): IdentityInfo => ({
    ...certificateInfo(row.certificate),
    source: row.source,
    protection: row.protection,
    unlocked: keyOf(row) !== undefined,
  });

  /** The key as stored: by safeStorage, or encrypted with the secretary's passphrase. */
  function sealKey(keyPem: string, passphrase: string | undefined): Pick<Row, 'encryptedKey' | 'protection'> {
    if (ctx.keyProtection) return { encryptedKey: ctx.keyProtection.encrypt(keyPem), protection: 'safe_storage' };
    if (!passphrase) throw new AppError('passphrase_required');
    const encryptedKey = createPrivateKey(keyPem)
      .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase })
      .toString();
    return { encryptedKey, protection: 'passphrase' };
  }

  /** Store a key and certificate as the active identity; earlier ones stay to recognise what they signed. */
  function store(
    identity: KeyAndCertificate,
    source: Row['source'],
    { encryptedKey, protection }: Pick<Row, 'encryptedKey' | 'protection'>,
  ): IdentityInfo {
    const { fingerprint, subject } = certificateInfo(identity.certificatePem);
    const row = change(ctx, (tx, audit) => {
      tx.update(signingIdentity).set({ active: false }).run();
      tx.delete(signingIdentity).where(eq(signingIdentity.fingerprint, fingerprint)).run();
      const inserted = tx
        .insert(signingIdentity)
        .values({
          certificate: identity.certificatePem,
          chain: identity.chainPems.join(''),
          encryptedKey,
          protection,
          source,
          fingerprint,
          createdAt: ctx.now().toISOString(),
        })
        .returning()
        .get();
      audit({
        action: `identity.${source}`,
        entity: 'identity',
        entityId: inserted.id,
        payload: { fingerprint, subject },
      });
      return inserted;
    });
    unlocked.set(fingerprint, identity.keyPem);
    return info(row);
  }

  function signer() {
    const row = active();
    if (!row) throw new AppError('identity_missing');
    const keyPem = keyOf(row);
    if (!keyPem) throw new AppError('identity_locked');
    return { keyPem, certificatePem: row.certificate, chainPems: splitPems(row.chain), info: info(row) };
  }

  return {
    signer,
    known: () =>
      ctx.db
        .select({ certificate: signingIdentity.certificate, chain: signingIdentity.chain })
        .from(signingIdentity)
        .all()
        .flatMap((r) => [r.certificate, r.chain].filter(Boolean)),
    handlers: {
      'identity:get': () => {
        const row = active();
        return { current: row ? info(row) : null, protection: ctx.keyProtection ? 'safe_storage' : 'passphrase' };
      },
      'identity:create': async ({ passphrase }) => {
        const community = readCommunity(ctx);
        if (!community) throw new AppError('community_required');
        // Ask for the passphrase before spending seconds on a key.
        if (!ctx.keyProtection && !passphrase) throw new AppError('passphrase_required');
        const identity = await createIdentity(community, ctx.now());
        return store(identity, 'generated', sealKey(identity.keyPem, passphrase));
      },
      'identity:unlock': ({ passphrase }) => {
        const row = active();
        if (!row) throw new AppError('identity_missing');
        unlocked.set(row.fingerprint, open(row, passphrase));
        return info(row);
      },
      'identity:exportP12': ({ password }) => {
        const current = signer();
        return {
          fileName: `${current.info.subject.replace(/^.*CN=([^,]+).*$/, '$1')}-签名证书.p12`,
          type: 'application/x-pkcs12',
          data: toP12(current, password).toString('base64'),
          missing: [],
        };
      },
      'identity:importP12': ({ data, password, passphrase }) => {
        const identity = fromP12(Buffer.from(data, 'base64'), password);
        return store(identity, 'imported', sealKey(identity.keyPem, passphrase));
      },
      'identity:request': () => {
        const current = signer();
        return {
          fileName: `${commonName(current.certificatePem)}-证书申请.csr`,
          type: 'application/pkcs10',
          data: Buffer.from(certificateRequest(current)).toString('base64'),
          missing: [],
        };
      },
      'identity:installCertificate': ({ data }) => {
        const current = signer();
        const certificates = readCertificates(Buffer.from(data, 'base64'));
        const own = certificates.find((pem) => certifiesKey(pem, current.keyPem));
        if (!own) throw new AppError('certificate_mismatch');
        const row = active()!;
        return store(
          { keyPem: current.keyPem, certificatePem: own, chainPems: certificates.filter((pem) => pem !== own) },
          'imported',
          row,
        );
      },
    },
  };
}
