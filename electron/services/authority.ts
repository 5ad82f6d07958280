import { X509Certificate } from 'node:crypto';
import { desc } from 'drizzle-orm';
import { AppError } from '../../shared/errors';
import { issuedCertificate } from '../db/schema';
import { certificateInfo, commonName, issueCertificate, requestSubject } from '../records/identity';
import { requireProfile } from './community';
import { change, type Handlers, type ServiceContext } from './context';
import type { Identities } from './identity';

/**
 * The sub-district as a certificate authority: its own identity is the CA certificate; it turns a community's
 * request into that community's certificate and keeps the list of what it issued.
 */
export function authorityService(
  ctx: ServiceContext,
  identities: Identities,
): Pick<Handlers, 'ca:inspect' | 'ca:issue' | 'ca:issued'> {
  function authority() {
    requireProfile(ctx, 'sub_district');
    const ca = identities.signer();
    if (!new X509Certificate(ca.certificatePem).ca) throw new AppError('ca_required');
    return ca;
  }

  const pem = (data: string) => Buffer.from(data, 'base64').toString('latin1');
  return {
    'ca:inspect': ({ data }) => {
      requireProfile(ctx, 'sub_district');
      return { subject: requestSubject(pem(data)) };
    },
    'ca:issue': ({ fileName, data }) => {
      const ca = authority();
      const issued = issueCertificate(pem(data), ca, ctx.now());
      const info = certificateInfo(issued);
      change(ctx, (tx, audit) => {
        tx.insert(issuedCertificate)
          .values({
            subject: info.subject,
            fingerprint: info.fingerprint,
            certificate: issued,
            issuedAt: ctx.now().toISOString(),
          })
          .run();
        audit({
          action: 'ca.issue',
          entity: 'certificate',
          entityId: info.fingerprint,
          payload: { fileName, subject: info.subject },
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
    'ca:issued': () =>
      ctx.db
        .select()
        .from(issuedCertificate)
        .orderBy(desc(issuedCertificate.id))
        .all()
        .map((r) => ({
          subject: r.subject,
          fingerprint: r.fingerprint,
          issuedAt: r.issuedAt,
          validTo: certificateInfo(r.certificate).validTo,
        })),
  };
}
