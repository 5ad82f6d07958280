import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { searchMark, type SearchHit } from '../../../shared/domain/bundle';
import { call } from '../../api/client';
import { ErrorNote } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { RecordButtons } from '../records/RecordButtons';
import { VerifyCard } from '../records/VerifyCard';

/** A snippet with its matches marked: the main side wraps them in control characters, never in HTML. */
function Snippet({ text }: { text: string }) {
  const parts = text.split(new RegExp(`(${searchMark.open}[^${searchMark.close}]*${searchMark.close})`));
  return (
    <p className="snippet">
      {parts.map((part, i) =>
        part.startsWith(searchMark.open) ? <mark key={i}>{part.slice(1, -1)}</mark> : <span key={i}>{part}</span>,
      )}
    </p>
  );
}

/** Full-text search across every collected set of minutes, each hit opening the signed PDF. */
export function SearchPage() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<{ query: string; hits: SearchHit[] } | null>(null);
  const searching = useAction(async (q: string) =>
    setResult({ query: q, hits: await call('collection:search', { query: q }) }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (query.trim()) void searching.run(query.trim());
  };
  return (
    <section className="page" aria-labelledby="search-title">
      <header className="page-header">
        <h1 id="search-title">{t('search.title')}</h1>
      </header>
      <form className="search-form" role="search" onSubmit={submit}>
        <label className="visually-hidden" htmlFor="search-query">
          {t('search.label')}
        </label>
        <input
          id="search-query"
          className="search-box"
          type="search"
          value={query}
          maxLength={100}
          placeholder={t('search.placeholder')}
          autoFocus
          onChange={(e) => setQuery(e.target.value)}
        />
        <button className="button primary" type="submit" disabled={searching.busy}>
          {t('search.submit')}
        </button>
      </form>
      <ErrorNote message={searching.error} />
      {result && (
        <p className="muted" role="status">
          {result.hits.length
            ? t('search.results', { count: result.hits.length })
            : t('search.none', { query: result.query })}
        </p>
      )}
      <ul className="search-hits">
        {result?.hits.map((hit) => (
          <li key={hit.meetingRowId} className="card">
            <div className="card-header">
              <h2>{hit.title}</h2>
              <span className="muted">
                {hit.unit} · {hit.heldOn}
              </span>
            </div>
            <Snippet text={hit.snippet} />
            <RecordButtons
              buttons={[
                {
                  label: t('search.open'),
                  channel: 'collection:file',
                  input: { meetingRowId: hit.meetingRowId },
                  unsigned: true,
                },
              ]}
            />
          </li>
        ))}
      </ul>
      <VerifyCard />
    </section>
  );
}
