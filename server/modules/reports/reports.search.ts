/**
 * A report's search vector. Intake writes `to_tsvector('simple', <tokens joined by
 * spaces>)`; bulk loaders (COPY) cannot call a function per row, so they send the same
 * tsvector as text. 'simple' keeps every token of our tokenizer as it is, so the
 * vector is just each token with its positions — tested against PostgreSQL's own.
 */
import { tokenize } from '../../platform/text/thai-tokenizer.ts';

/** PostgreSQL's limits: positions stop at 16383, a lexeme keeps at most 256 of them. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_LEXEME = 256;
/** Longer words are dropped by to_tsvector (with a notice) and so here. */
const MAX_LEXEME_BYTES = 2047;

/** The text of the words a report is found by: description, category names, address. */
export function searchText(description: string, category: { name_th: string; name_en: string }, address?: string | null): string {
  return `${description} ${category.name_th} ${category.name_en} ${address ?? ''}`;
}

/** to_tsvector('simple', toSearchDocument(text))::text, computed without the database. */
export function searchVectorText(text: string): string {
  const positions = new Map<string, number[]>();
  let position = 0;
  for (const token of tokenize(text)) {
    if (Buffer.byteLength(token) > MAX_LEXEME_BYTES) continue;
    position += 1;
    const list = positions.get(token);
    const at = Math.min(position, MAX_POSITION);
    if (!list) positions.set(token, [at]);
    else if (list.length < MAX_POSITIONS_PER_LEXEME && list[list.length - 1] !== at) list.push(at);
  }
  const parts: string[] = [];
  for (const [lexeme, at] of positions) parts.push(`'${lexeme.replaceAll('\\', '\\\\').replaceAll("'", "''")}':${at.join(',')}`);
  return parts.join(' ');
}
