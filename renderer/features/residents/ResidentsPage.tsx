import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tagName } from '../../i18n';
import { formatAddress, type Resident } from '../../../shared/domain/resident';
import { call } from '../../api/client';
import { downloadBase64, xlsxType } from '../../api/files';
import { ErrorNote } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { useIncomingFiles } from '../../stores/incoming';
import { useResidents } from '../../stores/residents';
import { ImportDialog } from './ImportDialog';
import { ResidentDialog } from './ResidentDialog';

export function ResidentsPage() {
  const { t } = useTranslation();
  const { query, items, total, loaded, search, more } = useResidents();
  const [editing, setEditing] = useState<Resident | 'new' | null>(null);
  /** true: the import dialog, empty; a File: the dialog with a roster dropped onto the window. */
  const [importing, setImporting] = useState<boolean | File>(false);
  useIncomingFiles('roster', ([file]) => setImporting(file!));
  const { run: runSearch, error: searchError } = useAction(search);
  const exporting = useAction(async () => {
    const file = await call('roster:export', {});
    downloadBase64(file.fileName, file.data, xlsxType);
  });

  useEffect(() => {
    void runSearch(useResidents.getState().query);
  }, [runSearch]);

  return (
    <section className="page wide" aria-labelledby="residents-title">
      <header className="page-header">
        <div>
          <h1 id="residents-title">{t('residents.title')}</h1>
          {loaded && <p className="muted">{t('residents.count', { count: total })}</p>}
        </div>
        <div className="header-actions">
          <button className="button" onClick={() => setImporting(true)}>
            {t('residents.import')}
          </button>
          <button className="button" onClick={() => void exporting.run()} disabled={exporting.busy}>
            {t('residents.export')}
          </button>
          <button className="button primary" onClick={() => setEditing('new')}>
            ＋ {t('residents.add')}
          </button>
        </div>
      </header>
      <ErrorNote message={exporting.error ?? searchError} />
      <input
        className="search-box"
        type="search"
        aria-label={t('residents.search')}
        placeholder={t('residents.searchPlaceholder')}
        value={query}
        autoFocus
        onChange={(e) => void runSearch(e.target.value)}
      />
      {loaded && items.length === 0 && (
        <div className="empty-state">
          <p className="empty-title">{query ? t('residents.noMatch', { query }) : t('residents.empty')}</p>
          {!query && <p className="muted">{t('residents.emptyHint')}</p>}
        </div>
      )}
      {items.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>{t('residents.columns.name')}</th>
              <th>{t('residents.columns.gender')}</th>
              <th>{t('residents.columns.address')}</th>
              <th>{t('residents.columns.phone')}</th>
              <th>{t('residents.columns.tags')}</th>
              <th aria-label={t('common.edit')} />
            </tr>
          </thead>
          <tbody>
            {items.map((resident) => (
              <tr key={resident.id}>
                <td className="strong">{resident.name}</td>
                <td>{resident.gender ?? ''}</td>
                <td>{formatAddress(resident)}</td>
                <td className="mono">{resident.phoneMasked}</td>
                <td>
                  {resident.tags.map((tag) => (
                    <span key={tag} className="tag">
                      {tagName(tag)}
                    </span>
                  ))}
                </td>
                <td className="actions">
                  <button className="button small" onClick={() => setEditing(resident)}>
                    {t('common.edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {items.length < total && (
        <div className="more">
          <span className="muted">{t('residents.shown', { shown: items.length, total })}</span>
          <button className="button" onClick={() => void more()}>
            {t('residents.more')}
          </button>
        </div>
      )}
      {editing && (
        <ResidentDialog resident={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
      {importing && (
        <ImportDialog initial={importing instanceof File ? importing : undefined} onClose={() => setImporting(false)} />
      )}
    </section>
  );
}
