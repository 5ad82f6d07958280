import { and, eq, gte, inArray, isNotNull, lte, or } from 'drizzle-orm';
import type { ParsedInput } from '../../shared/contract';
import { bundleFiles, manifestSchema, manifestVersion, type BundleManifest } from '../../shared/domain/bundle';
import { unitName } from '../../shared/domain/community';
import { AppError } from '../../shared/errors';
import { localDay } from '../../shared/dates';
import { meetingDay } from '../../shared/domain/meeting';
import { agendaItem, meeting, minutes, topic } from '../db/schema';
import { sha256 } from '../records/hash';
import { pem } from '../records/gm/asn1';
import { fingerprintOf } from './register';
import { communityUid, requireProfile } from './community';
import { change, type Handlers, type ServiceContext } from './context';
import { actionItems } from './followup';
import type { Identities } from './identity';
import { readMinutes } from './minutes';
import type { RecordDraft, Records } from './records';
import { figuresOf, voteRecords } from './meeting-record';
import { rememberSent } from './receipt';
import { describeOutcome } from '../../shared/voting';

const heldOnOf = (m: { startedAt: string | null; scheduledAt: string | null; createdAt: string }) =>
  meetingDay(m) ?? localDay(m.createdAt);

/**
 * 上报包: the signed records of one meeting or of a period, with a manifest of what they say (meetings, topics,
 * votes, resolutions and how far each got) and the SHA-256 of every file. The manifest is signed on its own
 * (detached CMS), so neither it nor any PDF can be changed without the sub-district seeing it; with an SM2
 * identity it is signed a second time with SM2 (GB/T 35275) and carries each meeting's sealed OFD minutes.
 */
export function bundleService(
  ctx: ServiceContext,
  identities: Identities,
  records: Records,
): Pick<Handlers, 'bundle:export'> {
  /**
   * Everything the bundle says, read in one transaction: drawing the PDFs takes seconds, and a change made
   * meanwhile (an amendment, a follow-up update) must not leave the manifest and the PDFs disagreeing.
   */
  function snapshot(input: ParsedInput<'bundle:export'>) {
    const community = requireProfile(ctx, 'community');
    const signer = identities.signer();
    // With an SM2 certificate and seal from the office, each meeting's minutes also travel as a sealed OFD.
    const sm2 = identities.sm2Sealer();
    const finalized = ctx.db
      .select({ meeting })
      .from(meeting)
      .innerJoin(minutes, eq(minutes.meetingId, meeting.id))
      .where(eq(minutes.status, 'final'))
      .all()
      .map((r) => ({ ...r.meeting, heldOn: heldOnOf(r.meeting) }));
    const single = 'meetingId' in input;
    if (single) readMinutes(ctx, input.meetingId); // a clear error for an open meeting or a draft
    const period = single
      ? (() => {
          const m = finalized.find((f) => f.id === input.meetingId);
          if (!m) throw new AppError('minutes_not_final');
          return { from: m.heldOn, to: m.heldOn };
        })()
      : { from: input.from, to: input.to };
    const chosen = single
      ? finalized.filter((m) => m.id === input.meetingId)
      : finalized.filter((m) => m.heldOn >= period.from && m.heldOn <= period.to);
    if (!chosen.length) throw new AppError('bundle_empty');
    const meetingIds = chosen.map((m) => m.id);

    const drafts = new Map<string, RecordDraft>();
    const meetings: BundleManifest['meetings'] = chosen.map((m) => {
      const record = readMinutes(ctx, m.id);
      const paths = {
        minutes: `meetings/${m.id}/minutes.pdf`,
        signIn: `meetings/${m.id}/sign-in.pdf`,
        resolutions: `meetings/${m.id}/resolutions.pdf`,
      };
      drafts.set(paths.minutes, records.draft(m.id, 'minutes'));
      drafts.set(paths.signIn, records.draft(m.id, 'sign_in'));
      drafts.set(paths.resolutions, records.draft(m.id, 'resolutions'));
      const ofd = sm2 ? `meetings/${m.id}/minutes.ofd` : null;
      if (ofd) drafts.set(ofd, records.draft(m.id, 'minutes', 'ofd'));
      return {
        id: m.id,
        title: m.title,
        heldOn: m.heldOn,
        // 实到, as the minutes froze it at close (shared/figures.ts); live figures for minutes drafted before that.
        attendees: (record.content.figures ?? figuresOf(ctx, m)).attended.total,
        minutesHash: record.recordHash!,
        minutes: record.content,
        amendments: record.amendments.map(({ section, text, reason, author, createdAt }) => ({
          section,
          text,
          reason,
          author,
          createdAt,
        })),
        files: ofd ? { ...paths, ofd } : paths,
      };
    });

    const onAgenda = ctx.db
      .select({ id: agendaItem.topicId })
      .from(agendaItem)
      .where(and(inArray(agendaItem.meetingId, meetingIds), isNotNull(agendaItem.topicId)))
      .all()
      .map((r) => r.id!);
    const topics = ctx.db
      .select()
      .from(topic)
      .where(
        single
          ? inArray(topic.id, onAgenda)
          : or(inArray(topic.id, onAgenda), and(gte(topic.raisedOn, period.from), lte(topic.raisedOn, period.to))),
      )
      .all()
      .map((t) => ({
        id: t.id,
        title: t.title,
        category: t.category,
        level: t.level,
        status: t.status,
        raisedOn: t.raisedOn,
      }));
    const heldOn = new Map(finalized.map((m) => [m.id, m.heldOn]));
    // A period also reports what was closed in it, whichever meeting decided it.
    const resolutions = actionItems(ctx)
      .filter(
        (i) =>
          meetingIds.includes(i.meetingId) ||
          (!single && i.closedOn !== null && i.closedOn >= period.from && i.closedOn <= period.to),
      )
      .map((i) => ({
        id: i.id,
        meetingId: i.meetingId,
        heldOn: heldOn.get(i.meetingId) ?? i.heldOn,
        title: i.title,
        resolution: i.resolution,
        owner: i.owner,
        deadline: i.deadline,
        status: i.status,
        closedOn: i.closedOn,
        satisfaction: i.satisfaction,
      }));
    const votes = meetingIds.flatMap((id) =>
      voteRecords(ctx, id)
        .filter((v) => v.supersededAt === null)
        .map((v) => ({
          id: v.id,
          meetingId: id,
          question: v.question,
          adopted: v.outcome.adopted,
          result: describeOutcome(v.outcome, 'zh-CN'),
        })),
    );

    const manifest: Omit<BundleManifest, 'files'> = {
      schema: manifestSchema,
      version: manifestVersion,
      exportedAt: ctx.now().toISOString(),
      period,
      community: {
        uid: communityUid(ctx),
        name: community.name,
        subDistrict: community.subDistrict,
        district: community.district,
        unit: unitName(community),
      },
      signer: {
        certificate: signer.certificatePem,
        fingerprint: signer.info.fingerprint,
        ...(sm2 && {
          sm2: {
            certificate: pem('CERTIFICATE', sm2.certificate),
            fingerprint: fingerprintOf(Buffer.from(sm2.certificate)),
          },
        }),
      },
      meetings,
      topics,
      votes,
      resolutions,
    };
    const span = period.from === period.to ? period.from : `${period.from}至${period.to}`;
    const fileName = `${community.name}-上报包-${single ? `${chosen[0]!.title}-` : ''}${span}.zip`;
    return { manifest, drafts, signer, sm2, fileName };
  }

  return {
    'bundle:export': async (input) => {
      const { manifest: said, drafts, signer, sm2, fileName } = ctx.db.transaction(() => snapshot(input));
      const files = new Map<string, Buffer>();
      for (const [path, draft] of drafts) files.set(path, await draft.draw());
      const listed = [...files].map(([path, data]) => ({ path, sha256: sha256(data), bytes: data.length }));
      const manifest: BundleManifest = { ...said, files: listed };
      const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2), 'utf8');
      files.set(bundleFiles.manifest, manifestBytes);
      const signature = await ctx.work.run('signDetached', manifestBytes, signer, new Date(manifest.exportedAt));
      files.set(bundleFiles.signature, signature);
      if (sm2) {
        const { key, certificate } = sm2;
        const signedAt = new Date(manifest.exportedAt);
        files.set(
          bundleFiles.sm2Signature,
          await ctx.work.run('sm2SignDetached', manifestBytes, { key, certificate }, signedAt),
        );
      }
      const zip = await ctx.work.run('writeZip', files);
      // One event for the whole export: what was reported, and the hash of every file in it.
      change(ctx, (tx, audit) => {
        rememberSent(tx, fileName, manifestBytes, zip, manifest.exportedAt);
        audit({
          action: 'bundle.export',
          entity: 'community',
          entityId: 1,
          payload: {
            period: manifest.period,
            meetings: manifest.meetings.map((m) => m.id),
            files: listed.map(({ path, sha256 }) => ({ path, sha256 })),
            manifest: sha256(manifestBytes),
            sha256: sha256(zip),
          },
        });
      });
      return { fileName, type: 'application/zip', data: zip.toString('base64'), missing: [] };
    },
  };
}
