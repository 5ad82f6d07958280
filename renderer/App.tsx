import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { onAppEvent } from './api/client';
import { NavIcon } from './components/NavIcon';
import { Recovery } from './components/Recovery';
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
import { useMeetings } from './stores/meetings';
import { refreshTopic } from './stores/topics';
import { hrefOf, useRoute, type Route } from './stores/router';

const sections = ['meetings', 'topics', 'residents', 'records', 'settings'] as const;

export function App() {
  const { status, community, load } = useApp();

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
    });
  }, [load]);

  const route = useRoute();
  if (!status) return null;
  // The projector is a window of its own: no frame, nothing but what residents read.
  if (route.page === 'projector' && status.state === 'ready') return <Projector meetingId={route.id} />;
  if (status.state === 'failed') return <Recovery message={status.message} onRetry={() => void load()} />;
  if (!community) return <FirstRun />;
  return <Frame communityName={community.name} pavilionName={community.pavilionName} />;
}

function Frame({ communityName, pavilionName }: { communityName: string; pavilionName: string }) {
  const { t } = useTranslation();
  const route = useRoute();
  const current =
    route.page === 'meeting' || route.page === 'run' || route.page === 'minutes'
      ? 'meetings'
      : route.page === 'topic'
        ? 'topics'
        : route.page;
  return (
    <div className="frame">
      <nav className="sidebar" aria-label={t('app.name')}>
        <div className="brand">
          <img src="./icon.svg" alt="" className="brand-icon" />
          <div>
            <div className="brand-name">{t('app.name')}</div>
            <div className="brand-sub" title={pavilionName}>
              {communityName}
            </div>
          </div>
        </div>
        <ul>
          {sections.map((section) => (
            <li key={section}>
              <a href={hrefOf({ page: section })} aria-current={section === current ? 'page' : undefined}>
                <NavIcon name={section} />
                {t(`nav.${section}`)}
              </a>
            </li>
          ))}
        </ul>
        <div className="sidebar-foot">{pavilionName}</div>
      </nav>
      <main className="content">
        <Page route={route} />
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
  }
}
