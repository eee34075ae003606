/**
 * origin: the address mdbrief's documents are served from, on its own so the analysis worker can name it without
 * loading the printer. `.invalid` can never resolve, so a leaked request goes nowhere.
 */
export const documentOrigin = 'https://mdbrief.invalid';
