import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnMapping, RosterField, RosterImportResult, RosterPreview } from '../../../shared/roster-import';
import { rosterFields } from '../../../shared/roster-import';
import { call } from '../../api/client';
import { fileToBase64 } from '../../api/files';
import { ErrorNote } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { useResidents } from '../../stores/residents';

type Picked = { fileName: string; data: string };

/** Pick a file, check the column mapping and the bad rows, then confirm: nothing is written before that. */
export function ImportDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [file, setFile] = useState<Picked | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping | undefined>();
  const [includeIdNumbers, setIncludeIdNumbers] = useState(false);
  const [preview, setPreview] = useState<RosterPreview | null>(null);
  const [result, setResult] = useState<RosterImportResult | null>(null);

  const check = useAction(async (picked: Picked, next: { mapping?: ColumnMapping; includeIdNumbers: boolean }) => {
    setPreview(null);
    const answer = await call('roster:preview', { ...picked, ...next });
    setPreview(answer);
    setMapping(answer.mapping);
  });
  const confirm = useAction(async () => {
    if (!file) return;
    setResult(await call('roster:import', { ...file, mapping, includeIdNumbers }));
    await useResidents.getState().refresh();
  });

  useEffect(() => dialog.current?.showModal(), []);

  async function pick(chosen: File | undefined) {
    if (!chosen) return;
    const picked = { fileName: chosen.name, data: await fileToBase64(chosen) };
    setFile(picked);
    setMapping(undefined);
    void check.run(picked, { includeIdNumbers });
  }

  function remap(field: RosterField, column: number | null) {
    if (!file || !mapping) return;
    const next = { ...mapping, [field]: column };
    void check.run(file, { mapping: next, includeIdNumbers });
  }

  const mappedColumn = (index: number) => (mapping ? rosterFields.find((f) => mapping[f] === index) : undefined);

  return (
    <dialog ref={dialog} className="dialog wide" onClose={onClose} aria-labelledby="import-title">
      <h2 id="import-title">{t('import.title')}</h2>
      {result ? (
        <>
          <p className="success-note" role="status">
            {t('import.done', result)}
          </p>
          <div className="form-actions">
            <button className="button primary" autoFocus onClick={onClose}>
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
              <h3>{t('import.mapping')}</h3>
              <div className="mapping-grid">
                {rosterFields.map((field) => (
                  <label key={field} className="field">
                    <span className="field-label">{t(`import.fields.${field}`)}</span>
                    <select
                      aria-label={t(`import.fields.${field}`)}
                      value={mapping[field] ?? ''}
                      onChange={(e) => remap(field, e.target.value === '' ? null : Number(e.target.value))}
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
                    checked={includeIdNumbers}
                    onChange={(e) => {
                      setIncludeIdNumbers(e.target.checked);
                      if (file) void check.run(file, { mapping, includeIdNumbers: e.target.checked });
                    }}
                  />
                  {t('import.idNumbers')}
                </label>
              )}
              <h3>{t('import.sample')}</h3>
              <div className="table-scroll">
                <table className="table compact">
                  <thead>
                    <tr>
                      <th>{t('import.row')}</th>
                      {preview.headers.map((header, index) => (
                        <th key={index} className={mappedColumn(index) ? 'mapped' : 'unmapped'}>
                          {header}
                          {mappedColumn(index) && (
                            <span className="mapped-as">→ {t(`import.fields.${mappedColumn(index)!}`)}</span>
                          )}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {preview.sample.map((row, r) => (
                      <tr key={r} className={preview.problems.some((p) => p.line === r + 2) ? 'bad' : undefined}>
                        <td className="muted">{r + 2}</td>
                        {preview.headers.map((_h, c) => (
                          <td key={c} className={mappedColumn(c) ? '' : 'unmapped'}>
                            {row[c] ?? ''}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p className="summary" role="status">
                {t('import.summary', {
                  creates: preview.creates,
                  updates: preview.updates,
                  problems: preview.problemCount,
                })}
              </p>
              {preview.problems.length > 0 && (
                <>
                  <h3>{t('import.problems')}</h3>
                  <ul className="problems" aria-label={t('import.problems')}>
                    {preview.problems.map((p) => (
                      <li key={p.line}>{t('import.problem', { line: p.line, reason: p.reason })}</li>
                    ))}
                  </ul>
                </>
              )}
            </>
          )}
          <div className="form-actions">
            <button className="button" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button
              className="button primary"
              disabled={!preview || preview.valid === 0 || confirm.busy}
              onClick={() => void confirm.run()}
            >
              {confirm.busy ? t('common.saving') : t('import.confirm', { count: preview?.valid ?? 0 })}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
