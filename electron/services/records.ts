import { createHash, X509Certificate } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { recordKindLabels, type RecordKind, type VerifyReport } from '../../shared/domain/records';
import { AppError } from '../../shared/errors';
import { localTime, minutesTexts, resolutionNotice } from '../../shared/minutes-draft';
import { chineseDate } from '../../shared/notice';
import { auditHead } from '../db/audit';
import { meeting, minutes, minutesAmendment } from '../db/schema';
import { certificateInfo, commonName, splitPems } from '../records/identity';
import type { RecordSeal } from '../records/pdf-document';
import { attendees } from './attendance';
import { requireProfile } from './community';
import { change, type Handlers, type ServiceContext } from './context';
import type { Identities } from './identity';
import { readMinutes } from './minutes';

type RecordHandlers = Pick<Handlers, 'record:export' | 'record:verify'>;

/** pdfkit, forge and Skia load on the first export or check, not at start. */
export const renderers = async () => {
  const [fonts, notice, sheet, minutesPdf, verify, casePdf] = await Promise.all([
    import('../records/fonts'),
    import('../records/notice'),
    import('../records/sign-in-sheet'),
    import('../records/minutes'),
    import('../records/verify-pdf'),
    import('../records/case'),
  ]);
  return { ...fonts, ...notice, ...sheet, ...minutesPdf, ...verify, ...casePdf };
};

/** The certificates this database holds (its identities and their issuers), parsed. */
export const knownCertificates = (identities: Identities) =>
  identities.known().flatMap((pem) => splitPems(pem).map((p) => new X509Certificate(p)));

/** Is `certificate` one of ours, or issued by one of ours (a sub-district CA whose certificate we hold)? */
export function recognised(certificate: X509Certificate, known: X509Certificate[]): boolean {
  return known.some(
    (k) =>
      k.fingerprint256 === certificate.fingerprint256 ||
      (k.ca && certificate.checkIssued(k) && certificate.verify(k.publicKey)),
  );
}

export type Records = {
  handlers: RecordHandlers;
  /** One signed record of a finalized meeting, with the texts it prints (for the missing-glyph check). */
  render(
    id: number,
    kind: RecordKind,
    format?: 'pdf' | 'png',
  ): Promise<{ data: Buffer; texts: string[]; fileName: string }>;
  /** The seal for any other record: its hash, the audit head now, and the active identity. */
  seal(kind: string, meetingId: number, contentHash: string): RecordSeal;
};

export function recordService(ctx: ServiceContext, identities: Identities): Records {
  /** Which finalized minutes carry this hash, and whether an amendment has superseded it. */
  function matchHash(hash: string | null): VerifyReport['match'] {
    if (!hash) return { state: 'none' };
    const finalized = ctx.db
      .select({ meetingId: minutes.meetingId })
      .from(minutes)
      .where(eq(minutes.contentHash, hash))
      .get();
    const amended = ctx.db
      .select({ meetingId: minutesAmendment.meetingId })
      .from(minutesAmendment)
      .where(eq(minutesAmendment.hash, hash))
      .get();
    const meetingId = finalized?.meetingId ?? amended?.meetingId;
    if (meetingId === undefined) return { state: 'none' };
    const title = ctx.db.select({ title: meeting.title }).from(meeting).where(eq(meeting.id, meetingId)).get()!.title;
    const current = readMinutes(ctx, meetingId).recordHash === hash;
    return { state: current ? 'current' : 'superseded', meetingId, title };
  }

  function seal(kind: string, meetingId: number, contentHash: string, head = auditHead(ctx.db)): RecordSeal {
    const community = requireProfile(ctx, 'community');
    const signer = identities.signer();
    return {
      kind,
      meetingId,
      contentHash,
      auditHead: head,
      signer: commonName(signer.certificatePem),
      fingerprint: signer.info.fingerprint,
      identity: signer,
      signedAt: ctx.now(),
      location: community.name,
    };
  }

  async function render(id: number, kind: RecordKind, format: 'pdf' | 'png' = 'pdf') {
    if (format === 'png' && kind !== 'resolutions') {
      throw new AppError('invalid_input', {
        detail: { 'zh-CN': '只有议定事项公示可以导出为图片', en: 'only the resolutions notice exports as a picture' },
      });
    }
    const community = requireProfile(ctx, 'community');
    const record = readMinutes(ctx, id);
    if (record.status !== 'final') throw new AppError('minutes_not_final');
    const recordSeal = seal(kind, id, record.recordHash!, record.auditHead ?? '');
    const r = await renderers();
    const header = record.content.header.community;
    const notice = resolutionNotice({ content: record.content, community, issuedOn: chineseDate(ctx.now()) });
    const people = attendees(ctx, id);
    const pdfs: Record<RecordKind, () => Promise<Buffer> | Buffer> = {
      minutes: () =>
        r.minutesPdf(
          {
            content: record.content,
            amendments: record.amendments,
            finalized: { at: record.finalizedAt!, by: record.finalizedBy },
            header,
          },
          ctx.fonts,
          recordSeal,
        ),
      resolutions: () =>
        format === 'png'
          ? r.noticePng(notice, ctx.fonts, `内容哈希 sha256:${recordSeal.contentHash}`)
          : r.noticePdf(notice, ctx.fonts, recordSeal),
      sign_in: () =>
        r.signInSheetPdf(
          {
            header,
            title: record.content.header.title.replace(/会议纪要$/, ''),
            when: [record.content.header.date, record.content.header.time].filter(Boolean).join(' '),
            place: record.content.header.place,
            rows: people.map((a) => ({
              name: a.name,
              address: a.detail,
              role: a.guest ? '列席' : a.tags.join('、'),
              signed: `${localTime(a.checkedInAt)} 签到`,
              note: [a.leftAt ? `${localTime(a.leftAt)} 离会` : '', ...a.proxiesFor.map((p) => `受${p.name}委托`)]
                .filter(Boolean)
                .join('；'),
            })),
            blankRows: 0,
          },
          ctx.fonts,
          recordSeal,
        ),
    };
    const data = await pdfs[kind]();
    change(ctx, (_tx, audit) =>
      audit({
        action: 'record.export',
        entity: 'meeting',
        entityId: id,
        payload: {
          kind,
          format,
          contentHash: recordSeal.contentHash,
          sha256: createHash('sha256').update(data).digest('hex'),
        },
      }),
    );
    const label = recordKindLabels[kind]['zh-CN'];
    return {
      data,
      texts: kind === 'sign_in' ? people.map((a) => a.name) : minutesTexts(record.content),
      fileName: `${record.content.header.title.replace(/会议纪要$/, '')}-${label}.${format}`,
    };
  }

  return {
    render,
    seal,
    handlers: {
      'record:export': async ({ id, kind, format }) => {
        const { data, texts, fileName } = await render(id, kind, format);
        return {
          fileName,
          type: format === 'pdf' ? 'application/pdf' : 'image/png',
          data: data.toString('base64'),
          missing: (await renderers()).missingGlyphs(texts, ctx.fonts),
        };
      },
      'record:verify': async ({ fileName, data }) => {
        const r = await renderers();
        const pdf = Buffer.from(data, 'base64');
        const check = r.checkPdf(pdf, fileName);
        const seal = r.readSeal(pdf);
        const certificate = check.state === 'unsigned' ? null : check.certificate;
        const verdict: VerifyReport['verdict'] =
          check.state === 'unsigned'
            ? 'unsigned'
            : check.state === 'tampered'
              ? 'tampered'
              : recognised(check.certificate, knownCertificates(identities))
                ? 'valid'
                : 'unknown_signer';
        const signer = certificate ? certificateInfo(certificate.toString()) : null;
        return {
          fileName,
          verdict,
          reason: check.state === 'tampered' ? check.reason : null,
          signer: signer && certificate ? { name: commonName(certificate.toString()), ...signer } : null,
          signedAt: check.state === 'unsigned' ? null : check.signedAt,
          contentHash: seal.contentHash,
          // A hash only means something when the file is intact: a tampered file's claims are not repeated.
          match: check.state === 'intact' ? matchHash(seal.contentHash) : { state: 'none' },
        };
      },
    },
  };
}
