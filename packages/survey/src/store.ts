// Parts that need the database and the tenant's keys (kept out of the main entry so client
// components can import the schema without pulling in Prisma).
export { createSurveyKeys, loadSurveyKeys, type SurveyKeys } from "./survey-keys";
