/**
 * embed-images: a source's HTML with its `mdbrief-image:` references (made by markdown-html.ts from relative paths)
 * swapped for the checked image bytes, so the printed page loads nothing; an unusable image becomes its text.
 */
import type { Element, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { visit } from 'unist-util-visit';
import { imageScheme, type ResolvedImage } from '../images.js';

/** The image paths the HTML refers to (relative to the sources folder), in order, once each. */
export function imageReferences(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(new RegExp(`<img src="${imageScheme}:([^"]*)"`, 'g'))) found.add(decodeURIComponent(match[1]!));
  return [...found];
}

/**
 * Embedded image data a source's appendix may carry, counted per reference (each is its own copy in the HTML): an
 * image of 10 MB shown 60 times made a string longer than V8 allows and took the whole build down.
 */
export const maxEmbeddedBytes = 24 * 1024 * 1024;

/**
 * The HTML with each reference swapped for its image, or for its alternative text when it could not be used or would
 * take the references past `budget` characters of `data:` URLs; `skipped` counts those over the budget.
 */
export function embedImages(html: string, images: ReadonlyMap<string, ResolvedImage>, budget: number = maxEmbeddedBytes): { html: string; skipped: number } {
  if (!html.includes(`"${imageScheme}:`)) return { html, skipped: 0 };
  const tree: HastRoot = fromHtml(html, { fragment: true });
  let used = 0;
  let skipped = 0;
  visit(tree, 'element', (element: Element, index, parent) => {
    const src = element.properties['src'];
    if (element.tagName !== 'img' || typeof src !== 'string' || !src.startsWith(`${imageScheme}:`) || !parent || index === undefined) return;
    const image = images.get(decodeURIComponent(src.slice(imageScheme.length + 1)));
    if (image && 'dataUrl' in image && used + image.dataUrl.length <= budget) {
      used += image.dataUrl.length;
      element.properties['src'] = image.dataUrl;
      return;
    }
    if (image && 'dataUrl' in image) skipped++;
    const alt = typeof element.properties['alt'] === 'string' ? element.properties['alt'] : '';
    parent.children.splice(index, 1, { type: 'element', tagName: 'em', properties: {}, children: [{ type: 'text', value: alt ? `[image: ${alt}]` : '[image]' }] });
  });
  return { html: toHtml(tree), skipped };
}
