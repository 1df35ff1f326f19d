// The tenant's survey keys (token key, free-text sealing), unwrapped once and kept in this
// process's memory for a few minutes, so an answer page does not unwrap the data key on every hit.
// A destroyed data key stops working here within the TTL.
import type { Tx } from "@rappel/db";
import { loadEnv } from "@rappel/config";
import { masterKeyFromEnv } from "@rappel/personal-data";
import { loadSurveyKeys, type SurveyKeys } from "@rappel/survey/store";

const TTL_MS = 5 * 60_000;
const cache = new Map<string, { keys: SurveyKeys; until: number }>();

/** The tenant's keys when this process holds them (no database needed), else undefined. */
export function cachedSurveyKeys(tenantId: string): SurveyKeys | undefined {
  const hit = cache.get(tenantId);
  return hit && hit.until > Date.now() ? hit.keys : undefined;
}

export async function surveyKeysFor(tx: Tx, tenantId: string): Promise<SurveyKeys> {
  const hit = cachedSurveyKeys(tenantId);
  if (hit) return hit;
  const keys = await loadSurveyKeys(tx, tenantId, masterKeyFromEnv(loadEnv()));
  cache.set(tenantId, { keys, until: Date.now() + TTL_MS });
  return keys;
}
