import { X509Certificate } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { CertificateRequestInfo } from '../../shared/domain/records';
import { AppError } from '../../shared/errors';
import { collectedCommunity, issuedCertificate } from '../db/schema';
import { certificateInfo, commonName, issueCertificate, renamedCertificate, requestSubject } from '../records/identity';
import { requireProfile } from './community';
import { change, type Handlers, type ServiceContext } from './context';
import type { Identities } from './identity';
import { checkUnitFree, currentOf, publicEntry, registerIssued } from './register';
import { issueSm2, makeSm2Authority, nameFromSubject, sealSm2Key, sm2Info, sm2RequestSubject } from './sm2-identity';

/**
 * The sub-district as a certificate authority: its own identity is the CA certificate; it turns a community's
 * request into that community's certificate and writes it into its register.
 */
export function authorityService(
  ctx: ServiceContext,
  identities: Identities,
): Pick<Handlers, 'ca:inspect' | 'ca:issue' | 'ca:issued' | 'ca:createSm2' | 'ca:rename'> {
  function authority() {
    requireProfile(ctx, 'sub_district');
    const ca = identities.signer();
    if (!new X509Certificate(ca.certificatePem).ca) throw new AppError('ca_required');
    return ca;
  }

  /** Whom a request names; refused when it names no community (made by a version before the register). */
  function inspect(csrPem: string): CertificateRequestInfo {
    const sm2 = sm2RequestSubject(csrPem);
    const { subject, unit, communityName, communityUid } = sm2 ?? requestSubject(csrPem);
    if (!communityUid) throw new AppError('csr_no_community');
    checkUnitFree(ctx.db, communityUid, unit);
    const algorithm = sm2 ? 'sm2' : 'rsa';
    const current = currentOf(ctx.db, communityUid, algorithm);
    return {
      subject,
      name: communityName,
      unit,
      communityUid,
      algorithm,
      replaces: current ? { unit: current.unit, validTo: current.validTo } : null,
    };
  }

  /** SM2: the certificate and the community's seal, both from the office's SM2 CA, into the same register. */
  async function issueSm2Request(fileName: string, csrPem: string, sealPicture: string | undefined) {
    authority();
    const sm2 = identities.sm2Authority();
    if (!sm2) throw new AppError('sm2_ca_required');
    const request = inspect(csrPem);
    const issued = await issueSm2(
      csrPem,
      sm2,
      ctx.now(),
      ctx.fonts,
      sealPicture ? Buffer.from(sealPicture, 'base64') : undefined,
    );
    const c = issued.certificate;
    change(ctx, (tx, audit) => {
      const entry = registerIssued(
        tx,
        {
          certificatePem: issued.certificatePem,
          der: c.der,
          subject: request.subject,
          serial: c.serial,
          algorithm: 'sm2',
          communityUid: request.communityUid,
          name: request.name,
          unit: request.unit,
          validFrom: c.notBefore.toISOString(),
          validTo: c.notAfter.toISOString(),
        },
        ctx.now().toISOString(),
      );
      audit({
        action: 'ca.issue',
        entity: 'certificate',
        entityId: entry.fingerprint,
        payload: {
          fileName,
          subject: request.subject,
          communityUid: request.communityUid,
          unit: request.unit,
          seal: true,
        },
      });
    });
    ctx.events.emit({ type: 'collection:changed' });
    return {
      fileName: `${request.name}居民委员会-国密证书与电子印章.crt`,
      type: 'application/x-pem-file',
      data: Buffer.from(issued.file).toString('base64'),
      missing: [],
    };
  }

  const pem = (data: string) => Buffer.from(data, 'base64').toString('latin1');
  return {
    'ca:inspect': ({ data }) => {
      requireProfile(ctx, 'sub_district');
      return inspect(pem(data));
    },
    'ca:createSm2': async () => {
      const ca = authority();
      if (identities.sm2Authority() || identities.knownSm2().length) throw new AppError('sm2_ca_exists');
      const made = await makeSm2Authority(
        nameFromSubject(new X509Certificate(ca.certificatePem).subject).filter(([k]) => k !== 'UID'),
        ctx.now(),
      );
      identities.setSm2({
        sm2Key: sealSm2Key(ca.keyPem, made.pair),
        sm2Certificate: made.certificatePem,
        sm2Chain: '',
      });
      return { current: ca.info, protection: ca.info.protection, sm2: sm2Info(made.certificatePem, null, true) };
    },
    'ca:issue': async ({ fileName, data, sealPicture }) => {
      if (sm2RequestSubject(pem(data))) return issueSm2Request(fileName, pem(data), sealPicture);
      const ca = authority();
      const request = inspect(pem(data));
      const issued = issueCertificate(pem(data), ca, ctx.now());
      const certificate = new X509Certificate(issued);
      const info = certificateInfo(issued);
      change(ctx, (tx, audit) => {
        const entry = registerIssued(
          tx,
          {
            certificatePem: issued,
            der: certificate.raw,
            subject: info.subject,
            serial: certificate.serialNumber,
            algorithm: 'rsa',
            communityUid: request.communityUid,
            name: request.name,
            unit: request.unit,
            validFrom: info.validFrom,
            validTo: info.validTo,
          },
          ctx.now().toISOString(),
        );
        audit({
          action: 'ca.issue',
          entity: 'certificate',
          entityId: entry.fingerprint,
          payload: { fileName, subject: info.subject, communityUid: request.communityUid, unit: request.unit },
        });
      });
      ctx.events.emit({ type: 'collection:changed' });
      return {
        fileName: `${commonName(issued)}-证书.crt`,
        type: 'application/x-pem-file',
        // The chain travels with the certificate, so the community's PDFs carry the CA too.
        data: Buffer.from(issued + ca.certificatePem).toString('base64'),
        missing: [],
      };
    },
    'ca:rename': ({ id, name }) => {
      const ca = authority();
      const entry = ctx.db.select().from(issuedCertificate).where(eq(issuedCertificate.id, id)).get();
      if (!entry) throw new AppError('not_found', { entity: { 'zh-CN': '证书', en: 'certificate' }, id });
      if (entry.status !== 'active' || !entry.communityUid || entry.algorithm !== 'rsa') {
        throw new AppError('rename_inactive');
      }
      if (entry.name === name) throw new AppError('rename_unchanged');
      const issued = renamedCertificate(entry.certificate, `${name}居民委员会`, ca, ctx.now());
      const certificate = new X509Certificate(issued);
      const info = certificateInfo(issued);
      const field = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(certificate.subject)?.[1] ?? '';
      const unit = field('L') + field('O') + field('CN');
      const uid = entry.communityUid;
      change(ctx, (tx, audit) => {
        const successor = registerIssued(
          tx,
          {
            certificatePem: issued,
            der: certificate.raw,
            subject: info.subject,
            serial: certificate.serialNumber,
            algorithm: 'rsa',
            communityUid: uid,
            name,
            unit,
            validFrom: info.validFrom,
            validTo: info.validTo,
          },
          ctx.now().toISOString(),
        );
        // What this community reported before is shown under its new name at once, not at its next bundle.
        tx.update(collectedCommunity).set({ name, unit }).where(eq(collectedCommunity.uid, uid)).run();
        audit({
          action: 'ca.rename',
          entity: 'certificate',
          entityId: successor.fingerprint,
          payload: { communityUid: uid, from: entry.unit, to: unit, replaces: entry.fingerprint },
        });
      });
      ctx.events.emit({ type: 'collection:changed' });
      return {
        fileName: `${name}居民委员会-证书.crt`,
        type: 'application/x-pem-file',
        data: Buffer.from(issued + ca.certificatePem).toString('base64'),
        missing: [],
      };
    },
    'ca:issued': () => {
      requireProfile(ctx, 'sub_district');
      return ctx.db.select().from(issuedCertificate).orderBy(desc(issuedCertificate.id)).all().map(publicEntry);
    },
  };
}
