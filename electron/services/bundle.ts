import { and, eq, gte, inArray, isNotNull, lte, or } from 'drizzle-orm';
import { bundleFiles, manifestSchema, manifestVersion, type BundleManifest } from '../../shared/domain/bundle';
import { unitName } from '../../shared/domain/community';
import { AppError } from '../../shared/errors';
import { localDay, meetingDay } from '../../shared/minutes-draft';
import { agendaItem, meeting, minutes, topic } from '../db/schema';
import { writeZip } from '../records/bundle';
import { sha256 } from '../records/hash';
import { signDetached } from '../records/sign';
import { communityUid, requireProfile } from './community';
import { change, type Handlers, type ServiceContext } from './context';
import { actionItems } from './followup';
import type { Identities } from './identity';
import { readMinutes } from './minutes';
import type { Records } from './records';
import { voteRecords } from './vote';

const heldOnOf = (m: { startedAt: string | null; scheduledAt: string | null; createdAt: string }) =>
  meetingDay(m) ?? localDay(m.createdAt);

/**
 * 上报包: the signed records of one meeting or of a period, with a manifest of what they say (meetings, topics,
 * votes, resolutions and how far each got) and the SHA-256 of every file. The manifest is signed on its own
 * (detached CMS), so neither it nor any PDF can be changed without the sub-district seeing it.
 */
export function bundleService(
  ctx: ServiceContext,
  identities: Identities,
  records: Records,
): Pick<Handlers, 'bundle:export'> {
  return {
    'bundle:export': async (input) => {
      const community = requireProfile(ctx, 'community');
      const signer = identities.signer();
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

      const files = new Map<string, Buffer>();
      const meetings: BundleManifest['meetings'] = [];
      for (const m of chosen) {
        const record = readMinutes(ctx, m.id);
        const paths = {
          minutes: `meetings/${m.id}/minutes.pdf`,
          signIn: `meetings/${m.id}/sign-in.pdf`,
          resolutions: `meetings/${m.id}/resolutions.pdf`,
        };
        files.set(paths.minutes, (await records.render(m.id, 'minutes')).data);
        files.set(paths.signIn, (await records.render(m.id, 'sign_in')).data);
        files.set(paths.resolutions, (await records.render(m.id, 'resolutions')).data);
        meetings.push({
          id: m.id,
          title: m.title,
          heldOn: m.heldOn,
          attendees: ctx.db.$client
            .prepare('SELECT count(*) FROM attendance WHERE meeting_id = ?')
            .pluck()
            .get(m.id) as number,
          minutesHash: record.recordHash!,
          minutes: record.content,
          amendments: record.amendments.map(({ section, text, reason, author, createdAt }) => ({
            section,
            text,
            reason,
            author,
            createdAt,
          })),
          files: paths,
        });
      }

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
          .map((v) => ({ id: v.id, meetingId: id, question: v.question, adopted: v.outcome.adopted })),
      );

      const manifest: BundleManifest = {
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
        signer: { certificate: signer.certificatePem, fingerprint: signer.info.fingerprint },
        meetings,
        topics,
        votes,
        resolutions,
        files: [...files].map(([path, data]) => ({ path, sha256: sha256(data), bytes: data.length })),
      };
      const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2), 'utf8');
      files.set(bundleFiles.manifest, manifestBytes);
      files.set(bundleFiles.signature, await signDetached(manifestBytes, signer, ctx.now()));
      const zip = writeZip(files);
      change(ctx, (_tx, audit) =>
        audit({
          action: 'bundle.export',
          entity: 'community',
          entityId: 1,
          payload: { period, meetings: meetingIds, manifest: sha256(manifestBytes), sha256: sha256(zip) },
        }),
      );
      const span = period.from === period.to ? period.from : `${period.from}至${period.to}`;
      return {
        fileName: `${community.name}-上报包-${single ? `${chosen[0]!.title}-` : ''}${span}.zip`,
        type: 'application/zip',
        data: zip.toString('base64'),
        missing: [],
      };
    },
  };
}
