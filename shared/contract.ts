import { z } from 'zod';
import { AgendaAddInput, AgendaItemId, AgendaMoveInput, AgendaUpdateInput, type AgendaItem } from './domain/agenda';
import {
  BundleExportInput,
  BundleImportInput,
  SearchInput,
  StatsFilter,
  type CollectedBundle,
  type SearchHit,
  type Stats,
} from './domain/bundle';
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
import { VoteRecordInput, type VoteRecord } from './domain/vote';
import { MinutesAmendInput, MinutesFinalizeInput, MinutesSaveInput, type Minutes } from './domain/minutes';
import {
  CertificateFileInput,
  IdentityCreateInput,
  IdentityExportInput,
  IdentityImportInput,
  IdentityUnlockInput,
  RecordExportInput,
  RecordVerifyInput,
  type IdentityInfo,
  type IdentityStatus,
  type IssuedCertificate,
  type VerifyReport,
} from './domain/records';
import type { Envelope } from './envelope';
import { locales, type Locale } from './locale';
import { RosterFileInput, type ExportedFile, type RosterImportResult, type RosterPreview } from './roster-import';

/** The output is a type only: the main side produces it, nobody needs to parse it at run time. */
const returns = <T>() => z.custom<T>();
const noInput = z.strictObject({});

export type AppStatus =
  | { state: 'ready'; locale: Locale; hasCommunity: boolean }
  | { state: 'failed'; locale: Locale; code: string; message: string };

/** A record the main side produced: the bytes as base64, and characters no font could draw. */
export type RecordFile = { fileName: string; type: string; data: string; missing: string[] };

export type BackupInfo = { name: string; createdAt: string; bytes: number; reason: string };

export type AuditReport = { ok: true; events: number } | { ok: false; events: number; brokenAt: number };

/**
 * Every trip between the renderer and the main side, declared once. The preload, the browser host and the
 * renderer's api client are all derived from this object. Inputs are strict: an unknown key is an error.
 */
export const contract = {
  'app:status': { input: noInput, output: returns<AppStatus>() },
  'settings:setLocale': { input: z.strictObject({ locale: z.enum(locales) }), output: returns<Locale>() },
  'community:get': { input: noInput, output: returns<Community | null>() },
  'community:save': { input: CommunityProfileInput, output: returns<Community>() },
  'subdistrict:save': { input: SubDistrictProfileInput, output: returns<Community>() },
  'meeting:list': { input: noInput, output: returns<Meeting[]>() },
  'meeting:get': { input: MeetingRef, output: returns<Meeting>() },
  'meeting:create': { input: MeetingCreateInput, output: returns<Meeting>() },
  'meeting:rename': { input: MeetingRenameInput, output: returns<Meeting>() },
  'meeting:schedule': { input: MeetingScheduleInput, output: returns<Meeting>() },
  'meeting:setStatus': { input: MeetingStatusInput, output: returns<Meeting>() },
  'resident:search': { input: ResidentSearchInput, output: returns<ResidentPage>() },
  'resident:save': { input: ResidentSaveInput, output: returns<Resident>() },
  'roster:preview': { input: RosterFileInput, output: returns<RosterPreview>() },
  'roster:import': { input: RosterFileInput, output: returns<RosterImportResult>() },
  'roster:export': { input: noInput, output: returns<ExportedFile>() },
  'topic:list': { input: TopicListInput, output: returns<Topic[]>() },
  'topic:get': { input: z.strictObject({ id: TopicId }), output: returns<TopicDetail>() },
  'topic:create': { input: TopicCreateInput, output: returns<Topic>() },
  'topic:update': { input: TopicUpdateInput, output: returns<Topic>() },
  'topic:triage': { input: TopicTriageInput, output: returns<Topic[]>() },
  'topic:markDuplicate': { input: TopicDuplicateInput, output: returns<Topic>() },
  'topic:addConsultation': { input: ConsultationInput, output: returns<Consultation>() },
  'topic:addPhoto': { input: PhotoInput, output: returns<TopicPhoto>() },
  'topic:photo': {
    input: z.strictObject({ id: TopicId }),
    output: returns<{ fileName: string; type: string; data: string }>(),
  },
  'topic:categories': { input: noInput, output: returns<string[]>() },
  'meeting:plan': { input: MeetingPlanInput, output: returns<Meeting>() },
  'meeting:invitees': { input: MeetingRef, output: returns<{ byName: Resident[]; total: number }>() },
  'agenda:list': { input: MeetingRef, output: returns<AgendaItem[]>() },
  'agenda:add': { input: AgendaAddInput, output: returns<AgendaItem[]>() },
  'agenda:update': { input: AgendaUpdateInput, output: returns<AgendaItem[]>() },
  'agenda:move': { input: AgendaMoveInput, output: returns<AgendaItem[]>() },
  'agenda:remove': { input: z.strictObject({ id: AgendaItemId }), output: returns<AgendaItem[]>() },
  'meeting:signInSheet': { input: MeetingRef, output: returns<RecordFile>() },
  'meeting:noticeCheck': { input: MeetingRef, output: returns<{ missing: string[] }>() },
  'meeting:notice': {
    input: z.strictObject({ id: MeetingId, format: z.enum(['pdf', 'png']) }),
    output: returns<RecordFile>(),
  },
  'attendance:list': { input: MeetingRef, output: returns<Attendee[]>() },
  'attendance:checkIn': { input: CheckInInput, output: returns<Attendee[]>() },
  'attendance:addGuest': { input: GuestInput, output: returns<Attendee[]>() },
  'attendance:leave': { input: AttendanceRef, output: returns<Attendee[]>() },
  'attendance:proxy': { input: ProxyInput, output: returns<Attendee[]>() },
  'attendance:removeProxy': {
    input: z.strictObject({ proxyId: z.number().int().positive() }),
    output: returns<Attendee[]>(),
  },
  'run:state': { input: MeetingRef, output: returns<RunState>() },
  'run:goto': { input: GotoInput, output: returns<RunState>() },
  'run:speakerSeconds': { input: SpeakerSecondsInput, output: returns<RunState>() },
  'run:projector': { input: ProjectorInput, output: returns<RunState>() },
  'speaker:add': { input: SpeakerAddInput, output: returns<RunState>() },
  'speaker:move': { input: SpeakerMoveInput, output: returns<RunState>() },
  'speaker:start': { input: SpeakerRef, output: returns<RunState>() },
  'speaker:done': { input: SpeakerRef, output: returns<RunState>() },
  'speaker:note': { input: SpeakerNoteInput, output: returns<RunState>() },
  'agenda:notes': { input: ItemNotesInput, output: returns<RunState>() },
  'vote:record': { input: VoteRecordInput, output: returns<VoteRecord>() },
  'vote:list': { input: MeetingRef, output: returns<VoteRecord[]>() },
  'vote:households': {
    input: noInput,
    output: returns<{ id: number; address: string; area: number; names: string }[]>(),
  },
  'minutes:get': { input: MeetingRef, output: returns<Minutes>() },
  'minutes:save': { input: MinutesSaveInput, output: returns<Minutes>() },
  'minutes:finalize': { input: MinutesFinalizeInput, output: returns<Minutes>() },
  'minutes:amend': { input: MinutesAmendInput, output: returns<Minutes>() },
  'identity:get': { input: noInput, output: returns<IdentityStatus>() },
  'identity:create': { input: IdentityCreateInput, output: returns<IdentityInfo>() },
  'identity:unlock': { input: IdentityUnlockInput, output: returns<IdentityInfo>() },
  'identity:exportP12': { input: IdentityExportInput, output: returns<RecordFile>() },
  'identity:importP12': { input: IdentityImportInput, output: returns<IdentityInfo>() },
  'record:export': { input: RecordExportInput, output: returns<RecordFile>() },
  'record:verify': { input: RecordVerifyInput, output: returns<VerifyReport>() },
  'followup:list': { input: noInput, output: returns<ActionItem[]>() },
  'followup:update': { input: ActionUpdateInput, output: returns<ActionItem>() },
  'followup:addProgress': { input: ProgressInput, output: returns<ActionItem>() },
  'followup:addCheck': { input: SupervisionInput, output: returns<ActionItem>() },
  'followup:notice': { input: z.strictObject({ format: z.enum(['pdf', 'png']) }), output: returns<RecordFile>() },
  'supervisor:list': { input: noInput, output: returns<Supervisor[]>() },
  'supervisor:save': { input: SupervisorSaveInput, output: returns<Supervisor[]>() },
  'case:get': { input: z.strictObject({ topicId: TopicId }), output: returns<TypicalCase>() },
  'case:save': { input: CaseSaveInput, output: returns<TypicalCase>() },
  'case:export': { input: CaseExportInput, output: returns<RecordFile>() },
  'bundle:export': { input: BundleExportInput, output: returns<RecordFile>() },
  /** A certificate request for the sub-district, made with the active key. */
  'identity:request': { input: noInput, output: returns<RecordFile>() },
  /** The certificate the sub-district issued for the active key (the key stays). */
  'identity:installCertificate': { input: CertificateFileInput, output: returns<IdentityInfo>() },
  /** Who a certificate request names, for the office to check before it issues. */
  'ca:inspect': { input: CertificateFileInput, output: returns<{ subject: string }>() },
  'ca:issue': { input: CertificateFileInput, output: returns<RecordFile>() },
  'ca:issued': { input: noInput, output: returns<IssuedCertificate[]>() },
  'collection:import': { input: BundleImportInput, output: returns<CollectedBundle>() },
  'collection:list': { input: noInput, output: returns<CollectedBundle[]>() },
  'collection:stats': { input: StatsFilter, output: returns<Stats>() },
  'collection:xlsx': { input: StatsFilter, output: returns<RecordFile>() },
  'collection:search': { input: SearchInput, output: returns<SearchHit[]>() },
  'collection:file': {
    input: z.strictObject({ meetingRowId: z.number().int().positive() }),
    output: returns<RecordFile>(),
  },
  'backup:list': { input: noInput, output: returns<BackupInfo[]>() },
  'backup:restore': {
    input: z.strictObject({
      name: z
        .string()
        .regex(/^yishiting-[\w.-]+\.sqlite$/)
        .max(120),
    }),
    output: returns<BackupInfo[]>(),
  },
  'backup:getKeep': { input: noInput, output: returns<number>() },
  'backup:setKeep': { input: z.strictObject({ keep: z.number().int().min(3).max(100) }), output: returns<number>() },
  'audit:verify': { input: noInput, output: returns<AuditReport>() },
  /** The only way a link leaves the app: the main side checks it (https only) and hands it to the OS. */
  'shell:openExternal': { input: z.strictObject({ url: z.string().max(2048) }), output: returns<{ url: string }>() },
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
  | { type: 'locale:changed'; locale: Locale };

/** The bridge the Electron preload puts on `window.yishi`: one function per channel, plus event subscription. */
export type Bridge = { [C in Channel]: (input: Input<C>) => Promise<Envelope<Output<C>>> } & {
  onEvent(listener: (event: AppEvent) => void): () => void;
};
