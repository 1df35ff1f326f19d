// Parsed survey definitions, kept in this process's memory. A version is edited in place until it
// has responses (saveDefinition), so the key includes the digest of the stored JSON, which the
// page's one query reads with the invitation: an edit changes the digest and the next view parses
// the new text. Bounded: the oldest entries go first.
import { Prisma, type Tx } from "@rappel/db";
import { parseSurveyDefinition, type TSurveyDefinition } from "@rappel/survey";

const MAX_ENTRIES = 500;
const cache = new Map<string, TSurveyDefinition>();

export interface DefinitionRef {
  tenantId: string;
  surveyId: string;
  version: number;
  /** md5 of the stored definition's text, computed by PostgreSQL. */
  digest: string;
}

/** The parsed definition when this process has it (no database needed), else undefined. */
export function cachedSurveyDefinition(ref: DefinitionRef): TSurveyDefinition | undefined {
  return cache.get(`${ref.tenantId}:${ref.surveyId}:${ref.version}:${ref.digest}`);
}

export async function surveyDefinitionFor(tx: Tx, ref: DefinitionRef): Promise<TSurveyDefinition> {
  const hit = cachedSurveyDefinition(ref);
  if (hit) return hit;
  const [row] = await tx.$queryRaw<{ definition: unknown; digest: string }[]>(Prisma.sql`
    SELECT definition, md5(definition::text) AS digest FROM survey_version
     WHERE tenant_id = ${ref.tenantId}::uuid AND survey_id = ${ref.surveyId}::uuid AND version = ${ref.version}`);
  if (!row) throw new Error(`survey ${ref.surveyId} has no version ${ref.version}`);
  const definition = parseSurveyDefinition(row.definition);
  // Stored under the digest of what was parsed (an edit may have landed between the two reads).
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(`${ref.tenantId}:${ref.surveyId}:${ref.version}:${row.digest}`, definition);
  return definition;
}

/** For tests: forget every parsed definition. */
export function clearSurveyDefinitionCache(): void {
  cache.clear();
}
