import { z } from 'zod';
import { AgendaAddInput, AgendaItemId, AgendaMoveInput, AgendaUpdateInput, type AgendaItem } from './domain/agenda';
import {
  BundleExportInput,
  BundleBatchInput,
  BundleImportInput,
  SearchInput,
  StatsFilter,
  type CollectedBundle,
  type SearchHit,
  type Stats,
} from './domain/bundle';
import { ReceiptImportInput, type MeetingReport, type ReceiptImported } from './domain/receipt';
import { CaseExportInput, CaseSaveInput, type TypicalCase } from './domain/case';
import { CommunityProfileInput, SubDistrictProfileInput, type Community } from './domain/community';
import {
  ActionUpdateInput,
  ProgressInput,
  SupervisionInput,
  SupervisorSaveInput,
  type ActionItem,
  type Supervisor,
} from './domain/followup';
import {
  MeetingCreateInput,
  MeetingId,
  MeetingRef,
  MeetingRenameInput,
  MeetingScheduleInput,
  MeetingPlanInput,
  MeetingStatusInput,
  type Meeting,
} from './domain/meeting';
import { ResidentSaveInput, ResidentSearchInput, type Resident, type ResidentPage } from './domain/resident';
import {
  ConsultationInput,
  PhotoInput,
  TopicCreateInput,
  TopicDuplicateInput,
  TopicId,
  TopicListInput,
  TopicTriageInput,
  TopicUpdateInput,
  type Consultation,
  type Topic,
  type TopicDetail,
  type TopicPhoto,
} from './domain/topic';
import {
  AttendanceRef,
  CheckInInput,
  GotoInput,
  GuestInput,
  ItemNotesInput,
  ProjectorInput,
  ProxyInput,
  SpeakerAddInput,
  SpeakerMoveInput,
  SpeakerNoteInput,
  SpeakerRef,
  SpeakerSecondsInput,
  type Attendee,
  type RunState,
} from './domain/run';
import { VoteRecordInput, type HouseholdVoter, type VoteBallots, type VoteRecord, type Voter } from './domain/vote';
import { MinutesAmendInput, MinutesFinalizeInput, MinutesSaveInput, type Minutes } from './domain/minutes';
import {
  CaIssueInput,
  CertificateFileInput,
  IdentityCreateInput,
  IdentityExportInput,
  IdentityPassphraseInput,
  IdentityImportInput,
  IdentityUnlockInput,
  RecordExportInput,
  RecordVerifyInput,
  type IdentityInfo,
  type IdentityStatus,
  type CertificateRequestInfo,
  type CrlImported,
  RenameInput,
  RevokeInput,
  type TrustStatus,
  type IssuedCertificate,
  type VerifyReport,
} from './domain/records';
import type { OpenedFile } from './app-files';
import type { Envelope } from './envelope';
import type { Localized } from './errors';
import { locales, type Locale } from './locale';
import { RosterFileInput, type ExportedFile, type RosterImportResult, type RosterPreview } from './roster-import';

/** The output is a type only: the main side produces it, nobody needs to parse it at run time. */
const returns = <T>() => z.custom<T>();
const noInput = z.strictObject({});

/**
 * What a channel does to the data file: `read` never writes (it may render a file or hand a link to the OS),
 * `change` runs one transaction with its audit event. The renderer's write queue and the fuzz test's
 * "no write on refusal" check are derived from this, never from a channel's name.
 */
export type ChannelKind = 'read' | 'change';
const read = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({
  kind: 'read' as const,
  input,
  output,
});
const change = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({
  kind: 'change' as const,
  input,
  output,
});

/** `keyKind`: where the data file's key is kept — the OS keychain, or a passphrase typed at each start. */
export type AppStatus =
  | { state: 'ready'; locale: Locale; hasCommunity: boolean; keyKind: 'os' | 'passphrase' }
  /** The data file's passphrase is needed first; `setup`: a new one is chosen (a new install, or plain data). */
  | { state: 'locked'; locale: Locale; setup: boolean }
  | { state: 'failed'; locale: Locale; code: string; message: string };

const Passphrase = z.string().min(1).max(1024);

/** A record the main side produced: the bytes as base64, and characters no font could draw. */
export type RecordFile = { fileName: string; type: string; data: string; missing: string[] };

/**
 * A copy the data can be restored from: an automatic backup, or a file a restore set aside (`replaced/…`).
 * `createdAt` is the copy's own record, not a file date; `usable`: it opens as ours (never an empty file).
 */
export type BackupInfo = {
  name: string;
  createdAt: string;
  bytes: number;
  reason: string;
  source: 'backup' | 'replaced';
  usable: boolean;
};

export type AuditReport = { ok: true; events: number } | { ok: false; events: number; brokenAt: number };

/**
 * Every trip between the renderer and the main side, declared once. The preload, the browser host and the
 * renderer's api client are all derived from this object. Inputs are strict: an unknown key is an error.
 */
export const contract = {
  'app:status': read(noInput, returns<AppStatus>()),
  /** The first screen's passphrase: opens the data file (or, on setup, encrypts it under the new one). */
  'app:unlock': change(z.strictObject({ passphrase: Passphrase }), returns<AppStatus>()),
  /** A new passphrase re-encrypts the data file and every backup under a new key. */
  'settings:changePassphrase': change(z.strictObject({ current: Passphrase, next: Passphrase }), returns<AppStatus>()),
  'settings:setLocale': change(z.strictObject({ locale: z.enum(locales) }), returns<Locale>()),
  'community:get': read(noInput, returns<Community | null>()),
  'community:save': change(CommunityProfileInput, returns<Community>()),
  'subdistrict:save': change(SubDistrictProfileInput, returns<Community>()),
  'meeting:list': read(noInput, returns<Meeting[]>()),
  'meeting:get': read(MeetingRef, returns<Meeting>()),
  'meeting:create': change(MeetingCreateInput, returns<Meeting>()),
  'meeting:rename': change(MeetingRenameInput, returns<Meeting>()),
  'meeting:schedule': change(MeetingScheduleInput, returns<Meeting>()),
  'meeting:setStatus': change(MeetingStatusInput, returns<MeetingStatusResult>()),
  'resident:search': read(ResidentSearchInput, returns<ResidentPage>()),
  'resident:save': change(ResidentSaveInput, returns<Resident>()),
  'roster:preview': read(RosterFileInput, returns<RosterPreview>()),
  'roster:import': change(RosterFileInput, returns<RosterImportResult>()),
  'roster:export': read(noInput, returns<ExportedFile>()),
  'topic:list': read(TopicListInput, returns<Topic[]>()),
  'topic:get': read(z.strictObject({ id: TopicId }), returns<TopicDetail>()),
  'topic:create': change(TopicCreateInput, returns<Topic>()),
  'topic:update': change(TopicUpdateInput, returns<Topic>()),
  'topic:triage': change(TopicTriageInput, returns<Topic[]>()),
  'topic:markDuplicate': change(TopicDuplicateInput, returns<Topic>()),
  'topic:addConsultation': change(ConsultationInput, returns<Consultation>()),
  'topic:addPhoto': change(PhotoInput, returns<TopicPhoto>()),
  'topic:photo': read(z.strictObject({ id: TopicId }), returns<{ fileName: string; type: string; data: string }>()),
  'topic:categories': read(noInput, returns<string[]>()),
  'meeting:plan': change(MeetingPlanInput, returns<Meeting>()),
  'meeting:invitees': read(MeetingRef, returns<{ byName: Resident[]; total: number }>()),
  'agenda:list': read(MeetingRef, returns<AgendaItem[]>()),
  'agenda:add': change(AgendaAddInput, returns<AgendaItem[]>()),
  'agenda:update': change(AgendaUpdateInput, returns<AgendaItem[]>()),
  'agenda:move': change(AgendaMoveInput, returns<AgendaItem[]>()),
  'agenda:remove': change(z.strictObject({ id: AgendaItemId }), returns<AgendaItem[]>()),
  'meeting:signInSheet': read(MeetingRef, returns<RecordFile>()),
  'meeting:noticeCheck': read(MeetingRef, returns<{ missing: string[] }>()),
  'meeting:notice': read(z.strictObject({ id: MeetingId, format: z.enum(['pdf', 'png']) }), returns<RecordFile>()),
  'attendance:list': read(MeetingRef, returns<Attendee[]>()),
  /** The door's view: every invitee's id (to flag a non-invitee) and the invitees nobody represents yet (未到). */
  'attendance:expected': read(MeetingRef, returns<{ invitedIds: number[]; absent: Resident[] }>()),
  'attendance:checkIn': change(CheckInInput, returns<Attendee[]>()),
  'attendance:addGuest': change(GuestInput, returns<Attendee[]>()),
  'attendance:leave': change(AttendanceRef, returns<Attendee[]>()),
  'attendance:proxy': change(ProxyInput, returns<Attendee[]>()),
  /** 撤销签到: a check-in made by mistake (wrong person of the same name) is taken back, audit-logged. */
  'attendance:undo': change(AttendanceRef, returns<Attendee[]>()),
  /** 撤销离场: a 离场 pressed by mistake; the person (and the proxies they hold) count as present again. */
  'attendance:undoLeave': change(AttendanceRef, returns<Attendee[]>()),
  'attendance:removeProxy': change(z.strictObject({ proxyId: z.number().int().positive() }), returns<Attendee[]>()),
  'run:state': read(MeetingRef, returns<RunState>()),
  'run:goto': change(GotoInput, returns<RunState>()),
  'run:speakerSeconds': change(SpeakerSecondsInput, returns<RunState>()),
  'run:projector': change(ProjectorInput, returns<RunState>()),
  'speaker:add': change(SpeakerAddInput, returns<RunState>()),
  'speaker:move': change(SpeakerMoveInput, returns<RunState>()),
  'speaker:start': change(SpeakerRef, returns<RunState>()),
  'speaker:done': change(SpeakerRef, returns<RunState>()),
  'speaker:note': change(SpeakerNoteInput, returns<RunState>()),
  'agenda:notes': change(ItemNotesInput, returns<RunState>()),
  'vote:record': change(VoteRecordInput, returns<VoteRecord>()),
  'vote:list': read(MeetingRef, returns<VoteRecord[]>()),
  /** Who can vote now: roll-call lines (proxies as their own lines) and households with who speaks for them. */
  'vote:voters': read(MeetingRef, returns<{ people: Voter[]; households: HouseholdVoter[] }>()),
  /** What a recorded vote was entered as, so a correction opens with it instead of a blank form. */
  'vote:ballots': read(z.strictObject({ id: z.number().int().positive() }), returns<VoteBallots>()),
  'minutes:get': read(MeetingRef, returns<Minutes>()),
  'minutes:save': change(MinutesSaveInput, returns<Minutes>()),
  'minutes:finalize': change(MinutesFinalizeInput, returns<Minutes>()),
  'minutes:amend': change(MinutesAmendInput, returns<Minutes>()),
  'identity:get': read(noInput, returns<IdentityStatus>()),
  'identity:create': change(IdentityCreateInput, returns<IdentityInfo>()),
  'identity:unlock': change(IdentityUnlockInput, returns<IdentityInfo>()),
  /** A change: a wrong passphrase counts towards the unlock delay. */
  'identity:exportP12': change(IdentityExportInput, returns<RecordFile>()),
  'identity:changePassphrase': change(IdentityPassphraseInput, returns<IdentityInfo>()),
  'identity:importP12': change(IdentityImportInput, returns<IdentityInfo>()),
  'record:export': change(RecordExportInput, returns<RecordFile>()),
  'record:verify': read(RecordVerifyInput, returns<VerifyReport>()),
  'followup:list': read(noInput, returns<ActionItem[]>()),
  'followup:update': change(ActionUpdateInput, returns<ActionItem>()),
  'followup:addProgress': change(ProgressInput, returns<ActionItem>()),
  'followup:addCheck': change(SupervisionInput, returns<ActionItem>()),
  'followup:notice': change(z.strictObject({ format: z.enum(['pdf', 'png']) }), returns<RecordFile>()),
  'supervisor:list': read(noInput, returns<Supervisor[]>()),
  'supervisor:save': change(SupervisorSaveInput, returns<Supervisor[]>()),
  'case:get': read(z.strictObject({ topicId: TopicId }), returns<TypicalCase>()),
  'case:save': change(CaseSaveInput, returns<TypicalCase>()),
  'case:export': change(CaseExportInput, returns<RecordFile>()),
  'bundle:export': change(BundleExportInput, returns<RecordFile>()),
  /** A certificate request for the sub-district, made with the active key. */
  'identity:request': read(noInput, returns<RecordFile>()),
  /** An SM2 (国密) certificate request beside the RSA one: makes the SM2 key the first time. */
  'identity:requestSm2': change(noInput, returns<RecordFile>()),
  /** The certificate the sub-district issued for the active key (the key stays). */
  'identity:installCertificate': change(CertificateFileInput, returns<IdentityInfo>()),
  /** Who a certificate request names, for the office to check before it issues. */
  'ca:inspect': read(CertificateFileInput, returns<CertificateRequestInfo>()),
  'ca:issue': change(CaIssueInput, returns<RecordFile>()),
  /** The office's SM2 (国密) CA beside its RSA one, under the same names. */
  'ca:createSm2': change(noInput, returns<IdentityStatus>()),
  'ca:issued': read(noInput, returns<IssuedCertificate[]>()),
  /** The office revokes a certificate it issued, from a date, for a reason; the next CRL lists it. */
  'ca:revoke': change(RevokeInput, returns<IssuedCertificate[]>()),
  /** The office renames a community: the successor certificate (same key, same community), to hand over. */
  'ca:rename': change(RenameInput, returns<RecordFile>()),
  /** The office's signed CRL (X.509 v2) for its communities to import. */
  'ca:crl': read(noInput, returns<RecordFile>()),
  /** A community imports its office's CRL: what it revokes is refused from then on. */
  'trust:importCrl': change(CertificateFileInput, returns<CrlImported>()),
  /** Certificates ending within 60 days (this database's own, and at the office the ones it issued). */
  'trust:status': read(noInput, returns<TrustStatus>()),
  'collection:import': change(BundleImportInput, returns<CollectedBundle>()),
  /** Many bundles (a folder's worth, in batches): one verdict each, in order, all recorded in one commit. */
  'collection:importMany': change(BundleBatchInput, returns<CollectedBundle[]>()),
  'collection:list': read(noInput, returns<CollectedBundle[]>()),
  'collection:stats': read(StatsFilter, returns<Stats>()),
  'collection:xlsx': read(StatsFilter, returns<RecordFile>()),
  'collection:search': read(SearchInput, returns<SearchHit[]>()),
  'collection:file': read(z.strictObject({ meetingRowId: z.number().int().positive() }), returns<RecordFile>()),
  /** The office's signed receipt (回执) for one imported bundle, or for every one in one file. */
  'collection:receipt': read(z.strictObject({ id: z.number().int().positive() }), returns<RecordFile>()),
  'collection:receipts': read(noInput, returns<RecordFile>()),
  /** A community imports its office's receipts: verified against the office CA it holds, then kept. */
  'receipt:import': change(ReceiptImportInput, returns<ReceiptImported>()),
  /** What each reported meeting came to: 已上报 / 已核验 / 被拒收 with the reason. */
  'receipt:status': read(noInput, returns<MeetingReport[]>()),
  'backup:list': read(noInput, returns<BackupInfo[]>()),
  'backup:restore': change(
    z.strictObject({
      name: z
        .string()
        .regex(/^(yishiting-[\w.-]+\.sqlite|replaced\/[\w.-]+)$/)
        .max(120),
    }),
    returns<BackupInfo[]>(),
  ),
  'backup:getKeep': read(noInput, returns<number>()),
  'backup:setKeep': change(z.strictObject({ keep: z.number().int().min(3).max(100) }), returns<number>()),
  'audit:verify': read(noInput, returns<AuditReport>()),
  /** The only way a link leaves the app: the main side checks it (https only) and hands it to the OS. */
  'shell:openExternal': read(z.strictObject({ url: z.string().max(2048) }), returns<{ url: string }>()),
  /** Files the OS asked the desktop app to open (double-click, 文件 → 打开), each handed over once; none in a browser. */
  'shell:openedFiles': read(noInput, returns<OpenedFile[]>()),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
/** What a caller sends (defaults may be left out). */
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
/** What a handler receives after parsing (defaults filled in). */
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = z.output<Contract[C]['output']>;

export const channels = Object.keys(contract) as Channel[];

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(contract, name);
}

/** Pushes from the main side to every open window. */
export type AppEvent =
  | { type: 'meeting:changed'; id: number }
  | { type: 'topic:changed'; id: number }
  | { type: 'community:changed' }
  | { type: 'followup:changed' }
  | { type: 'collection:changed' }
  | { type: 'locale:changed'; locale: Locale }
  /** The desktop app was asked to open files: the page fetches them with shell:openedFiles. */
  | { type: 'files:opened' };

/** The meeting after a change of status; closing it also backs the data up, and says so when that failed. */
export type MeetingStatusResult = Meeting & { backupFailed?: Localized };

/** The bridge the Electron preload puts on `window.yishi`: one function per channel, plus event subscription. */
export type Bridge = { [C in Channel]: (input: Input<C>) => Promise<Envelope<Output<C>>> } & {
  onEvent(listener: (event: AppEvent) => void): () => void;
};
