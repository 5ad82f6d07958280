import { createHash, X509Certificate } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { canonicalJson } from '../../shared/canonical-json';
import {
  recordFileTypes,
  recordKindLabels,
  type RecordFormat,
  type CertificateNote,
  type RecordKind,
  type VerifyReport,
  worseVerdict,
} from '../../shared/domain/records';
import { AppError } from '../../shared/errors';
import { dayAndTime, formatTime } from '../../shared/dates';
import type { MinutesContent } from '../../shared/domain/minutes';
import type { Attendee } from '../../shared/domain/run';
import { figuresSentence } from '../../shared/figures';
import { minutesTexts, resolutionNotice } from '../../shared/minutes-draft';
import { auditHead } from '../db/audit';
import { bundleFiles, type BundleManifest } from '../../shared/domain/bundle';
import {
  collectedBundle,
  collectedFile,
  collectedMeeting,
  meeting,
  minutes,
  minutesAmendment,
  signingIdentity,
} from '../db/schema';
import { parseCertificate } from '../records/certificates';
import { certificateInfo, commonName, splitPems } from '../records/identity';
import type { RecordOutput, RecordSeal } from '../records/pdf-document';
import type { SheetRow } from '../records/sign-in-sheet';
import { attendees } from './meeting-record';
import { readCommunity, requireProfile } from './community';
import { change, type Handlers, type ServiceContext } from './context';
import type { Identities } from './identity';
import { readMinutes } from './minutes';
import { currentOf, fingerprintOf, pemDer, registered } from './register';
import type { Trust } from './trust';
import type { PdfSealCheck } from '../records/gm/pdf-seal';

/** Notes of the RSA and the SM2 certificate, each said once. */
const uniqueNotes = (notes: CertificateNote[]) =>
  notes.filter((n, i) => notes.findIndex((m) => m.code === n.code && m.date === n.date) === i);

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
  identities.known().flatMap((pem) => splitPems(pem).map((p) => parseCertificate(p)));

/** Is `certificate` one of ours, or issued by one of ours (a sub-district CA whose certificate we hold)? */
export function recognised(certificate: X509Certificate, known: X509Certificate[]): boolean {
  return known.some(
    (k) =>
      k.fingerprint256 === certificate.fingerprint256 ||
      (k.ca && certificate.checkIssued(k) && certificate.verify(k.publicKey)),
  );
}

/** A record read and ready to draw: `draw` touches no database, so it may run after other changes. */
export type RecordDraft = { contentHash: string; texts: string[]; fileName: string; draw(): Promise<Buffer> };

export type Records = {
  handlers: RecordHandlers;
  /** Read one record of a finalized meeting now, to draw later (see RecordDraft). */
  draft(id: number, kind: RecordKind, format?: RecordFormat): RecordDraft;
  /** One signed record of a finalized meeting, with the texts it prints (for the missing-glyph check). */
  render(
    id: number,
    kind: RecordKind,
    format?: RecordFormat,
  ): Promise<{ data: Buffer; texts: string[]; fileName: string }>;
  /** The seal for any other record: its hash, the audit head now, and the active identity. */
  seal(kind: string, meetingId: number, contentHash: string): RecordSeal;
};

/** "2026年12月5日（星期六）19:04—21:10（实际），计划 19:00": when it was held, and when it was planned for. */
export function heldWhen(h: MinutesContent['header']): string {
  const held = dayAndTime(h.date, h.time);
  return h.planned ? `${held}（实际）；计划 ${h.planned}` : held;
}

/** The sign-in record's rows: the attendance list frozen in the minutes (live rows for minutes drafted before it). */
function signInRows(content: MinutesContent, live: () => Attendee[]): SheetRow[] {
  if (content.annex) {
    return content.annex.attendance.map((p) => ({
      name: p.name,
      address: p.address,
      role: p.kind === 'proxy' ? '委托' : p.role,
      signed: p.checkedIn ? `${p.checkedIn} 签到` : '',
      note: [p.left && `${p.left} 离场`, p.note].filter(Boolean).join('；'),
    }));
  }
  return live().map((a) => ({
    name: a.name,
    address: a.detail,
    role: a.guest ? '列席' : a.tags.join('、'),
    signed: `${formatTime(a.checkedInAt)} 签到`,
    note: [a.leftAt ? `${formatTime(a.leftAt)} 离场` : '', ...a.proxiesFor.map((p) => `受${p.name}委托`)]
      .filter(Boolean)
      .join('；'),
  }));
}

/**
 * Who signs, as the certificate names it — L + O + CN: 平湖市 + 当湖街道 + 东湖社区居民委员会 — and who issued
 * it (the issuing office's CN), or null when the certificate is the community's own, not yet the 街道's.
 */
export function signerNames(certificatePem: string): { unit: string; issuer: string | null } {
  const certificate = new X509Certificate(certificatePem);
  const fields = (name: string) => new Map(name.split('\n').map((line) => line.split('=', 2) as [string, string]));
  const subject = fields(certificate.subject);
  const unit = ['L', 'O', 'CN'].map((k) => subject.get(k) ?? '').join('');
  const selfIssued = certificate.subject === certificate.issuer;
  return {
    unit: unit || commonName(certificatePem),
    issuer: selfIssued ? null : (fields(certificate.issuer).get('CN') ?? null),
  };
}

export function recordService(ctx: ServiceContext, identities: Identities, trust: Trust): Records {
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

  /**
   * At the office: does the PDF carry the minutes its signer's community reported? The community is the one the
   * register issued the certificate to, never a name in the file; the hash must be the one its newest trusted
   * bundle gave for that meeting. Another community's key, or a copied hash, matches nothing.
   */
  function reportedMatch(
    certificate: X509Certificate,
    hash: string | null,
    meetingId: number | null,
    pdf: Buffer,
  ): { match: VerifyReport['match']; seenAt: Date | null } {
    const none = { match: { state: 'none' } as const, seenAt: null };
    if (readCommunity(ctx)?.kind !== 'sub_district' || !hash || meetingId === null) return none;
    const uid = registered(ctx.db, certificate.fingerprint256)?.communityUid;
    if (!uid) return none;
    const row = ctx.db
      .select({ bundleId: collectedMeeting.bundleId, title: collectedMeeting.title })
      .from(collectedMeeting)
      .where(and(eq(collectedMeeting.communityUid, uid), eq(collectedMeeting.meetingId, meetingId)))
      .get();
    const file = row
      ? ctx.db
          .select({ data: collectedFile.data })
          .from(collectedFile)
          .where(and(eq(collectedFile.bundleId, row.bundleId), eq(collectedFile.path, bundleFiles.manifest)))
          .get()
      : undefined;
    if (!row || !file) return none;
    const manifest = JSON.parse(file.data.toString('utf8')) as BundleManifest;
    if (manifest.meetings.find((m) => m.id === meetingId)?.minutesHash !== hash) return none;
    // The very file the bundle brought, byte for byte: its signer could put the right hash under other words.
    const copy = ctx.db
      .select({ importedAt: collectedBundle.importedAt })
      .from(collectedFile)
      .innerJoin(collectedBundle, eq(collectedBundle.id, collectedFile.bundleId))
      .where(and(eq(collectedFile.bundleId, row.bundleId), eq(collectedFile.data, pdf)))
      .get();
    if (!copy) return none;
    const unit = currentOf(ctx.db, uid)?.unit ?? manifest.community.unit;
    return { match: { state: 'reported', meetingId, title: row.title, unit }, seenAt: new Date(copy.importedAt) };
  }

  /** Was this certificate one of this database's own signing identities (now or before)? */
  function signedHere(der: Buffer): boolean {
    const fingerprint = fingerprintOf(der);
    return ctx.db
      .select({ certificate: signingIdentity.certificate, sm2: signingIdentity.sm2Certificate })
      .from(signingIdentity)
      .all()
      .some((row) =>
        splitPems(row.certificate + (row.sm2 ?? '')).some((pem) => fingerprintOf(pemDer(pem)) === fingerprint),
      );
  }

  /**
   * A PDF's SM2 seal signature, judged by the OFD's rules; the sealer is the RSA signer's community when both
   * certificates carry its uid and, where the register knows both (at the office), it files them under one.
   */
  async function judgeSeal(check: PdfSealCheck, rsa: X509Certificate) {
    const [{ issuedBy, knownSm2Authorities }, { judgePdfSeal, rsaUid, sm2Uid }] = await Promise.all([
      import('./verify-ofd'),
      import('./verify-pdf-seal'),
    ]);
    const authorities = knownSm2Authorities(identities.knownSm2());
    return judgePdfSeal(
      check,
      authorities,
      (signer, signedAt) => trust.judgeSm2(signer, signedAt, { authorities, issuedBy }),
      (signer) => {
        const uid = sm2Uid(signer);
        const [sm2Entry, rsaEntry] = [registered(ctx.db, signer.fingerprint), registered(ctx.db, rsa.fingerprint256)];
        const filed = !sm2Entry || !rsaEntry || sm2Entry.communityUid === rsaEntry.communityUid;
        return uid !== null && uid === rsaUid(rsa) && filed;
      },
    );
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
      ...signerNames(signer.certificatePem),
      sm2: identities.sm2Sealer(),
    };
  }

  /**
   * Everything one record prints, read now in one go; drawing it later reads nothing more, so a bundle can read
   * all its records in one snapshot and draw them after.
   */
  function draft(id: number, kind: RecordKind, format: RecordFormat = 'pdf'): RecordDraft {
    if (format === 'png' && kind !== 'resolutions') {
      throw new AppError('invalid_input', {
        detail: { 'zh-CN': '只有议定事项公示可以导出为图片', en: 'only the resolutions notice exports as a picture' },
      });
    }
    if (format === 'pdfa' && kind !== 'minutes') {
      throw new AppError('invalid_input', {
        detail: { 'zh-CN': '只有会议纪要有存档版（PDF/A-3b）', en: 'only the minutes have a PDF/A-3b archive copy' },
      });
    }
    const community = requireProfile(ctx, 'community');
    const record = readMinutes(ctx, id);
    if (record.status !== 'final') throw new AppError('minutes_not_final');
    const recordSeal = seal(kind, id, record.recordHash!, record.auditHead ?? '');
    const header = record.content.header.community;
    const notice = resolutionNotice({ content: record.content, community, issued: ctx.now() });
    const rows = signInRows(record.content, () => attendees(ctx, id));
    // The archive copy carries the JSON the content hash is computed from (sha256 of it is the content hash).
    const output: RecordOutput =
      format === 'pdfa'
        ? { format, json: canonicalJson(record.content) }
        : { format: format === 'ofd' ? 'ofd' : 'pdf' };
    const pdfs: Record<RecordKind, () => Promise<Buffer>> = {
      minutes: () =>
        ctx.work.run(
          'minutesPdf',
          {
            content: record.content,
            amendments: record.amendments,
            finalized: { at: record.finalizedAt!, by: record.finalizedBy },
            header,
            issuer: `${community.name}居民委员会`,
          },
          ctx.fonts,
          recordSeal,
          output,
        ),
      resolutions: () =>
        format === 'png'
          ? ctx.work.run(
              'noticePng',
              notice,
              ctx.fonts,
              `内容编号（与签名的 PDF 相同）：sha256:${recordSeal.contentHash}`,
            )
          : ctx.work.run('noticePdf', notice, ctx.fonts, recordSeal, output),
      sign_in: () =>
        ctx.work.run(
          'signInSheetPdf',
          {
            header,
            title: record.content.header.title.replace(/会议纪要$/, ''),
            when: heldWhen(record.content.header),
            place: record.content.header.place,
            summary: record.content.figures ? figuresSentence(record.content.figures) : '',
            rows,
            blankRows: 0,
          },
          ctx.fonts,
          recordSeal,
          output,
        ),
    };
    const label = recordKindLabels[kind]['zh-CN'];
    return {
      contentHash: recordSeal.contentHash,
      texts: kind === 'sign_in' ? rows.flatMap((r) => [r.name, r.note ?? '']) : minutesTexts(record.content),
      fileName: `${record.content.header.title.replace(/会议纪要$/, '')}-${label}${format === 'pdfa' ? '-存档版' : ''}.${recordFileTypes[format].extension}`,
      draw: () => pdfs[kind](),
    };
  }

  async function render(id: number, kind: RecordKind, format: RecordFormat = 'pdf') {
    const { draw, contentHash, texts, fileName } = draft(id, kind, format);
    const data = await draw();
    change(ctx, (_tx, audit) =>
      audit({
        action: 'record.export',
        entity: 'meeting',
        entityId: id,
        payload: { kind, format, contentHash, sha256: createHash('sha256').update(data).digest('hex') },
      }),
    );
    return { data, texts, fileName };
  }

  return {
    draft,
    render,
    seal,
    handlers: {
      'record:export': async ({ id, kind, format }) => {
        const { data, texts, fileName } = await render(id, kind, format);
        return {
          fileName,
          type: recordFileTypes[format].type,
          data: data.toString('base64'),
          missing: (await renderers()).missingGlyphs(texts, ctx.fonts),
        };
      },
      'record:verify': async ({ fileName, data }) => {
        const pdf = Buffer.from(data, 'base64');
        // An OFD is a ZIP; the bytes decide, not the name. Its SM2 code loads when one is checked.
        if (pdf.subarray(0, 2).toString('latin1') === 'PK') {
          const { issuedBy, knownSm2Authorities, verifyOfd } = await import('./verify-ofd');
          const authorities = knownSm2Authorities(identities.knownSm2());
          return verifyOfd(
            fileName,
            pdf,
            authorities,
            (signer, signedAt) => trust.judgeSm2(signer, signedAt, { authorities, issuedBy }),
            (hash, der) => (signedHere(der) ? matchHash(hash) : { state: 'none' }),
          );
        }
        const r = await renderers();
        const check = r.checkPdf(pdf, fileName);
        const seal = r.readSeal(pdf);
        const certificate = check.state === 'unsigned' ? null : check.certificate;
        // At the office, the copy a bundle brought, if this is it: what it reported, and when the office saw it.
        const reported =
          check.state === 'intact' && !signedHere(check.certificate.raw)
            ? reportedMatch(check.certificate, seal.contentHash, seal.meetingId, pdf)
            : { match: { state: 'none' } as const, seenAt: null };
        const { seenAt } = reported;
        // Intact: now the certificate, as an independent validator would judge it.
        const judged = check.state === 'intact' ? trust.judge(check.certificate, check.signedAt, seenAt) : null;
        const sealed = check.state === 'intact' && check.sm2 ? await judgeSeal(check.sm2, check.certificate) : null;
        const rsaVerdict: VerifyReport['verdict'] =
          check.state === 'unsigned'
            ? 'unsigned'
            : check.state === 'tampered'
              ? 'tampered'
              : judged!.state === 'ok'
                ? 'valid'
                : judged!.state === 'problem'
                  ? 'invalid_certificate'
                  : 'unknown_signer';
        const verdict = worseVerdict(rsaVerdict, sealed?.seal ?? null);
        const signer = certificate ? certificateInfo(certificate.toString()) : null;
        const rsaProblem = judged?.state === 'problem' ? { code: judged.problem, date: judged.date } : null;
        return {
          fileName,
          verdict,
          reason: check.state === 'tampered' ? check.reason : (sealed?.seal.reason ?? null),
          signer: signer && certificate ? { name: commonName(certificate.toString()), ...signer } : null,
          signedAt: check.state === 'unsigned' ? null : check.signedAt,
          contentHash: seal.contentHash,
          modified: check.state === 'tampered' ? check.modified : null,
          problem: rsaProblem ?? sealed?.problem ?? null,
          notes:
            verdict === 'valid'
              ? uniqueNotes([...(judged?.state === 'ok' ? judged.notes : []), ...(sealed?.notes ?? [])])
              : [],
          // A hash only means something when the file is intact and this database signed it: anyone can copy one.
          match:
            verdict !== 'valid'
              ? { state: 'none' }
              : signedHere(certificate!.raw)
                ? matchHash(seal.contentHash)
                : reported.match,
          sm2Seal: sealed?.seal ?? null,
        };
      },
    },
  };
}
