import { caseSections, caseSectionTitles, type CaseContent } from '../../shared/domain/case';
import type { FontFiles } from './font-files';
import { RecordDocument, type RecordSeal } from './pdf-document';

/** 典型案例 as an A4 page set: title, the three sections, the submitting unit. */
export function casePdf(content: CaseContent, fonts: FontFiles, seal?: RecordSeal): Promise<Buffer> {
  const pdf = new RecordDocument(fonts, { title: content.title, author: content.unit });
  pdf.text('幸福议事亭典型案例', { size: 10, color: '#667085', align: 'center' }).rule();
  pdf.space(0.4).text(content.title, { size: 18, bold: true, align: 'center' }).space(0.8);
  for (const section of caseSections) {
    pdf.space(0.4).text(caseSectionTitles[section], { size: 14, bold: true }).space(0.2);
    for (const line of content[section].split('\n').filter((l) => l.trim())) {
      pdf.text(line, { size: 12, indent: 24 });
    }
  }
  pdf.space(1.2).text(`报送单位：${content.unit}`, { size: 12, align: 'right' });
  return pdf.finish(seal);
}
