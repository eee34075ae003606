/**
 * Title: what a reader would call the document's title, found line by line among its first blocks. A short line in
 * the document's language; never a paragraph, a series banner, a journal or publisher line, a running header, a
 * contents heading, a field label, a caption or a numbered section. A page excerpt (the file starts mid-sentence, on a
 * table, a caption or a numbered section) has none, unless a title with its byline stands further down the page.
 */
import type { FrontLine } from './front-lines.js';
import { furnitureLinePattern, looksLikeJournalName } from './front-matter.js';
import { bylineNames } from './names.js';

export interface TitleChoice {
  /** The title's first line (index into the front lines). */
  first: number;
  /** The line after the title's last line. */
  next: number;
  text: string;
}

type LineKind = 'candidate' | 'skip' | 'stop';

/** Contents headings in the languages we meet. */
const contentsPattern = /^(?:(?:table of )?contents|inhalt(?:sverzeichnis)?|sommaire|table des matières|índice|indice|sumário|mục lục|目录|目錄|目次|содержание|فهرست|المحتويات)$/iu;
/** Headings of an article's parts and a report's usual sections: never the title. */
const partPattern =
  /^(?:abstract|summary|executive summary|résumé|resumen|zusammenfassung|tóm tắt|аннотация|摘要|要旨|introduction|background|references|bibliography|acknowledge?ments?|keywords?|key words|highlights|article info|article history|orders?|notes?|disclaimer|appendix|chapter \d+|section \d+|第[\d一二三四五六七八九十]+[章節节部編编])\b/iu;
/** Labels, ratings and roles printed above or beside a title: issue sections, broker ratings, analyst roles. */
const labelPattern =
  /^(?:data article|research articles?|original (?:research )?articles?|review articles?|reviews?|articles?|short communications?|editorial|case stud(?:y|ies)|commentary|letter|industry watch|买入|增持|持有|中性|减持|卖出|推荐|谨慎推荐|强烈推荐|证券分析师|分析师|研究助理|联系人|相关研究|投资要点|市场表现|报告摘要)(?:\s*[（(][^)）]*[)）])?$/iu;
/** A field written as `Label: value` or `标签：值`: `Report ID: …`, `所属行业：…`, `Prepared By: …`. */
const fieldPattern = /^(?:[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{2,8}(?:[（(][^)）]{1,6}[)）])?\s*[：:]|\p{L}+(?: \p{L}+){0,2}:(?:\s+\S+){1,5}$)/u;
/** A page banner a converter or script wrote: `--- Page 3 ---`, `=====`, `-----Page 0`, `Page 1 of 2`. */
const journalCitationPattern = /\(\d{4}\)\s*\d+\s*[–-]\s*\d+|\b\d{4};\s*\d+(?:\(\d+\))?:\s*\d+|contents lists available|journal homepage/iu;
const bannerPattern = /^(?:[-=_*#~]{3,}.*|.*(?:page|seite|trang)\s*\d+\s*(?:of\s*\d+)?\s*[-=]*|[-–—=]+\s*\d+\s*[-–—=]*|\d+(?:[./]\d+)*)$/iu;
/** A caption: `Table 1`, `Table: …`, `Fig. 2`, `TABLE 35:`, `图表I-4-1-1`, `表 3`. */
const captionPattern = /^(?:table|tab\.|tabelle|tableau|bảng|fig\.?|figure|hình|chart|map|graph|exhibit|图表|圖表|表|图|図表|図)\s*(?:[\dIVX]|:)/iu;
/** A numbered section's heading: `3 Training Details`, `5. Conclusion`, `2.1 Methods`, `1 主要な…`. */
const numberedPattern = /^\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+\S/u;
/** What a document is, printed as its title on a report's cover: `Annual Report`, `FORM 10-Q`, `年度报告`, `BÁO CÁO …`. */
const documentKindPattern =
  /\b(?:form\s+\d+-?[a-z]{0,2}|(?:annual|interim|quarterly|financial|sustainability)\s+(?:report|statements?)|report|white paper|datasheet)\b|报告|報告|年報|年报|白書|白皮书|báo cáo|jahresabschluss|geschäftsbericht|lagebericht|rapport annuel|informe anual/iu;
/** Function words a title line can end on before the converter broke it. */
const openEnd = /(?:[:,–—-]|\b(?:and|or|of|the|for|in|on|with|to|from|a|an|via|by|und|der|die|des|für|et|de|la|du|y|del))$/iu;

const letters = (text: string) => (text.match(/\p{L}/gu) ?? []).length;
const cjkLetters = (text: string) => (text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu) ?? []).length;
const words = (text: string) => text.split(/\s+/).filter((word) => /\p{L}{2}/u.test(word));

/** A line of body text: a sentence or several, or a long run of words. */
function isBody(text: string): boolean {
  if (text.length > 300) return true;
  return text.length > 120 && /[.!?。]["”’)]?$/u.test(text);
}

/** A line of a wrapped paragraph that reads as a sentence: many words, most of them lower-case. */
function isSentenceLine(line: FrontLine): boolean {
  if (line.kind === 'heading' || line.lines < 2) return false;
  const all = line.text.split(/\s+/);
  const lower = all.filter((word) => /^\p{Ll}/u.test(word)).length;
  return all.length >= 12 && lower / all.length >= 0.6;
}

/** A row of a flattened table: mostly numbers, marks and short codes. */
function isDataRow(text: string): boolean {
  const tokens = text.split(/\s+/);
  const numeric = tokens.filter((token) => /^[-+(]?(?=[\d.,%]*\d)[\d.,%]+[)%]?$|^[✗✓×OX]$/u.test(token)).length;
  return tokens.length >= 4 && numeric / tokens.length >= 0.5;
}

/** Too little to be a title: a single Latin word, a stray fragment, a number. */
function tooSmall(text: string): boolean {
  const cjk = cjkLetters(text);
  if (cjk > 0) return cjk < 4;
  const tokens = text.split(/\s+/).filter((token) => /\p{L}/u.test(token));
  return tokens.length < 2 || letters(text) < 5;
}

/** A line with next to no words: a number, a percentage, a stray fragment. Many before any title: a page of data. */
function isNoise(text: string): boolean {
  return letters(text) === 0 || (cjkLetters(text) === 0 && text.split(/\s+/).filter((token) => /\p{L}{2}/u.test(token)).length < 2);
}

function classify(line: FrontLine): LineKind {
  const text = line.text;
  if (line.kind === 'table') return 'stop';
  if (line.kind === 'list' || line.kind === 'code') return 'skip';
  if (text === '' || bannerPattern.test(text) || letters(text) === 0) return 'skip';
  if (contentsPattern.test(text) || labelPattern.test(text)) return 'skip';
  if (furnitureLinePattern.test(text) || looksLikeJournalName(text) || journalCitationPattern.test(text) || /@|https?:|www\./i.test(text)) return 'skip';
  // A numbered list of related reports (`1.《…》，2022.4.29`): a side panel of the cover.
  if (/^\d{1,2}[.、]\s*《/u.test(text)) return 'skip';
  if (captionPattern.test(text) || numberedPattern.test(text) || partPattern.test(text)) return 'stop';
  if (isSentenceLine(line)) return 'stop';
  // A line that starts in the middle of a sentence continues the previous page.
  if (/^\p{Ll}{2}/u.test(text) && (line.line === 0 || line.kind === 'heading')) return 'stop';
  if (isBody(text)) return 'stop';
  // A heading of one word (`# Seizures`) can be a title; a stray word or number on a line of its own cannot.
  if (fieldPattern.test(text) || (line.kind === 'heading' ? letters(text) === 0 : tooSmall(text))) return 'skip';
  if (isDataRow(text)) return 'stop';
  return 'candidate';
}

/** The title's text from its first line: a line the converter broke is joined with its continuation. */
function titleFrom(lines: FrontLine[], first: number): TitleChoice {
  const head = lines[first]!;
  let text = head.text;
  let next = first + 1;
  // A short block of title-like lines (`Cooperation Against Human` / `Trafficking at the Border`) is one title.
  const block = lines.filter((line) => line.block === head.block);
  const wholeBlock = head.line === 0 && block.length > 1 && block.length <= 3 && block.reduce((sum, line) => sum + line.text.length, 0) <= 250;
  if (wholeBlock && block.every((line, at) => classify(line) === 'candidate' && (at === 0 || !bylineNames(line.text)))) {
    return { first, next: first + block.length, text: block.map((line) => line.text).join(' ').replace(/\s+/g, ' ').trim() };
  }
  const following = lines[next];
  if (following && following.block === head.block && following.kind === head.kind && classify(following) === 'candidate') {
    const continues =
      openEnd.test(text) ||
      (/^\p{Ll}/u.test(following.text) && following.text.length <= 40) ||
      (text.length >= 60 && following.text.length <= 80 && !/[|.]/.test(following.text) && !bylineNames(following.text));
    if (continues) {
      text = `${text} ${following.text}`;
      next += 1;
    }
  }
  return { first, next, text: text.replace(/\s+/g, ' ').trim() };
}

/** The next line after `index` that is not skipped, or -1. */
function nextMeaningful(lines: FrontLine[], index: number): number {
  for (let at = index; at < lines.length; at++) if (classify(lines[at]!) !== 'skip') return at;
  return -1;
}

/** A title a byline follows: found anywhere in the front lines, even on a page that starts mid-sentence. */
function anchoredTitle(lines: FrontLine[]): TitleChoice | null {
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index]!.text;
    if (classify(lines[index]!) !== 'candidate' || words(text).length < 3 || /[.|]$|\|/.test(text)) continue;
    const choice = titleFrom(lines, index);
    const byline = lines[choice.next];
    if (!byline || byline.kind === 'heading' || byline.kind === 'list') continue;
    const names = bylineNames(byline.text);
    if (names && names.some((name) => name.includes(' '))) return choice;
  }
  return null;
}

/**
 * A report's cover names the issuer before the document (`HOA PHAT` / `CÔNG TY …` / `BÁO CÁO TÀI CHÍNH`): when a
 * short issuer line is followed, before any body text, by a line saying what the document is, that line is the title.
 */
function documentKindAfter(lines: FrontLine[], first: number): number {
  const names = (text: string) => documentKindPattern.test(text) && words(text).length <= 10 && !/[.!?。]$/u.test(text);
  if (names(lines[first]!.text)) return first;
  let seen = 0;
  for (let index = first + 1; index < lines.length && seen < 5; index++) {
    const kind = classify(lines[index]!);
    if (kind === 'stop') return first;
    if (kind === 'skip') continue;
    seen += 1;
    if (names(lines[index]!.text)) return index;
    if (words(lines[index]!.text).length > 10) return first;
  }
  return first;
}

/** A line followed by a chapter or section marker (`第1節`, `Chapter 4`) is the running header of a book's page. */
function isRunningHeader(lines: FrontLine[], index: number): boolean {
  const next = lines.slice(index + 1, index + 3);
  return next.some((line) => /^(?:第[\d一二三四五六七八九十]+[章節节]|chapter \d+|section \d+)$/iu.test(line.text));
}

/** A sub-heading, or one naming a table, that the table right after it belongs to: its caption, not a title. */
function isTableCaption(lines: FrontLine[], index: number): boolean {
  const line = lines[index]!;
  const next = lines[index + 1];
  const captionLike = line.depth >= 2 || /\b(?:table|tabelle|tableau|bảng)\b|表$/iu.test(line.text);
  return line.kind === 'heading' && next?.kind === 'table' && captionLike;
}

/** The title among the front lines, or null for a document without one (a page excerpt). */
export function chooseTitle(lines: FrontLine[]): TitleChoice | null {
  const cover = coverTitle(lines);
  // A title a byline follows wins over a cover line of a few words: the running head of the page before
  // (`Advocacy in Action`) often stands above a new article.
  if (cover && (lines[cover.first]!.kind === 'heading' || words(cover.text).length > 3)) return cover;
  return anchoredTitle(lines) ?? cover;
}

/** The first title-like line of the cover, or null when the document starts on data, a caption or mid-sentence. */
function coverTitle(lines: FrontLine[]): TitleChoice | null {
  let first = nextMeaningful(lines, 0);
  const noise = lines.slice(0, first === -1 ? lines.length : first).filter((line) => isNoise(line.text)).length;
  if (noise > 4) return null;
  // A letterhead or a cover's side panel laid out as a table: the title is the level-1 heading after it.
  while (first !== -1 && lines[first]!.kind === 'table') {
    const after = nextMeaningful(lines, first + 1);
    if (after === -1 || lines[after]!.depth !== 1 || classify(lines[after]!) !== 'candidate') return null;
    first = after;
  }
  if (first === -1 || classify(lines[first]!) !== 'candidate') return null;
  // A heading on a table opening the file is the table's caption; after a letterhead, the form's title.
  const caption = lines[first - 1]?.kind !== 'table' && isTableCaption(lines, first);
  if (isRunningHeader(lines, first) || caption || isTableHeader(lines, first)) return null;
  // A cover's journal and publisher lines stand above the title heading: the first heading before the body wins.
  let at = firstHeading(lines, first) ?? first;
  // Banners and issuer lines before the title: an ALL-CAPS heading of a word or two followed by another heading.
  while (isBannerHeading(lines, at)) {
    const next = nextMeaningful(lines, at + 1);
    if (next === -1 || classify(lines[next]!) !== 'candidate') break;
    at = next;
  }
  return titleFrom(lines, documentKindAfter(lines, at));
}

/** The first candidate heading from `first` on, before any line that ends the cover, or null. */
function firstHeading(lines: FrontLine[], first: number): number | null {
  for (let index = first; index < lines.length; index++) {
    const kind = classify(lines[index]!);
    if (kind === 'stop') return null;
    if (kind === 'candidate' && lines[index]!.kind === 'heading') return index;
  }
  return null;
}

/** Whether a line is a label, a role, a contents or part heading: never a title, never a name. */
export function isLabelLine(text: string): boolean {
  return contentsPattern.test(text) || labelPattern.test(text) || partPattern.test(text);
}

/** A line the rows of a flattened table follow: the table's header. */
function isTableHeader(lines: FrontLine[], index: number): boolean {
  const next = lines[index + 1];
  return next !== undefined && isDataRow(next.text);
}

function isBannerHeading(lines: FrontLine[], index: number): boolean {
  const line = lines[index]!;
  const next = lines[index + 1];
  const caps = /\p{Lu}/u.test(line.text) && line.text === line.text.toUpperCase();
  return line.kind === 'heading' && next?.kind === 'heading' && caps && words(line.text).length <= 3 && !documentKindPattern.test(line.text);
}
