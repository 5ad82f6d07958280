/** Line icons drawn inline: no icon font, no emoji (machines without a colour-emoji font show boxes). */
const paths = {
  meetings: 'M4 6h16v14H4zM4 10h16M8 3v4M16 3v4',
  topics: 'M4 5h16v11H9l-5 4z M8 9h8 M8 12h5',
  residents:
    'M9 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM3 20c0-3.3 2.7-6 6-6s6 2.7 6 6M16 5.5a3 3 0 0 1 0 5.5M18 14c2 .8 3 3 3 6',
  records: 'M6 3h9l4 4v14H6zM15 3v4h4M9 12h7M9 16h7',
  followup: 'M4 12l4 4 8-9M4 20h16',
  collection: 'M4 7h16v13H4zM4 7l2-4h12l2 4M9 12l3 3 3-3M12 9v6',
  dashboard: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  search: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM16 16l5 5',
  certificates: 'M4 4h16v12H4zM8 8h8M8 11h5M15 16l-1 5 3-2 3 2-1-5',
  settings:
    'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM4 12h2M18 12h2M12 4v2M12 18v2M6.3 6.3l1.4 1.4M16.3 16.3l1.4 1.4M6.3 17.7l1.4-1.4M16.3 7.7l1.4-1.4',
} as const;

export type NavName = keyof typeof paths;

export function NavIcon({ name }: { name: NavName }) {
  return (
    <svg className="nav-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
      <path
        d={paths[name]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
