import { createPrivateKey } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { isSealed, seal, unseal } from '../crypto/kdf';
import { checkPassphrase } from '../crypto/strength';
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
import { communityUid, readCommunity } from './community';
import { change, type Handlers, type ServiceContext } from './context';
import type { Sm2KeyPair } from '../records/gm/sm2';
import { generateSm2KeyPair } from '../records/gm/sm2';
import type { Sm2Sealer } from '../records/gm/signer';
import { unpem } from '../records/gm/asn1';
import { readSm2Certificate } from '../records/gm/x509';
import {
  nameFromSubject,
  openSm2Key,
  readSm2Install,
  sealSm2Key,
  sm2Info,
  sm2Request,
  type Sm2Authority,
} from './sm2-identity';
import { X509Certificate } from 'node:crypto';
import { remainingWaitS, unlockWaitS, waitText } from '../crypto/throttle';

type IdentityHandlers = Pick<
  Handlers,
  | 'identity:get'
  | 'identity:create'
  | 'identity:unlock'
  | 'identity:exportP12'
  | 'identity:importP12'
  | 'identity:changePassphrase'
  | 'identity:request'
  | 'identity:installCertificate'
  | 'identity:requestSm2'
>;

/**
 * How the shell protects the private key at rest: Electron's safeStorage (the OS keychain / DPAPI). Without it
 * (browser host, tests) the key is encrypted with a passphrase the secretary types.
 */
export type KeyProtection = { encrypt(plain: string): string; decrypt(stored: string): string };

type Row = typeof signingIdentity.$inferSelect;

/** Seconds still to wait before this identity's passphrase may be tried again. */
const remainingS = (row: Row, now: Date) => remainingWaitS(row.failedUnlocks, row.lastFailedUnlock, now);

export type Identities = {
  handlers: IdentityHandlers;
  /** The key and certificate to sign with now; refuses when there is none or it is still locked. */
  signer(): KeyAndCertificate & { info: IdentityInfo };
  /** Every certificate this database has signed with or been issued with, for recognising signers. */
  known(): string[];
  /** The same for SM2 certificates (kept apart: Electron's X509Certificate cannot read them). */
  knownSm2(): string[];
  /** The community's SM2 signer and seal, when the office issued them and the identity is unlocked. */
  sm2Sealer(): Sm2Sealer | null;
  /** The office's SM2 CA, when it has one and it is unlocked. */
  sm2Authority(): Sm2Authority | null;
  /** Give the active identity an SM2 key, certificate, chain and seal (the office's CA, or a request). */
  setSm2(fields: { sm2Key?: string; sm2Certificate?: string | null; sm2Chain?: string; seal?: Buffer | null }): void;
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

  function open(row: Row): string {
    if (!ctx.keyProtection) throw new AppError('identity_locked');
    return ctx.keyProtection.decrypt(row.encryptedKey);
  }

  const fresh = (id: number) => ctx.db.select().from(signingIdentity).where(eq(signingIdentity.id, id)).get()!;
  const setFailures = (id: number, failedUnlocks: number, lastFailedUnlock: string | null) =>
    ctx.db.update(signingIdentity).set({ failedUnlocks, lastFailedUnlock }).where(eq(signingIdentity.id, id)).run();

  /** One passphrase check at a time: parallel guesses would otherwise all start before the first is counted. */
  let queue: Promise<unknown> = Promise.resolve();

  /**
   * The key of a passphrase-protected identity, checked against the throttle. The attempt is counted before the
   * slow derivation and forgiven on success, so neither parallel calls nor quitting mid-way win a free guess.
   * A key from before the scrypt seal (PKCS#8, PBKDF2-2048) or sealed at a lower cost is sealed again now.
   */
  function withPassphrase(row: Row, passphrase: string): Promise<string> {
    const attempt = queue.then(async () => {
      const current = fresh(row.id);
      const wait = remainingS(current, ctx.now());
      if (wait > 0) throw new AppError('unlock_throttled', { count: current.failedUnlocks, wait: waitText(wait) });
      setFailures(row.id, current.failedUnlocks + 1, ctx.now().toISOString());
      let keyPem: string;
      let stale: boolean;
      try {
        ({ secret: keyPem, stale } = await openSealed(current.encryptedKey, passphrase));
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'passphrase_wrong') {
          setFailures(row.id, current.failedUnlocks, current.lastFailedUnlock);
          throw error;
        }
        const waitNow = unlockWaitS(current.failedUnlocks + 1);
        if (waitNow)
          throw new AppError('unlock_throttled', { count: current.failedUnlocks + 1, wait: waitText(waitNow) });
        throw error;
      }
      setFailures(row.id, 0, null);
      if (stale) await reseal(current, keyPem, passphrase);
      return keyPem;
    });
    queue = attempt.catch(() => undefined);
    return attempt;
  }

  async function openSealed(stored: string, passphrase: string): Promise<{ secret: string; stale: boolean }> {
    if (isSealed(stored)) return unseal(stored, passphrase);
    try {
      const secret = createPrivateKey({ key: stored, passphrase }).export({ type: 'pkcs8', format: 'pem' }).toString();
      return { secret, stale: true };
    } catch {
      throw new AppError('passphrase_wrong');
    }
  }

  async function reseal(row: Row, keyPem: string, passphrase: string): Promise<void> {
    const encryptedKey = await seal(keyPem, passphrase);
    change(ctx, (tx, audit) => {
      tx.update(signingIdentity).set({ encryptedKey }).where(eq(signingIdentity.id, row.id)).run();
      audit({ action: 'identity.resealed', entity: 'identity', entityId: row.id, payload: { kdf: 'scrypt' } });
    });
  }

  /** The community's names, which a passphrase must not be built from. */
  const related = () => {
    const c = readCommunity(ctx);
    return c ? [c.name, c.subDistrict, c.district, c.pavilionName] : [];
  };

  function keyOf(row: Row): string | undefined {
    if (!unlocked.has(row.fingerprint) && row.protection === 'safe_storage' && ctx.keyProtection) {
      unlocked.set(row.fingerprint, open(row));
    }
    return unlocked.get(row.fingerprint);
  }

  /** The row's SM2 key, opened with its RSA key; null when it has none or is locked. */
  function sm2Pair(row: Row): Sm2KeyPair | null {
    const rsa = row.sm2Key ? keyOf(row) : undefined;
    return rsa && row.sm2Key ? openSm2Key(rsa, row.sm2Key) : null;
  }

  const info = (row: Row): IdentityInfo => ({
    ...certificateInfo(row.certificate),
    source: row.source,
    protection: row.protection,
    unlocked: keyOf(row) !== undefined,
  });

  /** The key as stored: by safeStorage, or sealed under the secretary's passphrase (scrypt + AES-256-GCM). */
  async function sealKey(
    keyPem: string,
    passphrase: string | undefined,
  ): Promise<Pick<Row, 'encryptedKey' | 'protection'>> {
    if (ctx.keyProtection) return { encryptedKey: ctx.keyProtection.encrypt(keyPem), protection: 'safe_storage' };
    if (!passphrase) throw new AppError('passphrase_required');
    return { encryptedKey: await seal(keyPem, passphrase), protection: 'passphrase' };
  }

  /** A passphrase chosen now: present, and not guessable. Checked before any slow work. */
  async function newPassphrase(passphrase: string | undefined): Promise<void> {
    if (ctx.keyProtection) return;
    if (!passphrase) throw new AppError('passphrase_required');
    await checkPassphrase(passphrase, related());
  }

  /** Store a key and certificate as the active identity; earlier ones stay to recognise what they signed. */
  function store(
    identity: KeyAndCertificate,
    source: Row['source'],
    { encryptedKey, protection }: Pick<Row, 'encryptedKey' | 'protection'>,
  ): IdentityInfo {
    const { fingerprint, subject } = certificateInfo(identity.certificatePem);
    // The SM2 identity moves to the new row, sealed under its RSA key (a locked one cannot move, so it stays).
    const previous = active();
    const pair = previous ? sm2Pair(previous) : null;
    const sm2 =
      previous && pair
        ? {
            sm2Key: sealSm2Key(identity.keyPem, pair),
            sm2Certificate: previous.sm2Certificate,
            sm2Chain: previous.sm2Chain,
            seal: previous.seal,
          }
        : {};
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
          ...sm2,
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

  function sm2Of(row: Row | undefined) {
    const pair = row?.sm2Certificate ? sm2Pair(row) : null;
    return row && pair ? { row, pair, der: unpem(row.sm2Certificate!, 'CERTIFICATE') } : null;
  }

  return {
    signer,
    sm2Sealer: () => {
      const sm2 = sm2Of(active());
      if (!sm2?.row.seal) return null;
      return { key: sm2.pair, certificate: sm2.der, seal: sm2.row.seal };
    },
    sm2Authority: () => {
      const sm2 = sm2Of(active());
      return sm2 && !sm2.row.seal && readSm2Certificate(sm2.der).ca
        ? { pair: sm2.pair, certificatePem: sm2.row.sm2Certificate! }
        : null;
    },
    setSm2: (fields) => {
      const row = active();
      if (!row) throw new AppError('identity_missing');
      change(ctx, (tx, audit) => {
        tx.update(signingIdentity).set(fields).where(eq(signingIdentity.id, row.id)).run();
        audit({
          action: fields.sm2Certificate ? 'identity.sm2_install' : 'identity.sm2_key',
          entity: 'identity',
          entityId: row.id,
          payload: fields.sm2Certificate ? { fingerprint: readSm2Certificate(fields.sm2Certificate).fingerprint } : {},
        });
      });
    },
    knownSm2: () =>
      ctx.db
        .select({ certificate: signingIdentity.sm2Certificate, chain: signingIdentity.sm2Chain })
        .from(signingIdentity)
        .all()
        .flatMap((r) => [r.certificate ?? '', r.chain].filter(Boolean)),
    known: () =>
      ctx.db
        .select({ certificate: signingIdentity.certificate, chain: signingIdentity.chain })
        .from(signingIdentity)
        .all()
        .flatMap((r) => [r.certificate, r.chain].filter(Boolean)),
    handlers: {
      'identity:get': () => {
        const row = active();
        return {
          current: row ? info(row) : null,
          protection: ctx.keyProtection ? 'safe_storage' : 'passphrase',
          sm2: row?.sm2Key ? sm2Info(row.sm2Certificate, row.seal, keyOf(row) !== undefined) : null,
        };
      },
      'identity:create': async ({ passphrase }) => {
        const community = readCommunity(ctx);
        if (!community) throw new AppError('community_required');
        // Judge the passphrase before spending seconds on a key.
        await newPassphrase(passphrase);
        const identity = await createIdentity(community, ctx.now());
        return store(identity, 'generated', await sealKey(identity.keyPem, passphrase));
      },
      'identity:unlock': async ({ passphrase }) => {
        const row = active();
        if (!row) throw new AppError('identity_missing');
        unlocked.set(
          row.fingerprint,
          row.protection === 'safe_storage' ? open(row) : await withPassphrase(row, passphrase),
        );
        return info(fresh(row.id));
      },
      'identity:changePassphrase': async ({ passphrase, newPassphrase: next }) => {
        const row = active();
        if (!row) throw new AppError('identity_missing');
        if (row.protection !== 'passphrase') throw new AppError('passphrase_not_used');
        await newPassphrase(next);
        const keyPem = await withPassphrase(row, passphrase);
        await reseal(fresh(row.id), keyPem, next);
        unlocked.set(row.fingerprint, keyPem);
        return info(fresh(row.id));
      },
      // Even unlocked, a backup of the key asks for the passphrase again: an unattended screen must not hand the
      // key out. (With safeStorage there is no passphrase; the OS account guards the key.)
      'identity:exportP12': async ({ passphrase, password }) => {
        const current = signer();
        const row = active()!;
        if (row.protection === 'passphrase') {
          if (!passphrase) throw new AppError('passphrase_confirm');
          await withPassphrase(row, passphrase);
        }
        return {
          fileName: `${current.info.subject.replace(/^.*CN=([^,]+).*$/, '$1')}-签名证书.p12`,
          type: 'application/x-pkcs12',
          data: toP12(current, password).toString('base64'),
          missing: [],
        };
      },
      'identity:importP12': async ({ data, password, passphrase }) => {
        const identity = fromP12(Buffer.from(data, 'base64'), password);
        await newPassphrase(passphrase);
        return store(identity, 'imported', await sealKey(identity.keyPem, passphrase));
      },
      'identity:request': () => {
        const current = signer();
        return {
          fileName: `${commonName(current.certificatePem)}-证书申请.csr`,
          type: 'application/pkcs10',
          data: Buffer.from(certificateRequest(current, communityUid(ctx))).toString('base64'),
          missing: [],
        };
      },
      'identity:requestSm2': async () => {
        const current = signer();
        const row = active()!;
        let pair = sm2Pair(row);
        if (!pair) {
          pair = generateSm2KeyPair();
          const sm2Key = sealSm2Key(current.keyPem, pair);
          change(ctx, (tx, audit) => {
            tx.update(signingIdentity)
              .set({ sm2Key, sm2Certificate: null, sm2Chain: '', seal: null })
              .where(eq(signingIdentity.id, row.id))
              .run();
            audit({ action: 'identity.sm2_key', entity: 'identity', entityId: row.id, payload: {} });
          });
        }
        const names = nameFromSubject(new X509Certificate(current.certificatePem).subject).filter(([k]) => k !== 'UID');
        return {
          fileName: `${commonName(current.certificatePem)}-国密证书申请.csr`,
          type: 'application/pkcs10',
          data: Buffer.from(await sm2Request([...names, ['UID', communityUid(ctx)]], pair)).toString('base64'),
          missing: [],
        };
      },
      'identity:installCertificate': ({ data }) => {
        const current = signer();
        const text = Buffer.from(data, 'base64').toString('latin1');
        const row = active()!;
        const pair = sm2Pair(row);
        // An SM2 file from the office: the certificate for our SM2 key, the CA and the seal.
        const sm2 = pair ? readSm2Install(text, pair) : null;
        if (sm2) {
          change(ctx, (tx, audit) => {
            tx.update(signingIdentity)
              .set({ sm2Certificate: sm2.certificatePem, sm2Chain: sm2.chainPem, seal: sm2.seal })
              .where(eq(signingIdentity.id, row.id))
              .run();
            audit({
              action: 'identity.sm2_install',
              entity: 'identity',
              entityId: row.id,
              payload: { fingerprint: readSm2Certificate(sm2.certificatePem).fingerprint },
            });
          });
          return info(active()!);
        }
        if (!pair && /BEGIN SES SEAL/.test(text)) throw new AppError('sm2_request_missing');
        const certificates = readCertificates(Buffer.from(data, 'base64'));
        const own = certificates.find((pem) => certifiesKey(pem, current.keyPem));
        if (!own) throw new AppError('certificate_mismatch');
        return store(
          { keyPem: current.keyPem, certificatePem: own, chainPems: certificates.filter((pem) => pem !== own) },
          'imported',
          row,
        );
      },
    },
  };
}
