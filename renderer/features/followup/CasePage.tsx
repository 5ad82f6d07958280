import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseSections, caseText, type CaseContent, type TypicalCase } from '../../../shared/domain/case';
import { call } from '../../api/client';
import { ErrorNote, Field } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { hrefOf } from '../../stores/router';
import { RecordButtons } from '../records/RecordButtons';

/**
 * 典型案例: the write-up drafted from the topic's history. Each field is saved when the secretary leaves it,
 * so nothing typed is lost; exported as a signed A4 PDF or as plain text for a report.
 */
export function CasePage({ topicId }: { topicId: number }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState<TypicalCase | null>(null);
  const [content, setContent] = useState<CaseContent | null>(null);
  const [copied, setCopied] = useState(false);
  const loading = useAction(async () => {
    const found = await call('case:get', { topicId });
    setSaved(found);
    setContent(found.content);
  });
  const saving = useAction(async (next: CaseContent) => setSaved(await call('case:save', { topicId, content: next })));
  useEffect(() => {
    void loading.run();
  }, [loading.run]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!content || !saved) return <ErrorNote message={loading.error} />;
  const edit = (field: keyof CaseContent, value: string) => setContent({ ...content, [field]: value });
  const leave = () => {
    if (JSON.stringify(content) !== JSON.stringify(saved.content) || saved.updatedAt === null) void saving.run(content);
  };
  return (
    <section className="page" aria-labelledby="case-title">
      <a className="back-link" href={hrefOf({ page: 'topic', id: topicId })}>
        ← {t('common.back')}
      </a>
      <header className="page-header">
        <div>
          <h1 id="case-title">{t('typicalCase.title')}</h1>
          <p className="muted">{t('typicalCase.hint')}</p>
        </div>
        <span className={saved.updatedAt ? 'success-note' : 'muted'} role="status">
          {saving.busy ? t('common.saving') : saved.updatedAt ? `✓ ${t('typicalCase.saved')}` : t('typicalCase.draft')}
        </span>
      </header>
      <section className="card form case-form">
        <Field
          name="case-title"
          label={t('typicalCase.caseTitle')}
          value={content.title}
          required
          maxLength={100}
          onChange={(e) => edit('title', e.target.value)}
          onBlur={leave}
        />
        {caseSections.map((section) => (
          <label key={section} className="field" htmlFor={`case-${section}`}>
            <span className="field-label">{t(`typicalCase.${section}`)}</span>
            <textarea
              id={`case-${section}`}
              rows={Math.min(16, Math.max(5, content[section].split('\n').length + 1))}
              value={content[section]}
              maxLength={20_000}
              onChange={(e) => edit(section, e.target.value)}
              onBlur={leave}
            />
          </label>
        ))}
        <Field
          name="case-unit"
          label={t('typicalCase.unit')}
          value={content.unit}
          required
          maxLength={100}
          onChange={(e) => edit('unit', e.target.value)}
          onBlur={leave}
        />
        <ErrorNote message={saving.error} />
      </section>
      <section className="card">
        <RecordButtons
          buttons={[
            { label: t('typicalCase.exportPdf'), channel: 'case:export', input: { topicId, format: 'pdf' } },
            {
              label: t('typicalCase.exportTxt'),
              channel: 'case:export',
              input: { topicId, format: 'txt' },
              unsigned: true,
            },
          ]}
        >
          <button
            className="button"
            onClick={() => void navigator.clipboard.writeText(caseText(content)).then(() => setCopied(true))}
          >
            {t('typicalCase.copy')}
          </button>
          {copied && (
            <span className="success-note" role="status">
              ✓ {t('typicalCase.copied')}
            </span>
          )}
        </RecordButtons>
      </section>
    </section>
  );
}
