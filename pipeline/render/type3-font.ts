/**
 * Type 3 stamp fonts: the installed CJK faces have CFF outlines, and a subset of a CID-keyed CFF font written by
 * pdf-lib is one poppler and others refuse ("Embedded font file may be invalid"). For such a face the stamps use a
 * Type 3 font holding only the glyphs they draw (their outlines copied as paths), with a ToUnicode map so the text
 * still reads and searches as written.
 */
import type Fontkit from '@pdf-lib/fontkit';
import { PDFName, type PDFDocument, type PDFRef } from 'pdf-lib';

type Face = ReturnType<typeof Fontkit.create>;
type Glyph = ReturnType<Face['glyphForCodePoint']>;
/** fontkit's path keeps its commands, which its typings leave out. */
interface PathCommand {
  command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
  args: number[];
}
const commandsOf = (glyph: Glyph) => (glyph.path as unknown as { commands: PathCommand[] }).commands;

export interface Type3Font {
  ref: PDFRef;
  /** Whether the font has a glyph for the code point. */
  has(code: number): boolean;
  /** The text as a hex string of the font's one-byte codes (characters it lacks are left out). */
  encode(text: string): string;
  widthOfTextAtSize(text: string, size: number): number;
}

const number = (value: number) => String(Math.round(value * 100) / 100);

/** A glyph's outline as PDF path operators (quadratic segments raised to cubic ones). */
function pathOperators(glyph: Glyph): string {
  const out: string[] = [];
  let [x0, y0] = [0, 0];
  for (const { command, args } of commandsOf(glyph)) {
    if (command === 'moveTo' || command === 'lineTo') {
      out.push(`${number(args[0]!)} ${number(args[1]!)} ${command === 'moveTo' ? 'm' : 'l'}`);
      [x0, y0] = [args[0]!, args[1]!];
    } else if (command === 'bezierCurveTo') {
      out.push(`${args.map(number).join(' ')} c`);
      [x0, y0] = [args[4]!, args[5]!];
    } else if (command === 'quadraticCurveTo') {
      const [qx, qy, x, y] = args as [number, number, number, number];
      const c1 = [x0 + (2 / 3) * (qx - x0), y0 + (2 / 3) * (qy - y0)];
      const c2 = [x + (2 / 3) * (qx - x), y + (2 / 3) * (qy - y)];
      out.push(`${[...c1, ...c2, x, y].map(number).join(' ')} c`);
      [x0, y0] = [x, y];
    } else if (command === 'closePath') out.push('h');
  }
  return out.length > 0 ? `${out.join(' ')} f` : '';
}

const utf16Hex = (char: string) =>
  [...Buffer.from(char, 'utf16le').swap16()].map((byte) => byte.toString(16).padStart(2, '0')).join('').toUpperCase();

function toUnicode(chars: string[]): string {
  const entries = chars.map((char, code) => `<${code.toString(16).padStart(2, '0').toUpperCase()}> <${utf16Hex(char)}>`);
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<00> <FF>',
    'endcodespacerange',
    `${entries.length} beginbfchar`,
    ...entries,
    'endbfchar',
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/** A Type 3 font of the face's glyphs for these characters (at most 256; the rest are left out), named `name`. */
export function embedType3(doc: PDFDocument, face: Face, characters: Iterable<string>, name: string): Type3Font {
  const chars = [...new Set(characters)].filter((char) => face.hasGlyphForCodePoint(char.codePointAt(0)!)).slice(0, 256);
  const codes = new Map(chars.map((char, code) => [char, code]));
  const glyphs = chars.map((char) => face.glyphForCodePoint(char.codePointAt(0)!));
  const procs = doc.context.obj({});
  const differences: Array<number | PDFName> = [0];
  glyphs.forEach((glyph, code) => {
    // A space has no outline: its box is empty (fontkit gives infinities).
    const box = [glyph.bbox.minX, glyph.bbox.minY, glyph.bbox.maxX, glyph.bbox.maxY].map((value) => (Number.isFinite(value) ? value : 0));
    const body = `${number(glyph.advanceWidth)} 0 ${box.map(number).join(' ')} d1\n${pathOperators(glyph)}`;
    procs.set(PDFName.of(`g${code}`), doc.context.register(doc.context.flateStream(body)));
    differences.push(PDFName.of(`g${code}`));
  });
  const scale = 1 / face.unitsPerEm;
  const box = face.bbox;
  const font = doc.context.obj({
    Type: 'Font',
    Subtype: 'Type3',
    BaseFont: name,
    Name: name,
    FontBBox: [box.minX, box.minY, box.maxX, box.maxY],
    FontMatrix: [scale, 0, 0, scale, 0, 0],
    CharProcs: procs,
    Encoding: doc.context.obj({ Type: 'Encoding', Differences: differences }),
    FirstChar: 0,
    LastChar: Math.max(0, glyphs.length - 1),
    Widths: glyphs.map((glyph) => glyph.advanceWidth),
    Resources: doc.context.obj({}),
    ToUnicode: doc.context.register(doc.context.flateStream(toUnicode(chars))),
  });
  const advance = (char: string) => glyphs[codes.get(char)!]!.advanceWidth * scale;
  return {
    ref: doc.context.register(font),
    has: (code) => codes.has(String.fromCodePoint(code)),
    encode: (text) => `<${[...text].filter((char) => codes.has(char)).map((char) => codes.get(char)!.toString(16).padStart(2, '0')).join('')}>`,
    widthOfTextAtSize: (text, size) => [...text].filter((char) => codes.has(char)).reduce((sum, char) => sum + advance(char), 0) * size,
  };
}
