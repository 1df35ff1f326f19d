// Fixtures for the public survey pages' tests: a tenant with a real data key, a venue, a show, an
// ended performance, an active survey (the core questionnaire) and one sent invitation whose long
// token and short code are both known.
import { randomBytes, randomUUID } from "node:crypto";
import { createDatabase, withTenant, type Database } from "@rappel/db";
import { createTestDatabase, type TestDatabase } from "@rappel/db/testing";
import { createTestTenant } from "@rappel/ignition-import/testing";
import { loadEnv } from "@rappel/config";
import { masterKeyFromEnv } from "@rappel/personal-data";
import { createCoreDefinition, createInvitationToken, createShortCode, hashToken, type TSurveyDefinition } from "@rappel/survey";
import { loadSurveyKeys } from "@rappel/survey/store";

/**
 * A fresh test database, and the environment the public pages' code reads through loadEnv()
 * (set before its first call) pointing at it.
 */
export async function openPublicTestDatabase(): Promise<{ testDb: TestDatabase; db: Database }> {
  const testDb = await createTestDatabase("rappel_web_test");
  Object.assign(process.env, {
    DATABASE_URL: testDb.appUrl,
    MIGRATION_DATABASE_URL: testDb.ownerUrl,
    MASTER_KEY: randomBytes(32).toString("base64"),
    MASTER_KEY_ID: "mk1",
    AUTH_SECRET: randomBytes(32).toString("base64"),
    REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379/1",
  });
  return { testDb, db: createDatabase(testDb.appUrl, { max: 4 }) };
}

export interface PublicWorld {
  tenantId: string;
  linkNumber: number;
  venueId: string;
  showId: string;
  performanceId: string;
  surveyId: string;
  invitationId: string;
  token: string;
  code: string;
}

export async function createPublicWorld(db: Database, options: { definition?: TSurveyDefinition; performanceStartsAt?: Date } = {}): Promise<PublicWorld> {
  // The key the code under test unwraps with (survey-keys-cache.ts reads the same).
  const master = masterKeyFromEnv(loadEnv());
  const tenantId = await createTestTenant(db, master);
  return withTenant(db, tenantId, async (tx) => {
    const { linkNumber } = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { linkNumber: true } });
    const venue = await tx.venue.create({ data: { tenantId, name: "Grande salle", capacity: 800 } });
    const show = await tx.show.create({ data: { tenantId, title: "Le Misanthrope", genre: "theatre" } });
    const startsAt = options.performanceStartsAt ?? new Date(Date.now() - 86_400_000);
    const performance = await tx.performance.create({
      data: { tenantId, showId: show.id, venueId: venue.id, startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000), capacity: 800 },
    });
    const spectator = await tx.spectator.create({ data: { tenantId } });
    const survey = await tx.survey.create({ data: { tenantId, name: "Après le spectacle", status: "active" } });
    await tx.surveyVersion.create({ data: { tenantId, surveyId: survey.id, version: 1, definition: (options.definition ?? createCoreDefinition()) as object } });
    const keys = await loadSurveyKeys(tx, tenantId, master);
    const invitationId = randomUUID();
    const token = createInvitationToken(keys.tokenKey, tenantId, invitationId);
    const code = createShortCode(keys.tokenKey, linkNumber, invitationId);
    await tx.surveyInvitation.create({
      data: {
        tenantId, id: invitationId, surveyId: survey.id, spectatorId: spectator.id, performanceId: performance.id, performanceIds: [performance.id],
        tokenHash: hashToken(token), shortHash: hashToken(code), status: "sent", scheduledFor: startsAt, sentAt: new Date(),
      },
    });
    return { tenantId, linkNumber, venueId: venue.id, showId: show.id, performanceId: performance.id, surveyId: survey.id, invitationId, token, code };
  });
}
