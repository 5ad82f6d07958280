/**
 * One layout, two formats: a record is laid out once by pdfkit (line breaking, pages, the footer), and this
 * recorder writes down what pdfkit draws — every text fragment with each character's position, every filled or
 * stroked path, every image — in millimetres from the page's top left, as OFD places objects. The OFD copy is
 * then the same pages as the PDF, character for character, instead of a second layout that drifts.
 */
export type Rgb = [number, number, number];

export type PlacedText = {
  /** Baseline of the first character, mm from the page's top left. */
  x: number;
  y: number;
  /** The font file the characters are set in (what pdfkit was given). */
  font: string;
  /** Em size in mm. */
  size: number;
  color: Rgb;
  text: string;
  /** Advance after each character but the last, mm. */
  deltaX: number[];
};

export type PlacedPath = {
  /** Sub-paths as point lists (mm); closed when filled. */
  shapes: { points: [number, number][]; closed: boolean }[];
  fill: Rgb | null;
  stroke: Rgb | null;
  lineWidth: number;
};

export type PlacedImage = { x: number; y: number; width: number; height: number; png: Buffer };

export type PageLayout = {
  width: number;
  height: number;
  texts: PlacedText[];
  paths: PlacedPath[];
  images: PlacedImage[];
};

export const mm = (pt: number) => Math.round(pt * (25.4 / 72) * 1000) / 1000;

type Fragment = (this: Doc, text: string, x: number, y: number, options: object) => void;
type EncodedFont = { encode(text: string, features?: unknown): [string[], { xAdvance: number }[]] };
type Doc = PDFKit.PDFDocument & {
  _fragment: Fragment;
  _font: EncodedFont;
  _fontSize: number;
  _fillColor?: [unknown, number?];
  _normalizeColor(color: unknown): number[] | null;
  page: PDFKit.PDFPage;
};
type GraphicsState = { fill: Rgb; stroke: Rgb; lineWidth: number };

const black: Rgb = [0, 0, 0];

/**
 * Watch a pdfkit document (pinned to pdfkit 0.20's internals: `_fragment`, `_font.encode`, the vector
 * methods) and return a function giving every page's layout once the document is complete.
 */
export function recordLayout(pdfkitDoc: PDFKit.PDFDocument): () => PageLayout[] {
  const doc = pdfkitDoc as Doc;
  const pages = new Map<PDFKit.PDFPage, PageLayout>();
  const order: PDFKit.PDFPage[] = [];
  const fontFiles = new Map<unknown, string>();
  let state: GraphicsState = { fill: black, stroke: black, lineWidth: mm(1) };
  const stack: GraphicsState[] = [];
  let path: PlacedPath['shapes'] = [];

  const layout = () => {
    let page = pages.get(doc.page);
    if (!page) {
      page = { width: mm(doc.page.width), height: mm(doc.page.height), texts: [], paths: [], images: [] };
      pages.set(doc.page, page);
      order.push(doc.page);
    }
    return page;
  };
  const rgb = (color: unknown): Rgb => {
    const parts = doc._normalizeColor(color);
    return parts?.length === 3 ? (parts.map((p) => Math.round(p * 255)) as Rgb) : black;
  };

  const wrap = <K extends keyof Doc>(name: K, after: (...args: never[]) => void) => {
    const original = doc[name] as (...args: unknown[]) => unknown;
    (doc as unknown as Record<string, unknown>)[name as string] = function (this: Doc, ...args: unknown[]) {
      const result = original.apply(this, args);
      (after as (...a: unknown[]) => void)(...args);
      return result;
    };
  };

  wrap('font', (src: unknown) => {
    if (typeof src === 'string') fontFiles.set(doc._font, src);
  });
  wrap('fillColor', (color: unknown) => (state = { ...state, fill: rgb(color) }));
  wrap('strokeColor', (color: unknown) => (state = { ...state, stroke: rgb(color) }));
  wrap('lineWidth', (width: number) => (state = { ...state, lineWidth: mm(width) }));
  wrap('save', () => stack.push(state));
  wrap('restore', () => (state = stack.pop() ?? state));
  wrap('moveTo', (x: number, y: number) => path.push({ points: [[mm(x), mm(y)]], closed: false }));
  wrap('lineTo', (x: number, y: number) => path.at(-1)?.points.push([mm(x), mm(y)]));
  wrap('rect', (x: number, y: number, w: number, h: number) => {
    const [l, t, r, b] = [mm(x), mm(y), mm(x + w), mm(y + h)];
    path.push({
      points: [
        [l, t],
        [r, t],
        [r, b],
        [l, b],
      ],
      closed: true,
    });
  });
  const paint = (fill: boolean, stroke: boolean) => {
    if (!path.length) return;
    layout().paths.push({
      shapes: fill ? path.map((s) => ({ ...s, closed: true })) : path,
      fill: fill ? state.fill : null,
      stroke: stroke ? state.stroke : null,
      lineWidth: state.lineWidth,
    });
    path = [];
  };
  wrap('fill', () => paint(true, false));
  wrap('stroke', () => paint(false, true));
  wrap('image', (src: unknown, x: number, y: number, options: { width?: number; height?: number } = {}) => {
    if (!Buffer.isBuffer(src) || options.width === undefined) return;
    const height = options.height ?? options.width;
    layout().images.push({ x: mm(x), y: mm(y), width: mm(options.width), height: mm(height), png: src });
  });

  const fragment = doc._fragment;
  doc._fragment = function (this: Doc, text, x, y, options) {
    const font = this._font;
    const runs: { text: string; advances: number[] }[] = [];
    let origin: [number, number] | null = null;
    const encode = font.encode;
    const addContent = this.addContent;
    font.encode = (value, features) => {
      const result = encode.call(font, value, features);
      runs.push({ text: value, advances: result[1].map((p) => (p.xAdvance * this._fontSize) / 1000) });
      return result;
    };
    this.addContent = (data: string) => {
      const tm = /^1 0 0 1 (-?[\d.]+) (-?[\d.]+) Tm$/.exec(data);
      if (tm && !origin) origin = [Number(tm[1]), this.page.height - Number(tm[2])];
      return addContent.call(this, data);
    };
    try {
      fragment.call(this, text, x, y, options);
    } finally {
      font.encode = encode;
      this.addContent = addContent;
    }
    const chars = runs.flatMap((r) => [...r.text]);
    const advances = runs.flatMap((r) => r.advances);
    if (!origin || !chars.length) return;
    // One glyph per character is the rule for Chinese records; a ligature (rare, Latin) keeps its first advance.
    const deltaX = chars.slice(0, -1).map((_, i) => mm(advances[i] ?? 0));
    layout().texts.push({
      x: mm(origin[0]),
      y: mm(origin[1]),
      font: fontFiles.get(font) ?? '',
      size: mm(this._fontSize),
      color: rgb(this._fillColor?.[0]),
      text: chars.join(''),
      deltaX,
    });
  };

  return () => order.map((page) => pages.get(page)!);
}
