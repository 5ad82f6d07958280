import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fontBytes } from '../fonts';
import { fileURLToPath } from 'node:url';

/**
 * Font subsets for OFD, by HarfBuzz's own subsetter (hb-subset, the WebAssembly build harfbuzzjs ships). An OFD
 * reader maps characters to glyphs through the embedded font's cmap, so the subset must stay a complete
 * TrueType font — fontkit's subsets (what pdfkit embeds) drop cmap, name and OS/2 and only work inside a PDF.
 */
type Exports = {
  memory: { buffer: ArrayBuffer };
  malloc(size: number): number;
  free(pointer: number): void;
  hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_or_fail(face: number, input: number): number;
};

/**
 * harfbuzzjs's WebAssembly, found the way Node finds the package: from the repository under tsx and from the
 * shell's CommonJS bundle (in a checkout and inside app.asar), where import.meta.url is empty.
 */
function wasmFile(): string {
  const from = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  return createRequire(from).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');
}
let instance: Exports | null = null;

/** The WebAssembly global (this project's Node typings leave it out). */
const wasm = (
  globalThis as unknown as {
    WebAssembly: { Module: new (bytes: Uint8Array) => object; Instance: new (module: object) => { exports: object } };
  }
).WebAssembly;

function harfbuzz(): Exports {
  instance ??= new wasm.Instance(new wasm.Module(fs.readFileSync(wasmFile()))).exports as Exports;
  return instance;
}

/** HB_MEMORY_MODE_WRITABLE: HarfBuzz may use the copy we hand it. */
const writable = 2;
/** HB_SUBSET_FLAGS_NO_HINTING: hinting instructions are most of a CJK font's size and no reader here needs them. */
const noHinting = 1;

/** A TrueType font holding exactly the glyphs for these characters (plus .notdef), with its cmap. */
export function subsetFont(file: string, text: Iterable<string>): Buffer {
  const hb = harfbuzz();
  const bytes = fontBytes(file);
  const data = hb.malloc(bytes.length);
  new Uint8Array(hb.memory.buffer).set(bytes, data);
  const blob = hb.hb_blob_create(data, bytes.length, writable, 0, 0);
  const face = hb.hb_face_create(blob, 0);
  hb.hb_blob_destroy(blob);
  const input = hb.hb_subset_input_create_or_fail();
  const unicodes = hb.hb_subset_input_unicode_set(input);
  for (const char of text) hb.hb_set_add(unicodes, char.codePointAt(0)!);
  hb.hb_subset_input_set_flags(input, noHinting);
  const subset = hb.hb_subset_or_fail(face, input);
  hb.hb_subset_input_destroy(input);
  hb.hb_face_destroy(face);
  if (!subset) {
    hb.free(data);
    throw new Error(`font subset failed: ${path.basename(file)}`);
  }
  const result = hb.hb_face_reference_blob(subset);
  const offset = hb.hb_blob_get_data(result, 0);
  const length = hb.hb_blob_get_length(result);
  const out = Buffer.from(new Uint8Array(hb.memory.buffer, offset, length));
  hb.hb_blob_destroy(result);
  hb.hb_face_destroy(subset);
  hb.free(data);
  return out;
}
