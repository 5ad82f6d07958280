import type { MinutesContent } from '../../../shared/domain/minutes';

type Header = MinutesContent['header'];
type Attendance = MinutesContent['attendance'];
type Closing = MinutesContent['closing'];

/** The fields of each section, in the order the editor and the final view show them. */
export const headerFields: (keyof Header)[] = [
  'title',
  'kind',
  'pavilion',
  'date',
  'time',
  'planned',
  'place',
  'host',
  'recorder',
];
export const attendanceFields: (keyof Attendance)[] = [
  'summary',
  'present',
  'guests',
  'proxies',
  'left',
  'absent',
  'quorum',
];
export const closingFields: (keyof Closing)[] = ['followUps', 'other'];
export const itemProse = ['discussion', 'vote', 'resolution'] as const;
