import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAddress, type Resident } from '../../../shared/domain/resident';
import type { Attendee } from '../../../shared/domain/run';
import { call } from '../../api/client';
import { ErrorNote } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { useRun } from '../../stores/run';
import { DoorSearch, type DoorSearchHandle } from './DoorSearch';

const time = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' });
const noGuest = { name: '', organisation: '', role: '' };

/** The last thing done at the door, with its undo: a wrong 王𠇔 is taken back in one tap. */
type Done = { attendanceId: number; name: string; detail: string };

/**
 * 签到 at the door: one search that keeps focus for the next person, the invitees still to come (未到) by
 * building, a question for anyone not invited, 查无此人 → 列席, proxies and leavers — each undoable.
 */
export function CheckInPanel({ meetingId, readOnly }: { meetingId: number; readOnly: boolean }) {
  const { t } = useTranslation();
  const stored = useRun((s) => s.attendees[meetingId]);
  const attendees = stored ?? [];
  const keepAttendees = useRun((s) => s.keepAttendees);
  const present = useRun((s) => s.state[meetingId]?.figures.present.total);
  const [expected, setExpected] = useState<{ invited: Set<number>; absent: Resident[] }>({
    invited: new Set(),
    absent: [],
  });
  const [asking, setAsking] = useState<Resident | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [guest, setGuest] = useState(noGuest);
  const [proxyFor, setProxyFor] = useState<Attendee | null>(null);
  const search = useRef<DoorSearchHandle>(null);
  const guestOrg = useRef<HTMLInputElement>(null);
  const act = useAction(async (work: () => Promise<Attendee[]>, after?: (list: Attendee[]) => void) => {
    const list = await work();
    keepAttendees(meetingId, list);
    after?.(list);
  });
  const here = new Map(attendees.filter((a) => !a.leftAt && a.residentId).map((a) => [a.residentId!, a]));

  // 未到 shrinks with every arrival, whichever window or tab signed them in.
  useEffect(() => {
    void call('attendance:expected', { id: meetingId }).then((e) =>
      setExpected({ invited: new Set(e.invitedIds), absent: e.absent }),
    );
  }, [meetingId, stored]);

  /** `from`: where the action started (the guest form): focus comes back to the search from there too. */
  const nextPerson = (from?: Element | null) => {
    search.current?.clear();
    search.current?.comeBack(from);
  };
  const admitted = (list: Attendee[], pickRow: (a: Attendee) => boolean, from?: Element | null) => {
    const row = [...list].reverse().find(pickRow);
    if (row) setDone({ attendanceId: row.id, name: row.name, detail: row.detail });
    setAsking(null);
    nextPerson(from);
  };
  function admit(resident: Resident) {
    // A meeting with an invitation list asks before an outsider counts toward 实到 and the quorum.
    if (expected.invited.size > 0 && !expected.invited.has(resident.id)) return setAsking(resident);
    void checkIn(resident);
  }
  const checkIn = (resident: Resident) =>
    act.run(
      () => call('attendance:checkIn', { meetingId, residentId: resident.id }),
      (list) => admitted(list, (a) => a.residentId === resident.id),
    );
  const asGuest = (resident: Resident) =>
    act.run(
      () =>
        call('attendance:addGuest', {
          meetingId,
          name: resident.name,
          organisation: formatAddress(resident),
          role: '',
        }),
      (list) => admitted(list, (a) => a.guest),
    );
  async function addGuest(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    await act.run(
      () => call('attendance:addGuest', { meetingId, ...guest }),
      (list) => {
        setGuest(noGuest);
        admitted(list, (a) => a.guest, form);
      },
    );
  }
  const undo = (attendanceId: number) =>
    act.run(
      () => call('attendance:undo', { attendanceId }),
      () => {
        setDone(null);
        search.current?.comeBack();
      },
    );

  // Counting someone not invited (in person or by proxy) adds them to 应到 too: the door says so before.
  const flagOutsider = (r: Resident) =>
    expected.invited.size > 0 &&
    !expected.invited.has(r.id) && <span className="door-flag"> · {t('run.door.notInvited')}</span>;
  const buildings = groupByBuilding(expected.absent);
  return (
    <section className="run-panel checkin-panel" aria-labelledby="checkin-title">
      <h2 id="checkin-title">
        {t('run.checkIn')}{' '}
        {present !== undefined && <span className="muted small">{t('run.checkedIn', { count: present })}</span>}
      </h2>
      {!readOnly && (
        <>
          <DoorSearch
            ref={search}
            label={t('run.checkInSearch')}
            placeholder={t('run.door.placeholder')}
            autoFocus
            unavailable={(r) => (here.has(r.id) ? t('run.alreadyIn') : null)}
            describe={flagOutsider}
            onPick={admit}
            noMatch={(text) => (
              <button
                type="button"
                className="button small"
                onClick={() => {
                  setGuest({ ...noGuest, name: text });
                  guestOrg.current?.focus();
                }}
              >
                {t('run.door.addAsGuest', { name: text })}
              </button>
            )}
          />
          {asking && (
            <div className="door-ask" role="group" aria-label={t('run.door.askTitle', { name: asking.name })}>
              <p>
                <strong>{t('run.door.askTitle', { name: asking.name })}</strong>{' '}
                <span className="muted small">{formatAddress(asking)}</span>
              </p>
              <p className="muted small">{t('run.door.askHint')}</p>
              <div
                className="door-ask-actions"
                onKeyDown={(e) => e.key === 'Escape' && (setAsking(null), nextPerson())}
              >
                <button type="button" className="button small primary" autoFocus onClick={() => void checkIn(asking)}>
                  {t('run.door.countAttendee')}
                </button>
                <button type="button" className="button small" onClick={() => void asGuest(asking)}>
                  {t('run.door.countGuest')}
                </button>
                <button type="button" className="button small" onClick={() => (setAsking(null), nextPerson())}>
                  {t('common.cancel')}
                </button>
              </div>
            </div>
          )}
          {done && (
            <p className="door-done" role="status">
              ✓ {t('run.door.done', { name: done.name, detail: done.detail })}{' '}
              <button type="button" className="link-button" onClick={() => void undo(done.attendanceId)}>
                {t('run.door.undo')}
              </button>
            </p>
          )}
        </>
      )}
      <ErrorNote message={act.error} />
      {!readOnly && expected.invited.size > 0 && (
        <details className="door-absent" open>
          <summary>{t('run.door.absent', { count: expected.absent.length })}</summary>
          {buildings.map(([building, people]) => (
            <div key={building} className="door-building">
              <h3>{building ? t('run.door.building', { building }) : t('run.door.noBuilding')}</h3>
              <ul aria-label={building ? t('run.door.building', { building }) : t('run.door.noBuilding')}>
                {people.map((r) => (
                  <li key={r.id}>
                    <button
                      type="button"
                      className="door-person"
                      aria-label={t('run.door.checkInOf', { name: r.name, detail: formatAddress(r) })}
                      onClick={() => void checkIn(r)}
                    >
                      {r.name} <span className="muted small">{formatAddress(r)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </details>
      )}
      <h3 className="door-list-title">{t('run.attendees')}</h3>
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
                {/* A wrong check-in found later (the other 王𠇔): taken back here, not with 离场. */}
                {!readOnly && !a.leftAt && (
                  <button
                    type="button"
                    className="link-button"
                    aria-label={t('run.door.undoOf', { name: a.name, detail: a.detail })}
                    onClick={() => void undo(a.id)}
                  >
                    {t('run.door.undoCheckIn')}
                  </button>
                )}
              </div>
            </div>
            {!readOnly && (
              <span className="row-tools">
                {a.leftAt ? (
                  <button
                    className="button small"
                    aria-label={t('run.door.undoLeaveOf', { name: a.name })}
                    onClick={() => void act.run(() => call('attendance:undoLeave', { attendanceId: a.id }))}
                  >
                    {t('run.door.undoLeave')}
                  </button>
                ) : (
                  <>
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
                  </>
                )}
              </span>
            )}
          </li>
        ))}
      </ul>
      {proxyFor && (
        // Keyed by holder: opening it for someone else starts from an empty field.
        <ProxyBox
          key={proxyFor.id}
          holder={proxyFor}
          here={here}
          describe={flagOutsider}
          onDone={(list, box) => {
            if (list) keepAttendees(meetingId, list);
            setProxyFor(null);
            search.current?.comeBack(box);
          }}
          meetingId={meetingId}
        />
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
            ref={guestOrg}
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

function ProxyBox({
  meetingId,
  holder,
  here,
  describe,
  onDone,
}: {
  meetingId: number;
  holder: Attendee;
  here: Map<number, Attendee>;
  describe(resident: Resident): ReactNode;
  /** `box` is where the secretary was: focus goes back to the door search only from there. */
  onDone(list: Attendee[] | null, box: HTMLElement | null): void;
}) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const act = useAction(async (absent: Resident) =>
    onDone(
      await call('attendance:proxy', { meetingId, holderAttendanceId: holder.id, absentResidentId: absent.id }),
      box.current,
    ),
  );
  return (
    <div
      ref={box}
      className="proxy-box"
      role="group"
      aria-label={t('run.proxyFor', { name: holder.name })}
      onKeyDown={(e) => e.key === 'Escape' && onDone(null, box.current)}
    >
      <p>{t('run.proxyFor', { name: holder.name })}</p>
      <DoorSearch
        label={t('run.proxyAbsent')}
        autoFocus
        unavailable={(r) =>
          r.id === holder.residentId || here.has(r.id)
            ? t('run.alreadyIn')
            : holder.proxiesFor.some((p) => p.residentId === r.id)
              ? t('run.door.proxyHeld')
              : null
        }
        describe={describe}
        onPick={(r) => void act.run(r)}
      />
      <ErrorNote message={act.error} />
      <button className="button small" onClick={() => onDone(null, box.current)}>
        {t('common.cancel')}
      </button>
    </div>
  );
}

/** 未到 by building in address order ('' last), as the secretary walks the list. */
function groupByBuilding(people: Resident[]): [string, Resident[]][] {
  const groups = new Map<string, Resident[]>();
  for (const r of people) groups.set(r.building, [...(groups.get(r.building) ?? []), r]);
  return [...groups].sort(([a], [b]) =>
    a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'zh-CN', { numeric: true }),
  );
}
