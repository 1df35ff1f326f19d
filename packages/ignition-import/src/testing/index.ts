export { createTestTenant, openAppDatabase, tempStorageDir, testMasterKey, appUrl, ownerUrl, utf8, windows1252 } from "./fixtures";
export { fixturePath, fixtureStream, importFile, queueImport } from "./run";
