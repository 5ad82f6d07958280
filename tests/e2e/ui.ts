import type { Locator, Page } from '@playwright/test';

/** How wide the page really is: wider than the window means it scrolls sideways. */
export const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');

// These run in the page; the Node-side tsconfig has no DOM types, hence the narrow casts.
type Rect = { top: number };
type BrowserDocument = { createRange(): { selectNodeContents(node: unknown): void; getClientRects(): Rect[] } };

/** How many lines an element's text takes: 1 when nothing wraps. */
export const lineCount = (target: Locator) =>
  target.evaluate((element) => {
    const range = (globalThis as unknown as { document: BrowserDocument }).document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
  });

/** Drop files onto the window as a file manager would: a drop event carrying Files, wherever the pointer is. */
export async function drop(page: Page, files: { name: string; bytes: Buffer; type?: string }[]) {
  const payload = files.map((f) => ({ name: f.name, data: f.bytes.toString('base64'), type: f.type ?? '' }));
  const transfer = await page.evaluateHandle((list) => {
    // The page's own DataTransfer (this file is type-checked without the DOM library).
    type Transfer = { items: { add(file: File): void } };
    const dt = new (globalThis as unknown as { DataTransfer: new () => Transfer }).DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: f.type }));
    }
    return dt;
  }, payload);
  await page.dispatchEvent('main', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
}
