import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { onAppEvent } from './api/client';
import type { Community, ProfileKind } from '../shared/domain/community';
import { DialogHost } from './components/Dialog';
import { FileDrop } from './components/FileDrop';
import { SaveStatus } from './components/SaveStatus';
import { LargeTextToggle } from './components/LargeTextToggle';
import { NavIcon, type NavName } from './components/NavIcon';
import { CertificatesPage } from './features/collection/CertificatesPage';
import { CollectionPage } from './features/collection/CollectionPage';
import { SearchPage } from './features/collection/SearchPage';
import { CasePage } from './features/followup/CasePage';
import { FollowupPage } from './features/followup/FollowupPage';
import { Recovery } from './components/Recovery';
import { SessionRequired } from './components/SessionRequired';
import { StartFailed } from './components/StartFailed';
import { Unlock } from './components/Unlock';
import { FirstRun } from './features/community/FirstRun';
import { MeetingList } from './features/meetings/MeetingList';
import { MeetingPage } from './features/meetings/MeetingPage';
import { MinutesPage } from './features/minutes/MinutesPage';
import { RecordsPage } from './features/records/RecordsPage';
import { ResidentsPage } from './features/residents/ResidentsPage';
import { Projector } from './features/run/Projector';
import { RunPage } from './features/run/RunPage';
import { Settings } from './features/settings/Settings';
import { TopicPage } from './features/topics/TopicPage';
import { TopicsPage } from './features/topics/TopicsPage';
import { applyLocale } from './i18n';
import { useApp } from './stores/app';
import { useFollowup } from './stores/followup';
import { useMeetings } from './stores/meetings';
import { refreshTopic } from './stores/topics';
import { hrefOf, useRoute, type Route } from './stores/router';

/** A community runs meetings; a sub-district office collects, counts and searches what communities report. */
// Chart.js loads with the statistics page, not at start.
const DashboardPage = lazy(() =>
  import('./features/collection/DashboardPage').then((m) => ({ default: m.DashboardPage })),
);

const sections = {
  community: ['meetings', 'topics', 'followup', 'residents', 'records', 'settings'],
  sub_district: ['collection', 'dashboard', 'search', 'certificates', 'settings'],
} as const satisfies Record<ProfileKind, readonly Route['page'][]>;

export function App() {
  return (
    <>
      <Screen />
      <DialogHost />
    </>
  );
}

function Screen() {
  const { status, startError, community, load } = useApp();

  useEffect(() => {
    void load();
    // Another window (the projector, a second tab) changed something: refresh what we show.
    return onAppEvent((event) => {
      if (event.type === 'meeting:changed') {
        void useMeetings.getState().load(event.id);
        if (useMeetings.getState().list) void useMeetings.getState().loadList();
      }
      if (event.type === 'topic:changed') void refreshTopic(event.id);
      if (event.type === 'locale:changed') applyLocale(event.locale);
      if (event.type === 'community:changed') void load();
      if (event.type === 'followup:changed') void useFollowup.getState().load();
    });
  }, [load]);

  const route = useRoute();
  if (startError && !status) return <StartFailed message={startError} onRetry={() => void load()} />;
  if (!status) return null;
  // The projector is a window of its own: no frame, nothing but what residents read.
  if (route.page === 'projector' && status.state === 'ready') return <Projector meetingId={route.id} />;
  if (status.state === 'failed' && status.code === 'session_required')
    return <SessionRequired message={status.message} />;
  if (status.state === 'locked') return <Unlock setup={status.setup} />;
  if (status.state === 'failed') return <Recovery message={status.message} onRetry={() => void load()} />;
  if (!community) return <FirstRun />;
  return <Frame community={community} />;
}

function Frame({ community }: { community: Community }) {
  const { t } = useTranslation();
  const routed = useRoute();
  const shown: readonly Route['page'][] = sections[community.kind];
  const section =
    routed.page === 'meeting' || routed.page === 'run' || routed.page === 'minutes'
      ? 'meetings'
      : routed.page === 'topic' || routed.page === 'case'
        ? 'topics'
        : routed.page;
  // A page of the other profile (an old bookmark, the default route) opens this profile's first page.
  const route: Route = shown.includes(section) ? routed : ({ page: shown[0]! } as Route);
  const current = shown.includes(section) ? section : shown[0];
  const foot = community.kind === 'community' ? community.pavilionName : community.district;
  return (
    <div className="frame">
      <nav className="sidebar" aria-label={t('app.name')}>
        <div className="brand">
          <img src="./icon.svg" alt="" className="brand-icon" />
          <div>
            <div className="brand-name">{t('app.name')}</div>
            <div className="brand-sub" title={foot}>
              {community.name}
            </div>
          </div>
        </div>
        <ul>
          {shown.map((page) => (
            <li key={page}>
              <a href={hrefOf({ page } as Route)} aria-current={page === current ? 'page' : undefined}>
                <NavIcon name={page as NavName} />
                {t(`nav.${page as NavName}`)}
              </a>
            </li>
          ))}
        </ul>
        <div className="sidebar-foot">
          <LargeTextToggle />
          <SaveStatus />
          <div>{foot}</div>
        </div>
      </nav>
      <FileDrop profile={community.kind} />
      <main className="content">
        <Suspense fallback={null}>
          <Page route={route} />
        </Suspense>
      </main>
    </div>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'meetings':
      return <MeetingList />;
    case 'meeting':
      return <MeetingPage id={route.id} />;
    case 'run':
      return <RunPage meetingId={route.id} />;
    case 'settings':
      return <Settings />;
    case 'residents':
      return <ResidentsPage />;
    case 'topics':
      return <TopicsPage />;
    case 'topic':
      return <TopicPage id={route.id} />;
    case 'minutes':
      return <MinutesPage id={route.id} />;
    case 'records':
      return <RecordsPage />;
    case 'projector':
      return <Projector meetingId={route.id} />;
    case 'case':
      return <CasePage topicId={route.id} />;
    case 'followup':
      return <FollowupPage />;
    case 'collection':
      return <CollectionPage />;
    case 'dashboard':
      return <DashboardPage />;
    case 'search':
      return <SearchPage />;
    case 'certificates':
      return <CertificatesPage />;
  }
}
