// Suggests a mapping from header names alone, in French or English, with a confidence per
// column. Each target goes to at most one column (the best-scoring one); a column that lost its
// best target to another is reported as a conflict, so nothing is merged or dropped silently.
import { headerTokens } from "./header-normalise";
import { TARGETS, type FileKind, type TargetField } from "./targets";
import type { TColumnMapping } from "./column-mapping";

export interface ColumnSuggestion {
  header: string;
  /** The suggested target, or null when nothing matched well enough (or it was taken). */
  target: string | null;
  /** 0–1: 1 is a known header name, ~0.7 a known name plus extra words. */
  confidence: number;
  /** The best target this column lost to another column, if any. */
  conflict?: { target: string; takenBy: string; confidence: number };
}

export interface MappingSuggestion {
  mapping: TColumnMapping;
  columns: ColumnSuggestion[];
}

/** Below this a match is a guess not worth proposing. */
export const MIN_CONFIDENCE = 0.5;

interface Candidate {
  column: number;
  target: string;
  score: number;
}

const synonymTokenCache = new Map<TargetField, string[][]>();

function synonymTokens(target: TargetField): string[][] {
  let tokens = synonymTokenCache.get(target);
  if (!tokens) {
    tokens = [...target.synonyms, target.label.fr, target.label.en].map(headerTokens);
    synonymTokenCache.set(target, tokens);
  }
  return tokens;
}

/**
 * Similarity of a header to one synonym: 1 when they have the same words; otherwise the share of
 * the synonym's words found in the header, discounted by the header's extra words ("E-mail
 * acheteur" vs "email": 0.675), capped at 0.9 so a real match always wins.
 */
export function similarity(headerWords: readonly string[], synonymWords: readonly string[]): number {
  if (headerWords.length === 0 || synonymWords.length === 0) return 0;
  const h = new Set(headerWords);
  const s = new Set(synonymWords);
  let overlap = 0;
  for (const w of s) if (h.has(w)) overlap++;
  if (overlap === 0) return 0;
  if (overlap === h.size && overlap === s.size) return 1;
  const containment = overlap / s.size;
  const precision = overlap / h.size;
  return 0.9 * containment * (0.5 + 0.5 * precision);
}

export function suggestMapping(kind: FileKind, headers: readonly string[]): MappingSuggestion {
  const targets = Object.entries(TARGETS[kind]) as [string, TargetField][];
  const candidates: Candidate[] = [];
  headers.forEach((header, column) => {
    const words = headerTokens(header);
    for (const [target, field] of targets) {
      let score = 0;
      for (const synonym of synonymTokens(field)) score = Math.max(score, similarity(words, synonym));
      if (score >= MIN_CONFIDENCE) candidates.push({ column, target, score });
    }
  });
  // Best pairs first; on a tie the leftmost column wins (exports put the main field first).
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);

  const columns: ColumnSuggestion[] = headers.map((header) => ({ header, target: null, confidence: 0 }));
  const takenTargets = new Map<string, number>();
  for (const c of candidates) {
    const column = columns[c.column]!;
    if (column.target !== null) continue;
    const holder = takenTargets.get(c.target);
    if (holder !== undefined) {
      column.conflict ??= { target: c.target, takenBy: headers[holder]!, confidence: round2(c.score) };
      continue;
    }
    column.target = c.target;
    column.confidence = round2(c.score);
    takenTargets.set(c.target, c.column);
  }
  // A conflict only matters if the column ended up with nothing better than the target it lost.
  for (const column of columns) {
    if (column.conflict && column.target !== null && column.confidence >= column.conflict.confidence) delete column.conflict;
  }

  const mapped: Record<string, string> = {};
  for (const column of columns) if (column.target) mapped[column.target] = column.header;
  return { mapping: { version: 1, kind, columns: mapped } as TColumnMapping, columns };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
