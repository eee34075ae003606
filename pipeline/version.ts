/** mdbrief's version: printed by `--version`, stored in the PDF's Creator. */
export const version = '0.1.0';

/** Set by the bundle (scripts/build.ts) to the digest of the code it was made from. */
declare const __MDBRIEF_CODE__: string | undefined;

/**
 * The code that made a result: the bundle's digest of pipeline/ and the lockfile (scripts/code-digest.ts), or
 * `unbundled` when the TypeScript runs as is (the tests). A version number alone stays the same across commits.
 */
export const code = typeof __MDBRIEF_CODE__ === 'string' ? __MDBRIEF_CODE__ : 'unbundled';

/** What every cache entry and the manifest are keyed on: results of other code are never reused. */
export const cacheIdentity = `${version}+${code}`;
