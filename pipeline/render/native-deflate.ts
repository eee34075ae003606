/**
 * native-deflate: pdf-lib compresses its object streams (and embedded fonts) with pako, a JavaScript port of zlib.
 * Node's own zlib makes the same kind of stream (zlib format, default level) in a fraction of the time: saving a
 * 1,672-page briefing spent about 0.24 s in pako. pdf-lib calls `pako.deflate` at each stream it writes, so the one
 * function is replaced on the module they share; pako's inflate, which fontkit uses, is left alone.
 */
import { deflateSync } from 'node:zlib';
import pako from 'pako';

const pakoDeflate = pako.deflate;

function deflate(data: pako.Data, options: pako.DeflateFunctionOptions & { to: 'string' }): string;
function deflate(data: pako.Data, options?: pako.DeflateFunctionOptions): Uint8Array;
/** What pdf-lib asks (bytes, default options) goes to node:zlib; anything else to pako as before. */
function deflate(data: pako.Data, options?: pako.DeflateFunctionOptions): Uint8Array | string {
  if (options === undefined && data instanceof Uint8Array) return deflateSync(data);
  return pakoDeflate(data, options);
}

/** Makes pdf-lib deflate with node:zlib from now on (idempotent). */
export function useNativeDeflate(): void {
  pako.deflate = deflate;
}
