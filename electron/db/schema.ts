import { sql } from 'drizzle-orm';
import { blob, check, index, integer, primaryKey, real, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';
import type { BundleRejection, BundleVerdict } from '../../shared/domain/bundle';
import type { CaseContent } from '../../shared/domain/case';
import type { AgendaKind, VoteRule } from '../../shared/domain/agenda';
import type { VoteMethod } from '../../shared/domain/vote';
import type { Outcome } from '../../shared/voting';
import type { MinutesContent, MinutesStatus } from '../../shared/domain/minutes';
import type { MeetingKind, MeetingStatus, QuorumKind } from '../../shared/domain/meeting';
import type { Gender } from '../../shared/domain/resident';
import type { ProfileKind } from '../../shared/domain/community';
import type { ActionStatus, Satisfaction } from '../../shared/domain/followup';
import type { ConsultationKind, TopicLevel, TopicSource, TopicStatus, TriageDecision } from '../../shared/domain/topic';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/** The one community this data file belongs to (row id is always 1). */
export const community = sqliteTable(
  'community',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull(),
    subDistrict: text('sub_district').notNull(),
    district: text('district').notNull(),
    pavilionName: text('pavilion_name').notNull(),
    pavilionPlace: text('pavilion_place').notNull(),
    /** A residents' committee, or a sub-district office collecting their records (no pavilion then). */
    kind: text('kind').$type<ProfileKind>().notNull().default('community'),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [check('community_single_row', sql`${t.id} = 1`)],
);

export const meeting = sqliteTable('meeting', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  title: text('title').notNull(),
  kind: text('kind').$type<MeetingKind>().notNull(),
  status: text('status').$type<MeetingStatus>().notNull().default('draft'),
  scheduledAt: text('scheduled_at'),
  place: text('place').notNull().default(''),
  host: text('host').notNull().default(''),
  recorder: text('recorder').notNull().default(''),
  durationMinutes: integer('duration_minutes').notNull().default(120),
  expectedAttendance: integer('expected_attendance'),
  invitedRoles: text('invited_roles', { mode: 'json' }).$type<string[]>().notNull().default([]),
  invitedParties: text('invited_parties', { mode: 'json' }).$type<string[]>().notNull().default([]),
  quorumKind: text('quorum_kind').$type<QuorumKind>().notNull().default('none'),
  quorumValue: real('quorum_value').notNull().default(0),
  startedAt: text('started_at'),
  closedAt: text('closed_at'),
  createdAt: text('created_at').notNull().default(now),
  updatedAt: text('updated_at').notNull().default(now),
});

export const appSetting = sqliteTable('app_setting', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Append-only (triggers in a custom migration refuse UPDATE and DELETE); each row hashes the one before. */
export const auditEvent = sqliteTable('audit_event', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  action: text('action').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id').notNull(),
  payload: text('payload').notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull().unique(),
});

/** A flat (楼栋-单元-室). Owners' votes (Civil Code art. 278) count its 专有部分面积. */
export const household = sqliteTable(
  'household',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    building: text('building').notNull(),
    unit: text('unit').notNull(),
    room: text('room').notNull(),
    area: real('area'),
  },
  (t) => [unique('household_address').on(t.building, t.unit, t.room)],
);

export const resident = sqliteTable(
  'resident',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    gender: text('gender').$type<Gender>(),
    householdId: integer('household_id')
      .notNull()
      .references(() => household.id),
    /** Stored whole so the secretary can call; shown masked, and never exported. */
    phone: text('phone').notNull().default(''),
    /** Only with the secretary's opt-in, and then only the last four characters. */
    idNumberMasked: text('id_number_masked'),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default([]),
    /** Lower-case name, pinyin (every reading of a multi-reading surname), initials and address, for LIKE search. */
    searchText: text('search_text').notNull(),
    initials: text('initials').notNull(),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [unique('resident_identity').on(t.name, t.householdId), index('resident_household').on(t.householdId)],
);

/** 议题库: residents' matters from collection through triage to meetings and implementation. */
export const topic = sqliteTable(
  'topic',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    source: text('source').$type<TopicSource>().notNull(),
    raisedBy: text('raised_by').notNull().default(''),
    raisedOn: text('raised_on').notNull(),
    category: text('category').notNull(),
    level: text('level').$type<TopicLevel>().notNull(),
    status: text('status').$type<TopicStatus>().notNull().default('collected'),
    decision: text('decision').$type<TriageDecision>(),
    decisionReason: text('decision_reason').notNull().default(''),
    duplicateOf: integer('duplicate_of'),
    building: text('building').notNull().default(''),
    lane: text('lane').notNull().default(''),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [index('topic_status').on(t.status)],
);

/** 会前协商: visits, calls and symposia that the decision will rest on. */
export const topicConsultation = sqliteTable('topic_consultation', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  topicId: integer('topic_id')
    .notNull()
    .references(() => topic.id),
  kind: text('kind').$type<ConsultationKind>().notNull(),
  date: text('date').notNull(),
  households: integer('households').notNull(),
  summary: text('summary').notNull(),
});

/** The picture itself lives in the data folder's photos/; the row keeps its name and a small thumbnail. */
export const topicPhoto = sqliteTable('topic_photo', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  topicId: integer('topic_id')
    .notNull()
    .references(() => topic.id),
  fileName: text('file_name').notNull(),
  storedAs: text('stored_as').notNull().unique(),
  sha256: text('sha256').notNull(),
  thumbnail: text('thumbnail').notNull(),
  createdAt: text('created_at').notNull().default(now),
});

/** Residents invited by name (invitees by role are those whose tags match meeting.invited_roles). */
export const meetingInvitee = sqliteTable(
  'meeting_invitee',
  {
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meeting.id),
    residentId: integer('resident_id')
      .notNull()
      .references(() => resident.id),
  },
  (t) => [unique('meeting_invitee_pair').on(t.meetingId, t.residentId)],
);

/** 议程: topics from the pool and free items, one level of nesting, in position order. */
export const agendaItem = sqliteTable(
  'agenda_item',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meeting.id),
    parentId: integer('parent_id'),
    position: integer('position').notNull(),
    kind: text('kind').$type<AgendaKind>().notNull(),
    topicId: integer('topic_id').references(() => topic.id),
    title: text('title').notNull(),
    plannedMinutes: integer('planned_minutes').notNull(),
    presenter: text('presenter').notNull().default(''),
    question: text('question').notNull().default(''),
    voteRule: text('vote_rule').$type<VoteRule>(),
    /** 发言要点 for the item, typed live during the meeting. */
    notes: text('notes').notNull().default(''),
    /** Seconds spent on the item in earlier stints; the current stint starts at meeting_run.item_started_at. */
    spentSeconds: integer('spent_seconds').notNull().default(0),
  },
  (t) => [index('agenda_item_meeting').on(t.meetingId)],
);

/** 签到: residents and guests (列席) who came, when they came and when they left. */
export const attendance = sqliteTable(
  'attendance',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meeting.id),
    residentId: integer('resident_id').references(() => resident.id),
    guestName: text('guest_name'),
    guestOrganisation: text('guest_organisation').notNull().default(''),
    guestRole: text('guest_role').notNull().default(''),
    checkedInAt: text('checked_in_at').notNull(),
    leftAt: text('left_at'),
  },
  (t) => [unique('attendance_resident').on(t.meetingId, t.residentId), index('attendance_meeting').on(t.meetingId)],
);

/** 委托: a present resident holds a written proxy for an absent one. */
export const proxy = sqliteTable(
  'proxy',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meeting.id),
    holderAttendanceId: integer('holder_attendance_id')
      .notNull()
      .references(() => attendance.id),
    absentResidentId: integer('absent_resident_id')
      .notNull()
      .references(() => resident.id),
  },
  (t) => [unique('proxy_absent').on(t.meetingId, t.absentResidentId)],
);

/** Where a running meeting stands: stored as start times, never as ticking counters, so a crash loses nothing. */
export const meetingRun = sqliteTable('meeting_run', {
  meetingId: integer('meeting_id')
    .primaryKey()
    .references(() => meeting.id),
  currentItemId: integer('current_item_id'),
  itemStartedAt: text('item_started_at'),
  speakerSeconds: integer('speaker_seconds').notNull().default(180),
  projectorMode: text('projector_mode').$type<'live' | 'blank' | 'message'>().notNull().default('live'),
  projectorMessage: text('projector_message').notNull().default(''),
});

/** 发言: the queue per agenda item, with each speaker's key points. */
export const speaker = sqliteTable(
  'speaker',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    agendaItemId: integer('agenda_item_id')
      .notNull()
      .references(() => agendaItem.id),
    attendanceId: integer('attendance_id')
      .notNull()
      .references(() => attendance.id),
    position: integer('position').notNull(),
    status: text('status').$type<'queued' | 'speaking' | 'done'>().notNull().default('queued'),
    startedAt: text('started_at'),
    note: text('note').notNull().default(''),
  },
  (t) => [index('speaker_item').on(t.agendaItemId)],
);

/** 表决: one row per recorded result; a correction is a new row pointing at the one it replaces. */
export const vote = sqliteTable(
  'vote',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meeting.id),
    agendaItemId: integer('agenda_item_id')
      .notNull()
      .references(() => agendaItem.id),
    method: text('method').$type<VoteMethod>().notNull(),
    rule: text('rule').$type<VoteRule>().notNull(),
    question: text('question').notNull(),
    wording: text('wording').notNull().default(''),
    /** Counts, roll-call choices or owners' ballots as entered, and the outcome computed from them. */
    input: text('input', { mode: 'json' }).$type<unknown>().notNull(),
    outcome: text('outcome', { mode: 'json' }).$type<Outcome>().notNull(),
    recordedAt: text('recorded_at').notNull(),
    correctsId: integer('corrects_id'),
    correctionReason: text('correction_reason').notNull().default(''),
    supersededAt: text('superseded_at'),
  },
  (t) => [index('vote_item').on(t.agendaItemId)],
);

/** 会议纪要: one per meeting, drafted when it closes; finalizing fixes its hash and the audit head of that moment. */
export const minutes = sqliteTable('minutes', {
  meetingId: integer('meeting_id')
    .primaryKey()
    .references(() => meeting.id),
  status: text('status').$type<MinutesStatus>().notNull().default('draft'),
  content: text('content', { mode: 'json' }).$type<MinutesContent>().notNull(),
  updatedAt: text('updated_at').notNull(),
  finalizedAt: text('finalized_at'),
  finalizedBy: text('finalized_by').notNull().default(''),
  contentHash: text('content_hash'),
  auditHead: text('audit_head'),
});

/** 修正: what changed after finalizing, shown after the original. Rows are only ever added. */
export const minutesAmendment = sqliteTable(
  'minutes_amendment',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => minutes.meetingId),
    section: text('section').notNull(),
    text: text('text').notNull(),
    reason: text('reason').notNull(),
    author: text('author').notNull(),
    createdAt: text('created_at').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('amendment_meeting').on(t.meetingId)],
);

/**
 * 签名身份: the community's key and certificate. Earlier identities stay, so records they signed are still
 * recognised. The private key is stored encrypted (safeStorage or a passphrase), never in the clear.
 */
export const signingIdentity = sqliteTable('signing_identity', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  certificate: text('certificate').notNull(),
  /** Issuer certificates that came with an imported P12 (PEM, concatenated). */
  chain: text('chain').notNull().default(''),
  encryptedKey: text('encrypted_key').notNull(),
  protection: text('protection').$type<'safe_storage' | 'passphrase'>().notNull(),
  source: text('source').$type<'generated' | 'imported'>().notNull(),
  fingerprint: text('fingerprint').notNull().unique(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull(),
});

/** 议定事项落实: one per resolution of finalized minutes, followed until it is closed. */
export const actionItem = sqliteTable(
  'action_item',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meeting.id),
    agendaItemId: integer('agenda_item_id')
      .notNull()
      .unique()
      .references(() => agendaItem.id),
    topicId: integer('topic_id').references(() => topic.id),
    title: text('title').notNull(),
    resolution: text('resolution').notNull(),
    owner: text('owner').notNull().default(''),
    deadline: text('deadline'),
    status: text('status').$type<ActionStatus>().notNull().default('pending'),
    /** Why it cannot be done (无法落实), required for that status. */
    reason: text('reason').notNull().default(''),
    satisfaction: text('satisfaction').$type<Satisfaction>(),
    closedOn: text('closed_on'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('action_item_status').on(t.status)],
);

export const actionProgress = sqliteTable('action_progress', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  actionItemId: integer('action_item_id')
    .notNull()
    .references(() => actionItem.id),
  date: text('date').notNull(),
  note: text('note').notNull(),
  createdAt: text('created_at').notNull(),
});

/** 监督员: the residents who check that resolutions are carried out. */
export const supervisor = sqliteTable('supervisor', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  phone: text('phone').notNull().default(''),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
});

/** 督办: a supervisor's check on an item — what was found and what must be put right (整改意见). */
export const supervisionCheck = sqliteTable('supervision_check', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  actionItemId: integer('action_item_id')
    .notNull()
    .references(() => actionItem.id),
  supervisorId: integer('supervisor_id')
    .notNull()
    .references(() => supervisor.id),
  date: text('date').notNull(),
  findings: text('findings').notNull(),
  rectification: text('rectification').notNull().default(''),
  createdAt: text('created_at').notNull(),
});

/** 典型案例: the write-up of one topic, drafted from its history and then the secretary's own text. */
export const typicalCase = sqliteTable('typical_case', {
  topicId: integer('topic_id')
    .primaryKey()
    .references(() => topic.id),
  content: text('content', { mode: 'json' }).$type<CaseContent>().notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** Certificates the sub-district's CA issued to its communities. */
export const issuedCertificate = sqliteTable('issued_certificate', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  subject: text('subject').notNull(),
  fingerprint: text('fingerprint').notNull().unique(),
  certificate: text('certificate').notNull(),
  issuedAt: text('issued_at').notNull(),
});

/** Every bundle a sub-district looked at: accepted (trusted or not) with its files, or rejected with the reason. */
export const collectedBundle = sqliteTable('collected_bundle', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  fileName: text('file_name').notNull(),
  sha256: text('sha256').notNull(),
  verdict: text('verdict').$type<BundleVerdict>().notNull(),
  reason: text('reason').$type<BundleRejection>(),
  detail: text('detail').notNull().default(''),
  communityUid: text('community_uid'),
  unit: text('unit').notNull().default(''),
  signer: text('signer').notNull().default(''),
  fingerprint: text('fingerprint').notNull().default(''),
  meetings: integer('meetings').notNull().default(0),
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

/** The communities whose records are counted: bound to the certificate subject that first reported them. */
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
  },
  (t) => [primaryKey({ columns: [t.month, t.communityUid] })],
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
