// Performances and shows are compared on the current version's questions, but their responses
// may have been given to older versions. An older answer counts when its version asked the same
// question (same stable id, same type); otherwise it is left out, and the question is reported as
// not comparable so the page can say its figures only cover the versions that asked it.
import type { TAnswers } from "./answers";
import { isComparableType } from "./compare";
import { allQuestions, type TLocalisedText, type TSurveyDefinition } from "./definition";

export interface NotComparableQuestion {
  id: string;
  title: TLocalisedText;
  /** False for a question of an older version that the current one no longer asks (left out). */
  inCurrent: boolean;
  /** The older versions, among the compared responses, that did not ask it as the current one does. */
  versions: number[];
}

type Definitions = ReadonlyMap<number, Pick<TSurveyDefinition, "pages">>;

/** `rows` with each older answer kept only where its version asked the current question. */
export function alignToCurrentVersion<R extends { version: number; answers: TAnswers }>(
  rows: readonly R[],
  definitions: Definitions,
  currentVersion: number,
): { rows: R[]; notComparable: NotComparableQuestion[] } {
  const current = definitions.get(currentVersion);
  if (!current) throw new Error(`survey version ${currentVersion} is not loaded`);
  const currentQuestions = allQuestions(current);
  const typeNow = new Map(currentQuestions.map((q) => [q.id, q.type]));
  const older = [...new Set(rows.map((r) => r.version))].filter((v) => v !== currentVersion).sort((a, b) => a - b);

  // Per older version, the ids whose answers mean the same thing as in the current version.
  const sameIds = new Map<number, Set<string>>();
  const notComparable = new Map<string, NotComparableQuestion>();
  const flag = (id: string, title: TLocalisedText, inCurrent: boolean, version: number) => {
    const entry = notComparable.get(id) ?? { id, title, inCurrent, versions: [] };
    entry.versions.push(version);
    notComparable.set(id, entry);
  };
  for (const version of older) {
    const asked = definitions.get(version) ? allQuestions(definitions.get(version)!) : [];
    const same = new Set(asked.filter((q) => typeNow.get(q.id) === q.type).map((q) => q.id));
    sameIds.set(version, same);
    for (const q of currentQuestions) if (isComparableType(q.type) && !same.has(q.id)) flag(q.id, q.title, true, version);
    for (const q of asked) if (isComparableType(q.type) && !typeNow.has(q.id)) flag(q.id, q.title, false, version);
  }

  const aligned = rows.map((row) => {
    const same = sameIds.get(row.version);
    if (!same) return row;
    const answers = Object.fromEntries(Object.entries(row.answers).filter(([id]) => same.has(id)));
    return { ...row, answers };
  });
  return { rows: aligned, notComparable: [...notComparable.values()] };
}
