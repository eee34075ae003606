/**
 * Authors: the names on the byline under the title, however the converter wrote them (one line or split over several,
 * a heading, glued to the abstract's first sentence, names and e-mails interleaved), else the names a field gives
 * (`Author:`, `Autor:`, `作者：`, `Prepared By:`, `By …`, an analyst's role heading). Never a title, a field label, a
 * bracket, an e-mail alone or a fragment of a sentence.
 */
import type { FrontLine } from './front-lines.js';
import { bylineNames, leadingNames } from './names.js';
import { isLabelLine } from './title.js';

const cjkOnly = (text: string) => !/\p{Script=Latin}/u.test(text);

/** A field that names the authors: `Author: …`, `Autor: …`, `作者：…`, `Prepared By: …`, `By …`. */
const authorFieldPattern =
  /^(?:authors?|autor(?:en|in)?|auteurs?|autore|prepared by|written by|compiled by|by|作者|著者|执笔|撰写|저자|tác giả|автор(?:ы)?)\s*(?:[:：]\s*|\s+)(\S.*)$/iu;
/** A role heading above an analyst's name: `证券分析师`, `研究助理`, `Analyst`. */
const rolePattern = /^(?:证券分析师|分析师|研究助理|研究员|联系人|首席分析师|analysts?|research analysts?)$/iu;
/** A CJK name at the start of an analyst line, before the licence number or contact fields. */
const rolesNamePattern = /^([\p{Script=Han}]{2,4})(?=\s*(?:资格|执业|证书|登记|邮箱|电话|email|tel|s\d|$))/iu;
/** A line that ends the byline: an address, an institution, an abstract or a section. */
const affiliationWord =
  /\b(?:university|universit[àéy]|department|dept\.|institute|school|college|faculty|laborator(?:y|ies)|center|centre|hospital|division|academy|inc\.|ltd|corporation)\b|大学|研究所|学院/iu;
const singleBylineSign = /^by\s|(?:^|\s)\p{Lu}\.?\s|\p{L}[\d*†‡§¹²³⁴⁵⁶⁷⁸⁹]|\^|\\|[\p{Script=Han}\p{Script=Hangul}]/u;
const markLine = /^[\p{Ll}\d*†‡§¶#✉,;\s]{1,12}$/u;
const emailLine = /^\S*@\S+$|^\{?[\w.,\s-]+\}?\s*@\s*[\w.-]+$/u;

/** Names a field line gives (`作者：王小明 李四`, `Autor: Max Muster`), or null. */
function fieldNames(text: string): string[] | null {
  const match = authorFieldPattern.exec(text);
  if (!match) return null;
  const value = match[1]!.trim();
  const cjk = value.split(/[\s、，,；;]+/u).filter((part) => /^[\p{Script=Han}\p{Script=Hangul}]{2,4}$/u.test(part));
  if (cjk.length > 0) return cjk;
  return bylineNames(value);
}

/** The byline's names from the line after the title on, up to the abstract, an affiliation or body text. */
function bylineAfter(lines: FrontLine[], start: number): string[] {
  const names: string[] = [];
  let junk = 0;
  for (let index = start; index < lines.length && index < start + 40; index++) {
    const line = lines[index]!;
    const text = line.text;
    if (line.kind === 'table' || line.kind === 'list') break;
    if (isLabelLine(text)) break;
    // A heading is a byline only in a Latin script (`## B. Amick, PhD and K. Shankardass`), never a CJK section title.
    const found = line.kind === 'heading' && cjkOnly(text) ? null : bylineNames(text);
    // One name alone is a byline only with a sign of one: an initial (`N Roe`, `J. K. Roe`), a mark, or `By`; two
    // capitalised words under a title are as often a subtitle or a region (`North Region`).
    if (found && found.length === 1 && names.length === 0 && !line.marked && !singleBylineSign.test(text)) break;
    if (found) {
      names.push(...found);
      continue;
    }
    if (names.length === 0) {
      const glued = leadingNames(text);
      if (glued) return glued;
    }
    if (markLine.test(text) || emailLine.test(text)) continue;
    // A short footnote between names (`Work done during an internship at …`).
    if (names.length > 0 && text.length <= 80 && /\.$/.test(text) && !affiliationWord.test(text)) continue;
    if (names.length > 0 || affiliationWord.test(text) || text.length > 200 || line.kind === 'heading') break;
    // A stray fragment between title and byline (`(eee`): a line or two of OCR noise, no more.
    if (text.length > 12 || ++junk > 2) break;
  }
  return names;
}

/** Names given by a field or under an analyst's role heading anywhere in the front lines. */
function fieldAuthors(lines: FrontLine[]): string[] {
  const names: string[] = [];
  lines.forEach((line, index) => {
    const fromField = fieldNames(line.text);
    if (fromField) names.push(...fromField);
    if (rolePattern.test(line.text)) {
      const name = rolesNamePattern.exec(lines[index + 1]?.text ?? '');
      if (name) names.push(name[1]!);
    }
  });
  return [...new Set(names)];
}

/** The document's authors in order: the byline under the title, else the names its fields give. */
export function findAuthors(lines: FrontLine[], titleEnd: number): string[] {
  const byline = titleEnd === -1 ? [] : bylineAfter(lines, titleEnd);
  return byline.length > 0 ? byline : fieldAuthors(lines);
}
