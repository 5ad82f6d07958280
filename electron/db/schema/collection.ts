/** The sub-district office: certificates it issued and what it collected from communities. */
import { blob, index, integer, primaryKey, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';
import type { BundleRejection, BundleVerdict } from '../../../shared/domain/bundle';
import type { CertificateAlgorithm, CertificateStatus, RevocationReason } from '../../../shared/domain/records';
import type { ActionStatus, Satisfaction } from '../../../shared/domain/followup';
import type { TopicLevel, TopicStatus } from '../../../shared/domain/topic';

/**
 * The office's register of the certificates its CA issued: who a community is. A bundle counts only when its
 * signer's certificate is here for exactly the community its manifest names. Algorithm-neutral (RSA, SM2): the
 * fingerprint is the SHA-256 of the certificate's DER, as certificate viewers show it ("AB:CD:…").
 */
export const issuedCertificate = sqliteTable(
  'issued_certificate',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subject: text('subject').notNull(),
    fingerprint: text('fingerprint').notNull().unique(),
    /** PEM of the certificate as issued. */
    certificate: text('certificate').notNull(),
    issuedAt: text('issued_at').notNull(),
    /** Hex, upper case, as OpenSSL prints it; the CRL names a revoked certificate by it. */
    serial: text('serial').notNull().default(''),
    /** 'rsa' or 'sm2': the key the certificate carries. */
    algorithm: text('algorithm').$type<CertificateAlgorithm>().notNull().default('rsa'),
    /** The community it was issued to (its database's uid, carried in the request); null for entries made before. */
    communityUid: text('community_uid'),
    /** The community's name (东湖社区) and full unit (平湖市当湖街道东湖社区居民委员会), as issued. */
    name: text('name').notNull().default(''),
    unit: text('unit').notNull().default(''),
    validFrom: text('valid_from').notNull().default(''),
    validTo: text('valid_to').notNull().default(''),
    status: text('status').$type<CertificateStatus>().notNull().default('active'),
    /** The certificate issued to the same community after this one (renewal, rename, new key). */
    successorId: integer('successor_id'),
    revokedAt: text('revoked_at'),
    revocationReason: text('revocation_reason').$type<RevocationReason>(),
  },
  (t) => [index('issued_certificate_community').on(t.communityUid)],
);

/** Every bundle a sub-district looked at: accepted (trusted or not) with its files, or rejected with the reason. */
export const collectedBundle = sqliteTable('collected_bundle', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  fileName: text('file_name').notNull(),
  /** The bundle's identity: its manifest's content hash once the manifest could be read, else the file's SHA-256. */
  sha256: text('sha256').notNull(),
  verdict: text('verdict').$type<BundleVerdict>().notNull(),
  reason: text('reason').$type<BundleRejection>(),
  detail: text('detail').notNull().default(''),
  communityUid: text('community_uid'),
  unit: text('unit').notNull().default(''),
  signer: text('signer').notNull().default(''),
  fingerprint: text('fingerprint').notNull().default(''),
  meetings: integer('meetings').notNull().default(0),
  /** Sealed OFDs verified in it: seal, package and SM2 signer as this office judges them. */
  sealed: integer('sealed').notNull().default(0),
  exportedAt: text('exported_at'),
  importedAt: text('imported_at').notNull(),
});

export const collectedFile = sqliteTable(
  'collected_file',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    bundleId: integer('bundle_id')
      .notNull()
      .references(() => collectedBundle.id),
    path: text('path').notNull(),
    data: blob('data', { mode: 'buffer' }).$type<Buffer>().notNull(),
  },
  (t) => [index('collected_file_bundle').on(t.bundleId)],
);

/** The communities whose records are counted, named as the register names them (never as a manifest does). */
export const collectedCommunity = sqliteTable('collected_community', {
  uid: text('uid').primaryKey(),
  name: text('name').notNull(),
  unit: text('unit').notNull(),
  signer: text('signer').notNull(),
});

/** Statistics rows below hold only what trusted bundles reported; a later report of the same thing replaces it. */
export const collectedMeeting = sqliteTable(
  'collected_meeting',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    communityUid: text('community_uid').notNull(),
    meetingId: integer('meeting_id').notNull(),
    bundleId: integer('bundle_id').notNull(),
    title: text('title').notNull(),
    heldOn: text('held_on').notNull(),
    month: text('month').notNull(),
    attendees: integer('attendees').notNull(),
    minutesPath: text('minutes_path').notNull(),
    minutesText: text('minutes_text').notNull(),
    /** When the bundle that said this was exported: an older report never overwrites a newer one. */
    reportedAt: text('reported_at').notNull().default(''),
  },
  (t) => [unique('collected_meeting_key').on(t.communityUid, t.meetingId)],
);

export const collectedTopic = sqliteTable(
  'collected_topic',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    communityUid: text('community_uid').notNull(),
    topicId: integer('topic_id').notNull(),
    title: text('title').notNull(),
    category: text('category').notNull(),
    level: text('level').$type<TopicLevel>().notNull(),
    status: text('status').$type<TopicStatus>().notNull(),
    month: text('month').notNull(),
    reportedAt: text('reported_at').notNull().default(''),
  },
  (t) => [unique('collected_topic_key').on(t.communityUid, t.topicId)],
);

export const collectedVote = sqliteTable(
  'collected_vote',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    communityUid: text('community_uid').notNull(),
    voteId: integer('vote_id').notNull(),
    meetingId: integer('meeting_id').notNull(),
    adopted: integer('adopted', { mode: 'boolean' }).notNull(),
    month: text('month').notNull(),
    reportedAt: text('reported_at').notNull().default(''),
  },
  (t) => [unique('collected_vote_key').on(t.communityUid, t.voteId)],
);

export const collectedResolution = sqliteTable(
  'collected_resolution',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    communityUid: text('community_uid').notNull(),
    itemId: integer('item_id').notNull(),
    meetingId: integer('meeting_id').notNull(),
    title: text('title').notNull(),
    owner: text('owner').notNull(),
    deadline: text('deadline'),
    status: text('status').$type<ActionStatus>().notNull(),
    closedOn: text('closed_on'),
    satisfaction: text('satisfaction').$type<Satisfaction>(),
    month: text('month').notNull(),
    reportedAt: text('reported_at').notNull().default(''),
  },
  (t) => [
    unique('collected_resolution_key').on(t.communityUid, t.itemId),
    // Overdue depends on today, so it is counted live: only open items, seeked by status and deadline.
    index('collected_resolution_open').on(t.status, t.deadline, t.month, t.communityUid),
    // The same for one community's dashboard: without it, 1,000,000 meetings' open items were all walked.
    index('collected_resolution_community_open').on(t.communityUid, t.status, t.deadline, t.month),
  ],
);

const count = (name: string) => integer(name).notNull().default(0);

/**
 * The dashboard's figures per community and month, recomputed from the rows above for the months a trusted
 * bundle touched. Ten years of 200 communities is 24,000 rows, so every statistic sums a few thousand numbers
 * instead of reading 100,000 meetings and their topics, votes and resolutions.
 */
export const collectedMonth = sqliteTable(
  'collected_month',
  {
    communityUid: text('community_uid').notNull(),
    month: text('month').notNull(),
    meetings: count('meetings'),
    attendees: count('attendees'),
    topics: count('topics'),
    solved: count('solved'),
    escalated: count('escalated'),
    small: count('small'),
    big: count('big'),
    hard: count('hard'),
    votes: count('votes'),
    adopted: count('adopted'),
    resolutions: count('resolutions'),
    pending: count('pending'),
    inProgress: count('in_progress'),
    done: count('done'),
    impossible: count('impossible'),
    onTime: count('on_time'),
    satisfied: count('satisfied'),
    basically: count('basically'),
    dissatisfied: count('dissatisfied'),
    /** Meetings of this community up to and including this month: any period's count is two seeks. */
    meetingsThrough: count('meetings_through'),
  },
  (t) => [
    primaryKey({ columns: [t.month, t.communityUid] }),
    // One community's ten years: 120 rows seeked, not every community's months scanned (240,000 at 2,000).
    index('collected_month_community').on(t.communityUid, t.month),
    // The busiest communities of a period, from each one's running count (2,000 × 2 seeks, not 240,000 rows).
    index('collected_month_through').on(t.communityUid, t.month, t.meetingsThrough),
  ],
);

/**
 * collected_month summed over all communities, for the all-communities dashboard: 120 rows for ten years instead
 * of 240,000 at 2,000 communities (~800 ms). Kept by adding what a bundle changed, never by re-reading everyone.
 */
export const collectedMonthTotal = sqliteTable('collected_month_total', {
  month: text('month').primaryKey(),
  meetings: count('meetings'),
  attendees: count('attendees'),
  topics: count('topics'),
  solved: count('solved'),
  escalated: count('escalated'),
  small: count('small'),
  big: count('big'),
  hard: count('hard'),
  votes: count('votes'),
  adopted: count('adopted'),
  resolutions: count('resolutions'),
  pending: count('pending'),
  inProgress: count('in_progress'),
  done: count('done'),
  impossible: count('impossible'),
  onTime: count('on_time'),
  satisfied: count('satisfied'),
  basically: count('basically'),
  dissatisfied: count('dissatisfied'),
});

/** Open items (pending, in progress) per community, month and deadline: "overdue" is those before today. */
export const collectedOpen = sqliteTable(
  'collected_open',
  {
    communityUid: text('community_uid').notNull(),
    month: text('month').notNull(),
    deadline: text('deadline').notNull(),
    items: count('items'),
  },
  (t) => [primaryKey({ columns: [t.communityUid, t.month, t.deadline] })],
);

/** The same over all communities: overdue across 2,000 communities reads a few hundred rows, not 700,000 items. */
export const collectedOpenTotal = sqliteTable(
  'collected_open_total',
  {
    month: text('month').notNull(),
    deadline: text('deadline').notNull(),
    items: count('items'),
  },
  (t) => [primaryKey({ columns: [t.month, t.deadline] })],
);

/** Topics per category (categories are the community's own words), per community and month. */
export const collectedMonthCategory = sqliteTable(
  'collected_month_category',
  {
    communityUid: text('community_uid').notNull(),
    month: text('month').notNull(),
    category: text('category').notNull(),
    topics: count('topics'),
  },
  (t) => [
    primaryKey({ columns: [t.communityUid, t.month, t.category] }),
    index('collected_month_category_month').on(t.month),
  ],
);

/** The same summed over all communities, for the all-communities view (120 months × a dozen categories). */
export const collectedCategoryTotal = sqliteTable(
  'collected_category_total',
  {
    month: text('month').notNull(),
    category: text('category').notNull(),
    topics: count('topics'),
  },
  (t) => [primaryKey({ columns: [t.month, t.category] })],
);
