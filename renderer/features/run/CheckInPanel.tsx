import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAddress, type Resident } from '../../../shared/domain/resident';
import type { Attendee } from '../../../shared/domain/run';
import { call } from '../../api/client';
import { ErrorNote } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { useRun } from '../../stores/run';

const time = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' });

/** 签到: type a name, initials or room and press Enter; guests inline; proxies; early leavers. */
export function CheckInPanel({ meetingId, readOnly }: { meetingId: number; readOnly: boolean }) {
  const { t } = useTranslation();
  const attendees = useRun((s) => s.attendees[meetingId]) ?? [];
  const keepAttendees = useRun((s) => s.keepAttendees);
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<Resident[]>([]);
  const [guest, setGuest] = useState({ name: '', organisation: '', role: '' });
  const [proxyFor, setProxyFor] = useState<Attendee | null>(null);
  const [proxyQuery, setProxyQuery] = useState('');
  const [proxyMatches, setProxyMatches] = useState<Resident[]>([]);
  const act = useAction(async (work: () => Promise<Attendee[]>) => keepAttendees(meetingId, await work()));
  const here = new Set(attendees.filter((a) => !a.leftAt).map((a) => a.residentId));

  async function search(text: string, setList: (r: Resident[]) => void) {
    setList(text.trim() ? (await call('resident:search', { query: text, limit: 6 })).items : []);
  }
  async function checkIn(resident: Resident | undefined) {
    if (!resident) return;
    if (await act.run(() => call('attendance:checkIn', { meetingId, residentId: resident.id }))) {
      setQuery('');
      setMatches([]);
    }
  }
  function onKey(event: KeyboardEvent) {
    if (event.key === 'Enter') {
      event.preventDefault();
      void checkIn(matches.find((m) => !here.has(m.id)) ?? matches[0]);
    }
  }
  async function addGuest(event: FormEvent) {
    event.preventDefault();
    if (await act.run(() => call('attendance:addGuest', { meetingId, ...guest })))
      setGuest({ name: '', organisation: '', role: '' });
  }
  async function addProxy(absent: Resident) {
    if (!proxyFor) return;
    if (
      await act.run(() =>
        call('attendance:proxy', { meetingId, holderAttendanceId: proxyFor.id, absentResidentId: absent.id }),
      )
    ) {
      setProxyFor(null);
      setProxyQuery('');
      setProxyMatches([]);
    }
  }

  return (
    <section className="run-panel" aria-labelledby="checkin-title">
      <h2 id="checkin-title">
        {t('run.checkIn')}{' '}
        <span className="muted small">{t('run.checkedIn', { count: attendees.filter((a) => !a.leftAt).length })}</span>
      </h2>
      {!readOnly && (
        <div className="checkin-search">
          <input
            type="search"
            aria-label={t('run.checkInSearch')}
            placeholder={t('run.checkInSearch')}
            value={query}
            autoFocus
            maxLength={40}
            onChange={(e) => {
              setQuery(e.target.value);
              void search(e.target.value, setMatches);
            }}
            onKeyDown={onKey}
          />
          {matches.length > 0 && (
            <ul className="suggestions static" aria-label={t('run.matches')}>
              {matches.map((m) => (
                <li key={m.id}>
                  <button className={here.has(m.id) ? 'match done' : 'match'} onClick={() => void checkIn(m)}>
                    {m.name} <span className="muted">{formatAddress(m)}</span>
                    {here.has(m.id) && <span className="muted"> · {t('run.alreadyIn')}</span>}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <ErrorNote message={act.error} />
      <ul className="attendees" aria-label={t('run.attendees')}>
        {[...attendees].reverse().map((a) => (
          <li key={a.id} className={a.leftAt ? 'left' : ''}>
            <div>
              <strong>{a.name}</strong>{' '}
              <span className="muted small">{a.guest ? `${t('run.guest')} · ${a.detail}` : a.detail}</span>
              <div className="muted small">
                {t('run.arrived', { time: time(a.checkedInAt) })}
                {a.leftAt && ` · ${t('run.leftAt', { time: time(a.leftAt) })}`}
                {a.proxiesFor.map((p) => ` · ${t('run.holdsProxy', { name: p.name })}`)}
              </div>
            </div>
            {!readOnly && !a.leftAt && (
              <span className="row-tools">
                {!a.guest && (
                  <button className="button small" onClick={() => setProxyFor(a)}>
                    {t('run.proxy')}
                  </button>
                )}
                <button
                  className="button small"
                  aria-label={t('run.leaveOf', { name: a.name })}
                  onClick={() => void act.run(() => call('attendance:leave', { attendanceId: a.id }))}
                >
                  {t('run.leave')}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {proxyFor && (
        <div className="proxy-box" role="group" aria-label={t('run.proxyFor', { name: proxyFor.name })}>
          <p>{t('run.proxyFor', { name: proxyFor.name })}</p>
          <input
            aria-label={t('run.proxyAbsent')}
            placeholder={t('run.proxyAbsent')}
            autoFocus
            value={proxyQuery}
            onChange={(e) => {
              setProxyQuery(e.target.value);
              void search(e.target.value, setProxyMatches);
            }}
          />
          <ul className="suggestions static">
            {proxyMatches
              .filter((m) => !here.has(m.id))
              .map((m) => (
                <li key={m.id}>
                  <button className="match" onClick={() => void addProxy(m)}>
                    {m.name} <span className="muted">{formatAddress(m)}</span>
                  </button>
                </li>
              ))}
          </ul>
          <button className="button small" onClick={() => setProxyFor(null)}>
            {t('common.cancel')}
          </button>
        </div>
      )}
      {!readOnly && (
        <form className="guest-form" onSubmit={(e) => void addGuest(e)} aria-label={t('run.addGuest')}>
          <input
            aria-label={t('run.guestName')}
            placeholder={t('run.guestName')}
            required
            maxLength={40}
            value={guest.name}
            onChange={(e) => setGuest({ ...guest, name: e.target.value })}
          />
          <input
            aria-label={t('run.guestOrg')}
            placeholder={t('run.guestOrg')}
            maxLength={60}
            value={guest.organisation}
            onChange={(e) => setGuest({ ...guest, organisation: e.target.value })}
          />
          <input
            aria-label={t('run.guestRole')}
            placeholder={t('run.guestRole')}
            maxLength={40}
            value={guest.role}
            onChange={(e) => setGuest({ ...guest, role: e.target.value })}
          />
          <button className="button small" type="submit">
            {t('run.addGuest')}
          </button>
        </form>
      )}
    </section>
  );
}
