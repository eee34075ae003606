/**
 * patterns: the lines that tie to a table: its caption (`Table 1. …`, `Fig 2: …`, `表 1 …`) and its notes
 * (`Source: …`, `Note: …`, a `*` footnote). Shared by caption.ts and the detectors, which meet them inside a table's
 * own block (an HTML title row, a caption line above aligned text, `\caption{}` beside a `tabular`).
 */
export const captionPattern =
  /^((?:table|tab\.|fig\.?|figure|chart|map|exhibit|bảng|hình|tabelle|abbildung|表|图)\s*\d+(?:[-.]\d+)*)\s*[.:—–-]?\s*(.*)$/iu;
export const notePattern = /^(?:sources?|notes?|nguồn|quelle|anmerkung|источник|资料来源|来源|注)\s*[:：]|^[*†‡]\s*\S/iu;
/** A caption that says the table goes on from the page before: `Table 1 (continued)`, `Table 1 (cont.)`. */
export const continuedPattern = /\((?:continued|cont(?:'d|\.|inued)?|fortsetzung|tiếp theo|续(?:表)?)\)\s*\.?$|\b(?:continued|fortsetzung)\s*\.?$|续表/iu;

/** Labels of a totals row, in the languages we meet. */
export const totalLabel =
  /^(?:grand )?(?:total|totals|sum|summe|gesamt|insgesamt|totaal|totale|tổng|tổng cộng|tổng số|合计|总计|總計|合計|всего|итого|total général)\s*:?$/iu;

/** A page number alone: `12`, `- 12 -`, `Page 12`, `12 | 34`, `第 12 页`. */
export const pageNumber = /^(?:[-–—]\s*)?(?:page|p\.|seite|trang|стр\.|第)?\s*\d{1,4}(?:\s*(?:\/|\||of|из|von)\s*\d{1,4})?\s*(?:页|頁)?(?:\s*[-–—])?$/iu;

/** What a superscript after a figure is: a footnote mark (`12ᵃ`, `1,234¹`, `5.2***`), not part of the number. */
export const footnoteMark = /^(?:[a-z]{1,2}|\d{1,2}|[*†‡§]{1,3})$/iu;
/** A mark the number parser keeps after a figure (`1,234*`): the others leave the cell. */
export const keptMark = /^[*†‡§]+$/u;

/**
 * An anchor that links point to (`<a id="table-2"></a>`, what cleaning writes before each table): it shows nothing,
 * yet it names what follows, so it is neither empty furniture to drop nor page furniture between two table parts.
 * Read back, remark gives the opening tag as an inline node of its own.
 */
export const anchorTag = /^<a id="[^"<>]+">(?:<\/a>)?$/;
