import { create } from 'zustand';
import type { MeetingReport } from '../../shared/domain/receipt';
import { call } from '../api/client';

type ReportsState = {
  /** What each reported meeting came to at the office, by meeting id (null until read). */
  byMeeting: Record<number, MeetingReport> | null;
  load(): Promise<void>;
};

/** 已上报 / 已核验 / 被拒收 per meeting, as the office's receipts say: shown on the meeting list and the records page. */
export const useReports = create<ReportsState>((set) => ({
  byMeeting: null,
  load: async () =>
    set({ byMeeting: Object.fromEntries((await call('receipt:status', {})).map((r) => [r.meetingId, r])) }),
}));
