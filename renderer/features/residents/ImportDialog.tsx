import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ColumnMapping,
  RosterImportResult,
  RosterLayout,
  RosterPreview,
  RowProblem,
} from '../../../shared/roster-import';
import { rosterFields } from '../../../shared/roster-import';
import { call } from '../../api/client';
import { fileToBase64 } from '../../api/files';
import { Modal } from '../../components/Dialog';
import { ErrorNote } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { useResidents } from '../../stores/residents';

type Picked = { fileName: string; data: string };
/** A header row picked without saying how many rows it takes lets the main side tell. */
type Choice = { layout?: Partial<RosterLayout>; mapping?: ColumnMapping; includeIdNumbers: boolean };

/** A row as one line of text: a title merged over every column reads once, not eight times. */
const rowText = (cells: string[]) =>
  cells
    .map((c) => c.trim())
    .filter((c, i, all) => c && c !== all[i - 1])
    .join(' · ');

/**
 * Pick a file; check where the headers are, which column is what, and every problem by its Excel row; then
 * confirm. Nothing is written before that.
 */
export function ImportDialog({ initial, onClose }: { initial?: File; onClose(): void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const [file, setFile] = useState<Picked | null>(null);
  const [choice, setChoice] = useState<Choice>({ includeIdNumbers: false });
  const [preview, setPreview] = useState<RosterPreview | null>(null);
  const [result, setResult] = useState<RosterImportResult | null>(null);

  // A quick second choice (another header row) must not be overwritten by the answer to the first.
  const asked = useRef(0);
  const check = useAction(async (picked: Picked, next: Choice) => {
    setChoice(next);
    const ticket = ++asked.current;
    const answer = await call('roster:preview', {
      ...picked,
      headerRow: next.layout?.headerRow,
      headerRows: next.layout?.headerRows,
      mapping: next.mapping,
      includeIdNumbers: next.includeIdNumbers,
    });
    if (ticket === asked.current) setPreview(answer);
  });
  const confirm = useAction(async () => {
    if (!file || !preview) return;
    const { layout, mapping } = preview;
    setResult(
      await call('roster:import', {
        ...file,
        headerRow: layout.headerRow,
        headerRows: layout.headerRows,
        mapping,
        includeIdNumbers: choice.includeIdNumbers,
      }),
    );
    await useResidents.getState().refresh();
  });

  // A roster dropped onto the window (or opened from the OS) starts at the preview.
  useEffect(() => {
    if (initial) void pick(initial);
  }, [initial]); // eslint-disable-line react-hooks/exhaustive-deps

  async function pick(chosen: File | undefined) {
    if (!chosen) return;
    const picked = { fileName: chosen.name, data: await fileToBase64(chosen) };
    setFile(picked);
    setPreview(null);
    void check.run(picked, { includeIdNumbers: choice.includeIdNumbers });
  }

  const again = (next: Partial<Choice>) => file && void check.run(file, { ...choice, ...next });
  const mapping = preview?.mapping;
  const mappedColumn = (index: number) => (mapping ? rosterFields.find((f) => mapping[f] === index) : undefined);
  const problemsOf = (line: number) => preview?.problems.filter((p) => p.line === line) ?? [];

  return (
    <Modal labelledBy={titleId} className="dialog wide" onClose={onClose}>
      <h2 id={titleId}>{t('import.title')}</h2>
      {result ? (
        <>
          <p className="success-note" role="status">
            {t('import.done', result)}
          </p>
          <div className="form-actions">
            <button className="button primary" data-autofocus onClick={onClose}>
              {t('import.close')}
            </button>
          </div>
        </>
      ) : (
        <>
          <label className="file-pick">
            <span>{file ? file.fileName : t('import.choose')}</span>
            <input
              type="file"
              accept=".xlsx,.csv,.txt,.xls"
              aria-label={t('import.choose')}
              onChange={(e) => void pick(e.target.files?.[0])}
            />
          </label>
          <p className="muted small">{t('import.formats')}</p>
          <ErrorNote message={check.error ?? confirm.error} />
          {check.busy && <p className="muted">{t('import.reading')}</p>}
          {preview && mapping && (
            <>
              <p className="muted">{t('import.encoding', { encoding: preview.encoding })}</p>
              <div className="header-pick">
                <label className="field">
                  <span className="field-label">{t('import.headerRow')}</span>
                  <select
                    aria-label={t('import.headerRow')}
                    value={preview.layout.headerRow}
                    onChange={(e) => again({ layout: { headerRow: Number(e.target.value) }, mapping: undefined })}
                  >
                    {preview.topRows.map((row) => (
                      <option key={row.line} value={row.line}>
                        {t('import.rowOption', { line: row.line, text: [...rowText(row.cells)].slice(0, 60).join('') })}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={preview.layout.headerRows === 2}
                    onChange={(e) =>
                      again({
                        layout: { headerRow: preview.layout.headerRow, headerRows: e.target.checked ? 2 : 1 },
                        mapping: undefined,
                      })
                    }
                  />
                  {t('import.twoRows', { first: preview.layout.headerRow, second: preview.layout.headerRow + 1 })}
                </label>
              </div>
              <h3>{t('import.mapping')}</h3>
              {mapping.name === null && (
                <p className="error-note" role="alert">
                  {t('import.pickName')}
                </p>
              )}
              <div className="mapping-grid">
                {rosterFields.map((field) => (
                  <label key={field} className="field">
                    <span className="field-label">{t(`import.fields.${field}`)}</span>
                    <select
                      aria-label={t(`import.fields.${field}`)}
                      value={mapping[field] ?? ''}
                      onChange={(e) =>
                        again({
                          layout: preview.layout,
                          mapping: { ...mapping, [field]: e.target.value === '' ? null : Number(e.target.value) },
                        })
                      }
                    >
                      <option value="">{t('import.none')}</option>
                      {preview.headers.map((header, index) => (
                        <option key={index} value={index}>
                          {header || t('import.column', { n: index + 1 })}
                        </option>
                      ))}
                    </select>
                  </label>
                ))}
              </div>
              {preview.hasIdNumbers && (
                <label className="check">
                  <input
                    type="checkbox"
                    checked={choice.includeIdNumbers}
                    onChange={(e) => again({ layout: preview.layout, mapping, includeIdNumbers: e.target.checked })}
                  />
                  {t('import.idNumbers')}
                </label>
              )}
              <h3>{t('import.sample')}</h3>
              {/* Wider than the dialog: focusable so the keyboard can scroll it too. */}
              <div className="table-scroll" tabIndex={0} role="region" aria-label={t('import.sample')}>
                <table className="table compact" aria-label={t('import.sample')}>
                  <thead>
                    <tr>
                      <th>{t('import.row')}</th>
                      {preview.headers.map((header, index) => (
                        <th key={index} className={mappedColumn(index) ? 'mapped' : 'unmapped'}>
                          {header || t('import.column', { n: index + 1 })}
                          {mappedColumn(index) && (
                            <span className="mapped-as">→ {t(`import.fields.${mappedColumn(index)!}`)}</span>
                          )}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {preview.sample.map((row) => {
                      const found = problemsOf(row.line);
                      const state = found.some((p) => p.skipped) ? 'bad' : found.length ? 'warn' : undefined;
                      return (
                        <tr key={row.line} className={state}>
                          <td className="muted">{row.line}</td>
                          {preview.headers.map((_h, c) => (
                            <td key={c} className={mappedColumn(c) ? '' : 'unmapped'}>
                              {row.cells[c] ?? ''}
                            </td>
                          ))}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <p className="summary" role="status">
                {t('import.summary', {
                  creates: preview.creates,
                  updates: preview.updates,
                  unchanged: preview.unchanged,
                })}
                {preview.skippedCount + preview.warningCount > 0 &&
                  t('import.summaryProblems', { skipped: preview.skippedCount, warnings: preview.warningCount })}
              </p>
              <ProblemList
                title={t('import.skippedRows')}
                problems={preview.problems.filter((p) => p.skipped)}
                className="problems"
              />
              <ProblemList
                title={t('import.warnings')}
                problems={preview.problems.filter((p) => !p.skipped)}
                className="problems warnings"
              />
            </>
          )}
          <div className="form-actions">
            <button className="button" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button
              className="button primary"
              disabled={!preview || preview.valid === 0 || preview.mapping.name === null || confirm.busy}
              onClick={() => void confirm.run()}
            >
              {confirm.busy ? t('common.saving') : t('import.confirm', { count: preview?.valid ?? 0 })}
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}

function ProblemList({ title, problems, className }: { title: string; problems: RowProblem[]; className: string }) {
  const { t } = useTranslation();
  if (!problems.length) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul className={className} aria-label={title}>
        {problems.map((p, i) => (
          <li key={`${p.line}-${i}`}>{t('import.problem', { line: p.line, reason: p.reason })}</li>
        ))}
      </ul>
    </>
  );
}
