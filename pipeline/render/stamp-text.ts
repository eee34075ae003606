/**
 * Stamp text: the running header and page-number stamps in any script. The stamp font (Noto Sans: Latin, Greek,
 * Cyrillic, Vietnamese) draws what it can; a character it lacks is drawn with the first installed Noto face that has
 * it (Arabic, Hebrew, CJK, …), each embedded as a subset only when a stamp needs it (CFF faces as a Type 3 font of
 * the glyphs used: type3-font.ts). Right-to-left runs are shaped
 * whole (joined Arabic letters, visual order) and a right-to-left text's runs are laid out from the right.
 */
import { readFile } from 'node:fs/promises';
import type Fontkit from '@pdf-lib/fontkit';
import { PDFName, type PDFDocument, type PDFFont, type PDFRef } from 'pdf-lib';
import { fontFromCollection, isCollection } from './font-collection.js';
import { embedType3 } from './type3-font.js';

type Face = ReturnType<typeof Fontkit.create>;

/** Installed faces tried in order for what the stamp font lacks (fonts-noto-core, fonts-noto-cjk). */
export const fallbackFontFiles = [
  '/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf',
  '/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf',
  '/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf',
  '/usr/share/fonts/truetype/noto/NotoSansArmenian-Regular.ttf',
  '/usr/share/fonts/truetype/noto/NotoSansGeorgian-Regular.ttf',
];
/** In a collection, the Simplified Chinese face: it draws Chinese, Japanese kana and Korean Hangul alike. */
const collectionFont = 'NotoSansCJKsc-Regular';

export interface StampFont {
  /** Resource name the content streams use. */
  name: PDFName;
  ref: PDFRef;
  has(code: number): boolean;
  /** The text as a PDF hex string in the font's codes: shaped (joined Arabic, right-to-left in visual order). */
  encode(text: string): string;
  widthOfTextAtSize(text: string, size: number): number;
}

/** A pdf-lib font (TrueType outlines: subset by pdf-lib) as a stamp font. */
function fromPdfFont(name: PDFName, font: PDFFont, face: Face): StampFont {
  return {
    name,
    ref: font.ref,
    has: (code) => face.hasGlyphForCodePoint(code),
    encode: (text) => font.encodeText(text).toString(),
    widthOfTextAtSize: (text, size) => font.widthOfTextAtSize(text, size),
  };
}

export interface StampRun {
  font: StampFont;
  text: string;
}

export interface StampFonts {
  fonts: StampFont[];
  /** The runs of a text, in drawing order, each in the font that has its characters. */
  runs(text: string): StampRun[];
  /** Width of runs at a size, in points. */
  width(runs: StampRun[], size: number): number;
}

const rtlPattern = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u;
const strongPattern = /[\p{L}]/u;

/** Faces read once per process: a build assembles the briefing and each brief alone, and the CJK file is 19 MB. */
const loadedFaces = new Map<string, Promise<{ bytes: Uint8Array; face: Face } | null>>();

/** A fallback face, parsed: a collection's Chinese face copied out as a font of its own. */
function loadFace(fontkit: typeof Fontkit, file: string): Promise<{ bytes: Uint8Array; face: Face } | null> {
  return loadedFaces.get(file) ?? loadedFaces.set(file, readFace(fontkit, file)).get(file)!;
}

async function readFace(fontkit: typeof Fontkit, file: string): Promise<{ bytes: Uint8Array; face: Face } | null> {
  try {
    let bytes: Uint8Array = new Uint8Array(await readFile(file));
    if (isCollection(bytes)) {
      const collection = fontkit.create(bytes) as unknown as { fonts: Face[] };
      const index = Math.max(0, collection.fonts.findIndex((font) => font.postscriptName === collectionFont));
      bytes = fontFromCollection(bytes, index);
    }
    return { bytes, face: fontkit.create(bytes) };
  } catch {
    // A face that is not installed or cannot be read: the next one is tried.
    return null;
  }
}

/**
 * The stamp fonts for these texts: the stamp font, and the fallback faces the texts need, embedded as subsets tagged
 * `MDBSTQ+`, `MDBSTR+`, … (the stamp font is `MDBSTP+`).
 */
export async function stampFonts(
  doc: PDFDocument,
  fontkit: typeof Fontkit,
  primary: { font: PDFFont; face: Face; name: PDFName },
  texts: string[],
  files: string[] = fallbackFontFiles,
): Promise<StampFonts> {
  const fonts: StampFont[] = [fromPdfFont(primary.name, primary.font, primary.face)];
  const missing = new Set<number>();
  const used = new Set<string>(['…', ' ', '·']);
  for (const text of texts) {
    for (const char of text.normalize('NFC')) {
      const code = char.codePointAt(0)!;
      used.add(char);
      if (!/\s/u.test(char) && !primary.face.hasGlyphForCodePoint(code)) missing.add(code);
    }
  }
  for (const file of files) {
    if (missing.size === 0) break;
    const loaded = await loadFace(fontkit, file);
    if (!loaded) continue;
    const covers = [...missing].filter((code) => loaded.face.hasGlyphForCodePoint(code));
    if (covers.length === 0) continue;
    const tag = `MDBST${String.fromCharCode(81 + fonts.length - 1)}`;
    const name = PDFName.of(`MdbriefStamp${fonts.length}`);
    const subsetName = `${tag}+${loaded.face.postscriptName}`;
    // CFF outlines (the CJK faces) go in a Type 3 font of the glyphs used: pdf-lib's CFF subsets do not open.
    if (String.fromCharCode(...loaded.bytes.subarray(0, 4)) === 'OTTO') {
      const type3 = embedType3(doc, loaded.face, used, subsetName);
      fonts.push({ name, ...type3 });
    } else {
      const font = await doc.embedFont(loaded.bytes, { subset: true, customName: subsetName });
      fonts.push(fromPdfFont(name, font, loaded.face));
    }
    for (const code of covers) missing.delete(code);
  }
  return { fonts, runs: (text) => runsOf(text, fonts), width: (runs, size) => runs.reduce((sum, run) => sum + run.font.widthOfTextAtSize(run.text, size), 0) };
}

/** The font for a character: the stamp font if it has it, else the first fallback that does, else none. */
function fontFor(char: string, fonts: StampFont[]): StampFont | undefined {
  const code = char.codePointAt(0)!;
  return fonts.find((font) => font.has(code));
}

function runsOf(text: string, fonts: StampFont[]): StampRun[] {
  const runs: StampRun[] = [];
  for (const char of text.normalize('NFC')) {
    const last = runs.at(-1);
    // Spaces and marks between letters stay in the run they stand in when its font has them: fewer font switches,
    // and an Arabic phrase is shaped as one run.
    const neutral = !strongPattern.test(char);
    if (last && neutral && last.font.has(char.codePointAt(0)!)) {
      last.text += char;
      continue;
    }
    const font = fontFor(char, fonts);
    // A character no installed face has is left out, as before, rather than drawn as an empty box.
    if (!font) continue;
    if (last && last.font === font) last.text += char;
    else runs.push({ font, text: char });
  }
  // A right-to-left text (its first letter is Arabic or Hebrew) lays its runs out from the right.
  const firstStrong = [...text].find((char) => strongPattern.test(char));
  const rtl = firstStrong !== undefined && rtlPattern.test(firstStrong);
  // Spaces ending a run that is drawn reversed (a right-to-left run, or any run of a right-to-left text) would land on
  // the wrong side of it: they become a run of their own, in the stamp font.
  const spaced = runs.flatMap((run): StampRun[] => {
    const trailing = /\s+$/u.exec(run.text);
    if (!trailing || trailing.index === 0 || !(rtl || rtlPattern.test(run.text))) return [run];
    return [{ font: run.font, text: run.text.slice(0, trailing.index) }, { font: fonts[0]!, text: trailing[0] }];
  });
  return rtl ? spaced.reverse() : spaced;
}

/** Shortens text with an ellipsis to fit a width (binary search: measuring is slow). */
export function fitRuns(fonts: StampFonts, text: string, size: number, maxWidth: number): StampRun[] {
  const chars = [...text.normalize('NFC')];
  const whole = fonts.runs(chars.join(''));
  if (fonts.width(whole, size) <= maxWidth) return whole;
  const cut = (count: number) => fonts.runs(`${chars.slice(0, count).join('').trimEnd()}…`);
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fonts.width(cut(middle), size) <= maxWidth) low = middle;
    else high = middle - 1;
  }
  return cut(low);
}

const pdfNumber = (value: number) => String(Number(value.toFixed(3)));

/** Content operators drawing runs from x, y at a size: one text object per run. */
export function runOperators(runs: StampRun[], size: number, x: number, y: number): string {
  let at = x;
  return runs
    .map((run) => {
      const operators = `BT ${run.font.name.asString()} ${size} Tf 1 0 0 1 ${pdfNumber(at)} ${pdfNumber(y)} Tm ${run.font.encode(run.text)} Tj ET`;
      at += run.font.widthOfTextAtSize(run.text, size);
      return operators;
    })
    .join(' ');
}
