/** mdbrief's version: printed by `--version`, stored in the PDF's Creator, part of every cache key. */
export const version = '0.1.0';
