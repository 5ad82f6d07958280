import type { FontFiles } from '../font-files';

/**
 * The PDF/A-3b archive copy (ISO 19005-3, adopted as GB/T 23286.3-2021): pdfkit 0.20 writes the XMP metadata
 * with pdfaid part 3 / conformance B and an sRGB IEC61966-2.1 output intent when asked for the subset, and
 * PDF 1.7 is what part 3 is based on. The default font is our embedded Noto Sans SC, so pdfkit never falls
 * back to a standard Type 1 font that is not embedded (clause 6.2.11.4.1 wants every font embedded).
 */
export const archiveOptions = (fonts: FontFiles): PDFKit.PDFDocumentOptions => ({
  pdfVersion: '1.7',
  subset: 'PDF/A-3b',
  font: fonts.regular,
});

/** The file name of the record's machine-readable copy inside the archive PDF. */
export const archiveJsonName = 'record.json';

/**
 * Embed the record's canonical JSON as an associated file of the document (clause 6.8: AFRelationship, a MIME
 * type, referenced from the catalog's /AF), so the archive holds the machine-readable record inside the human one.
 */
export function attachRecordJson(doc: PDFKit.PDFDocument, json: string, at: Date): void {
  // @types/pdfkit lacks `relationship` (AFRelationship), which pdfkit 0.20 writes.
  const options = {
    name: archiveJsonName,
    type: 'application/json',
    relationship: 'Data',
    description: '会议记录的规范化 JSON（内容哈希按此计算）',
    creationDate: at,
    modifiedDate: at,
  };
  doc.file(Buffer.from(json, 'utf8'), options as PDFKit.Mixins.PDFAttachmentOptions);
}
