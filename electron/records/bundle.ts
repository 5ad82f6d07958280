import type { X509Certificate } from 'node:crypto';
import { parseCertificate } from './certificates';
import { BundleManifest, bundleFiles, type BundleRejection } from '../../shared/domain/bundle';
import { AppError } from '../../shared/errors';
import { canonicalJson } from '../../shared/canonical-json';
import { describeIssue } from '../../shared/validation';
import { recordHashOf, sha256 } from './hash';
import { checkDetached, checkPdf, readSeal } from './verify-pdf';
import { readZip, ZipProblem } from './zip';
import { checkOfd } from './gm/ofd/verify';
import { checkSm2Detached } from './gm/signed-data';
import type { PdfSealCheck } from './gm/pdf-seal';
import { pem } from './gm/asn1';
import { sealKeys } from '../../shared/domain/records';

export { readZip, writeZip, zipLimits } from './zip';

export class BundleProblem extends Error {
  constructor(
    readonly reason: BundleRejection,
    readonly detail = '',
    /** The unit the manifest names, once it could be read: a claim only, shown so the office knows whom to ask. */
    readonly unit = '',
  ) {
    super(`${reason}${detail ? `: ${detail}` : ''}`);
  }
}

/** A listed PDF's signature; a file that is no PDF at all is a bundle problem like any other. */
function checkBundledPdf(pdf: Buffer, path: string) {
  try {
    return checkPdf(pdf, path);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_pdf')
      throw new BundleProblem('pdf_signature', `${path}（not a PDF）`);
    throw error;
  }
}

/** A bundle whose zip and manifest could be read; nothing about it is trusted yet. */
export type OpenedBundle = {
  manifest: BundleManifest;
  manifestBytes: Buffer;
  signature: Buffer;
  files: Map<string, Buffer>;
  /**
   * What the bundle says, independent of how it was zipped: the SHA-256 of the manifest's canonical JSON. The
   * manifest lists every file's hash, so the same report re-zipped (or renamed) has the same identity.
   */
  contentHash: string;
};

/** One sealed OFD or PDF, intact: what the office still has to judge about its seal (plain data, ISO dates). */
export type SealedOfd = { path: string; maker: string; signedAt: string; validFrom: string; validTo: string };

/**
 * The SM2 half of a bundle, intact: the certificate that signed the manifest and sealed every OFD (PEM), when,
 * and each OFD's seal. Whether this office issued them is judged after, against its SM2 CA and register.
 */
export type CheckedSm2 = { certificate: string; signedAt: string; seals: SealedOfd[] };

export type CheckedBundle = OpenedBundle & {
  signer: X509Certificate;
  chain: X509Certificate[];
  /** When the manifest says it was signed (the signer's claim; judged against the certificate's validity). */
  signedAt: string | null;
  sm2: CheckedSm2 | null;
};

/** Unpack a bundle and read its manifest's form: enough to know what it is (and whether it came before). */
export function openBundle(data: Buffer): OpenedBundle {
  let files: Map<string, Buffer>;
  try {
    files = readZip(data);
  } catch (error) {
    if (error instanceof ZipProblem) throw new BundleProblem(error.reason, error.detail);
    throw error;
  }
  const manifestBytes = files.get(bundleFiles.manifest);
  const signature = files.get(bundleFiles.signature);
  if (!manifestBytes || !signature) throw new BundleProblem('manifest_missing');

  let json: unknown;
  try {
    json = JSON.parse(manifestBytes.toString('utf8'));
  } catch {
    throw new BundleProblem('manifest_invalid', 'JSON');
  }
  const parsed = BundleManifest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BundleProblem('manifest_invalid', `${issue.path.join('.')}：${describeIssue(issue, 'zh-CN')}`);
  }
  const manifest = parsed.data;
  return { manifest, manifestBytes, signature, files, contentHash: sha256(canonicalJson(manifest)) };
}

/**
 * Everything that can be checked about a bundle without the database: the zip, the manifest's form and its
 * detached signature, that every file is listed and hashes as listed, that every PDF is intact and signed by
 * the manifest's signer, and that the minutes PDFs carry the hashes of the minutes in the manifest. With an SM2
 * signer declared: the manifest's SM2 signature, and every OFD sealed by that certificate and naming the minutes.
 */
export function checkBundle(data: Buffer | OpenedBundle): CheckedBundle {
  const opened = Buffer.isBuffer(data) ? openBundle(data) : data;
  try {
    return { ...opened, ...checkSigned(opened) };
  } catch (error) {
    if (error instanceof BundleProblem) {
      throw new BundleProblem(error.reason, error.detail, opened.manifest.community.unit);
    }
    throw error;
  }
}

/** The checks that need a well-formed manifest: its signature, the files, the PDFs. */
function checkSigned({ manifest, manifestBytes, signature, files }: OpenedBundle) {
  const sm2 = manifest.signer.sm2 ? checkSm2Signature(manifest.signer.sm2, manifestBytes, files) : null;
  const signed = checkDetached(signature, manifestBytes);
  if (signed.state !== 'intact') throw new BundleProblem('manifest_signature', signed.reason);
  let declared: X509Certificate;
  try {
    declared = parseCertificate(manifest.signer.certificate);
  } catch {
    throw new BundleProblem('manifest_invalid', 'signer.certificate');
  }
  const signer = signed.certificate;
  if (signer.fingerprint256 !== declared.fingerprint256) throw new BundleProblem('signer_mismatch', 'manifest');

  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  for (const file of manifest.files) {
    const bytes = files.get(file.path);
    if (!bytes) throw new BundleProblem('file_missing', file.path);
    if (sha256(bytes) !== file.sha256 || bytes.length !== file.bytes) throw new BundleProblem('file_hash', file.path);
  }
  for (const path of files.keys()) {
    const own = path === bundleFiles.manifest || path === bundleFiles.signature;
    if (!own && !(sm2 && path === bundleFiles.sm2Signature) && !listed.has(path)) {
      throw new BundleProblem('file_unlisted', path);
    }
  }

  for (const meeting of manifest.meetings) {
    if (recordHashOf(meeting.minutes, meeting.amendments) !== meeting.minutesHash) {
      throw new BundleProblem('content_mismatch', meeting.title);
    }
    const { ofd, ...pdfs } = meeting.files;
    if (ofd) sm2Seals(sm2, ofd, meeting, files);
    else if (sm2) throw new BundleProblem('file_missing', `${meeting.title}（OFD）`);
    for (const path of Object.values(pdfs)) {
      const pdf = files.get(path);
      if (!pdf) throw new BundleProblem('file_missing', path);
      const check = checkBundledPdf(pdf, path);
      if (check.state === 'unsigned') throw new BundleProblem('pdf_signature', `${path}（unsigned）`);
      if (check.state === 'tampered') throw new BundleProblem('pdf_signature', `${path}（${check.reason}）`);
      if (check.certificate.fingerprint256 !== signer.fingerprint256) throw new BundleProblem('signer_mismatch', path);
      if (check.sm2) pdfSeal(sm2, check.sm2, path);
      const seal = readSeal(pdf);
      if (seal.contentHash !== meeting.minutesHash || seal.meetingId !== meeting.id) {
        throw new BundleProblem('content_mismatch', path);
      }
    }
    const disagreeing = figuresDisagree(
      meeting,
      manifest.votes.filter((v) => v.meetingId === meeting.id),
    );
    if (disagreeing) throw new BundleProblem('figures_mismatch', `${meeting.title}（${disagreeing}）`);
  }
  return { signer, chain: signed.chain, signedAt: signed.signedAt, sm2 };
}

/** The manifest's SM2 signature, by the SM2 certificate the (RSA-signed) manifest declares. */
function checkSm2Signature(
  declared: NonNullable<BundleManifest['signer']['sm2']>,
  manifestBytes: Buffer,
  files: Map<string, Buffer>,
): CheckedSm2 {
  const signature = files.get(bundleFiles.sm2Signature);
  if (!signature) throw new BundleProblem('sm2_signature', bundleFiles.sm2Signature);
  const checked = checkSm2Detached(signature, manifestBytes);
  if (checked.state !== 'intact') throw new BundleProblem('sm2_signature', checked.reason);
  if (checked.certificate.fingerprint !== declared.fingerprint) throw new BundleProblem('sm2_signature', 'signer');
  const certificate = pem('CERTIFICATE', checked.certificate.der);
  if (certificate.replace(/\s/g, '') !== declared.certificate.replace(/\s/g, '')) {
    throw new BundleProblem('sm2_signature', 'signer');
  }
  return { certificate, signedAt: checked.signedAt, seals: [] };
}

/** One meeting's sealed OFD: intact, sealed by the manifest's SM2 signer, carrying the minutes' hash. */
function sm2Seals(
  sm2: CheckedSm2 | null,
  path: string,
  meeting: BundleManifest['meetings'][number],
  files: Map<string, Buffer>,
) {
  if (!sm2) throw new BundleProblem('manifest_invalid', 'signer.sm2');
  const ofd = files.get(path);
  if (!ofd) throw new BundleProblem('file_missing', path);
  const check = checkOfd(ofd);
  if (check.state === 'unsigned') throw new BundleProblem('ofd_signature', `${path}（unsigned）`);
  if (check.state === 'tampered') throw new BundleProblem('ofd_signature', `${path}（${check.reason}）`);
  if (pem('CERTIFICATE', check.signer.der) !== sm2.certificate) throw new BundleProblem('signer_mismatch', path);
  const { [sealKeys.hash]: hash, [sealKeys.meeting]: id, [sealKeys.kind]: kind } = check.custom;
  if (hash !== meeting.minutesHash || id !== String(meeting.id) || kind !== 'minutes') {
    throw new BundleProblem('content_mismatch', path);
  }
  sm2.seals.push({
    path,
    maker: check.maker.fingerprint,
    signedAt: check.signedAt.toISOString(),
    validFrom: check.seal.validFrom.toISOString(),
    validTo: check.seal.validTo.toISOString(),
  });
}

/**
 * A PDF's SM2 seal signature: intact and made by the manifest's SM2 signer; its seal is then judged with the
 * OFDs' (made by this office's SM2 CA, used within its validity, the certificate standing when it sealed).
 */
function pdfSeal(sm2: CheckedSm2 | null, check: PdfSealCheck, path: string) {
  if (!sm2) throw new BundleProblem('manifest_invalid', 'signer.sm2');
  if (check.state === 'tampered') throw new BundleProblem('pdf_signature', `${path}（国密签章 ${check.reason}）`);
  if (pem('CERTIFICATE', check.signer.der) !== sm2.certificate) throw new BundleProblem('signer_mismatch', path);
  sm2.seals.push({
    path,
    maker: check.maker.fingerprint,
    signedAt: check.signedAt.toISOString(),
    validFrom: check.seal.validFrom.toISOString(),
    validTo: check.seal.validTo.toISOString(),
  });
}

/**
 * What checking one uploaded file found, as plain data: it is worked out in the worker and crosses a structured
 * clone (bytes arrive as Uint8Arrays, the signer as PEM). The database's part (seen before? which community does
 * the register say this is?) is judged afterwards, on the serving side.
 */
export type BundleCheck =
  | {
      ok: true;
      /** SHA-256 of the file as uploaded. */
      fileHash: string;
      contentHash: string;
      manifest: BundleManifest;
      signerPem: string;
      signedAt: string | null;
      sm2: CheckedSm2 | null;
      files: [string, Uint8Array][];
    }
  | { ok: false; fileHash: string; reason: BundleRejection; detail: string; unit: string };

type ManifestMeeting = BundleManifest['meetings'][number];

/**
 * The office counts the manifest's figures; the minutes beside them are what was signed and hashed. Both come
 * from the same run (the minutes' record part is not the secretary's to edit, and a closed meeting's votes and
 * attendance are fixed), so any difference is a manifest written by hand: which figure, or null. Minutes from
 * before the figures and results were recorded in them are not compared.
 */
function figuresDisagree(meeting: ManifestMeeting, votes: BundleManifest['votes']): string | null {
  const { figures, items } = meeting.minutes;
  if (!figures) return null;
  if (meeting.attendees !== figures.attended.total) return '实到';
  const recorded = items.flatMap((i) => i.vote.split('\n')).filter((line) => /^(表决|协商)事项：/.test(line));
  if (votes.length !== recorded.length) return '表决';
  for (const item of items) {
    if (!item.result || !item.decision || item.decision === 'none') continue;
    const adopted = item.decision === 'adopted';
    if (!votes.some((v) => v.result === item.result && v.adopted === adopted)) return '表决';
  }
  return null;
}

/** Every check of `checkBundle` on a base64 upload; a bundle problem is an answer, not a throw. */
export function checkUpload(base64: string): BundleCheck {
  const bytes = Buffer.from(base64, 'base64');
  const fileHash = sha256(bytes);
  try {
    const { manifest, contentHash, files, signer, signedAt, sm2 } = checkBundle(bytes);
    return {
      ok: true,
      fileHash,
      contentHash,
      manifest,
      signerPem: signer.toString(),
      signedAt,
      sm2,
      files: [...files],
    };
  } catch (error) {
    if (error instanceof BundleProblem) {
      return { ok: false, fileHash, reason: error.reason, detail: error.detail, unit: error.unit };
    }
    if (error instanceof AppError) throw error;
    // A reader we rely on threw where it should have answered: this file is refused, the rest of the batch goes on.
    console.error('bundle check failed unexpectedly', error);
    return { ok: false, fileHash, reason: 'unreadable', detail: '', unit: '' };
  }
}
