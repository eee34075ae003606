/**
 * palette: colours and marker shapes for chart series. Okabe–Ito, safe for the common colour-vision deficiencies and
 * distinct in greyscale print when paired with a marker shape per series.
 */

/** Okabe & Ito (2008), in the order series get them. */
export const okabeIto = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'] as const;

/** Marker shapes (Chart.js point styles), one per colour, so series stay apart without colour; filled ones first. */
export const pointStyles = ['circle', 'rect', 'triangle', 'rectRot', 'rectRounded', 'crossRot', 'star', 'cross'] as const;
export type PointStyleName = (typeof pointStyles)[number];

/** Fill opacity of a partial period's bar or point. */
export const partialAlpha = 0.35;

/** The text, grid and axis colours. */
export const ink = { text: '#222222', muted: '#555555', grid: 'rgba(0, 0, 0, 0.12)', axis: 'rgba(0, 0, 0, 0.45)' } as const;

export function colourAt(index: number): string {
  return okabeIto[index % okabeIto.length]!;
}

export function pointStyleAt(index: number): PointStyleName {
  return pointStyles[index % pointStyles.length]!;
}

/** `#0072B2`, 0.35 → `rgba(0, 114, 178, 0.35)`. */
export function withAlpha(hex: string, alpha: number): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return hex;
  const [r, g, b] = [match[1]!, match[2]!, match[3]!].map((part) => Number.parseInt(part, 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/**
 * Hands out palette slots by series name, first come first served, so one name keeps one colour in every chart of a
 * table (`Cases` is blue in each panel of a grouped table).
 */
export class SeriesColours {
  private readonly slots = new Map<string, number>();

  slot(name: string): number {
    let slot = this.slots.get(name);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(name, slot);
    }
    return slot;
  }
}
