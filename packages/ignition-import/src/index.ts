// @rappel/ignition-import: Ignition's import pipeline (database side). The parsing layer is
// @rappel/ticketing-import; this package stores uploads, drives an import's life cycle, loads
// rows into the tenant's tables (worker), resolves spectators' identities, and imports the
// genre catalogue.
//
// Web app / REST API (each call inside withTenant unless it takes the Database):
//   const id = randomUUID();
//   const file = await storeImportFile({ storageDir, tenantId, importId: id, source });
//   await createImportJob(tx, { id, tenantId, kind, source: "ui", fileName, fileSize: file.size, fileSha256: file.sha256, createdById });
//   const preview = await previewImport(storageDir, tenantId, id, kind, await listMappingPresets(tx, tenantId, kind));
//   await confirmImportMapping(tx, tenantId, id, mapping, { storageDir, savePresetAs });
//   await enqueueImportFile(producer, { tenantId, importId: id });          // @rappel/jobs
//   await getImportProgress(tx, tenantId, id);  await requestImportCancel(tx, tenantId, id);
//   await listRejectedRows(tx, tenantId, id, { offset, limit, locale });
//   for await (const chunk of streamRejectedRowsCsv(db, tenantId, id, { locale })) …

export { ImportError, ImportNotFoundError, ImportStateError, ImportMappingError } from "./errors";
export { importFilePath, storeImportFile, deleteImportFile, FileTooLargeError, type StoredImportFile } from "./service/storage";
export { headerSignature } from "./service/header-signature";
export {
  createImportJob,
  getImportJob,
  confirmImportMapping,
  requestImportCancel,
  retryImport,
  getImportProgress,
  listMappingPresets,
  listImportJobs,
  mappingGaps,
  ZImportSource,
  type TNewImportJob,
  type ConfirmMappingOptions,
  type ImportProgress,
} from "./service/import-jobs";
export { previewImport, checkPreviewRows, type ImportPreview, type PresetCandidate, type PreviewRowCheck } from "./service/preview";
export { listRejectedRows, streamRejectedRowsCsv, type RejectedRowView, type RejectedRowsOptions } from "./service/rejected-rows";
export { describeImportIssues, importIssueMessages, type StoredIssue, type ImportIssueCode } from "./import-issues";
export { loadTenantSealer, configuredMasterKey, type TenantSealer } from "./tenant-keys";

// Processing (the worker's import-file job)
export { runImport, type RunImportOptions, type ImportRunResult } from "./process/run-import";
export { describeFailure, isPermanentFailure, ImportAbortedError } from "./process/failure";

// Harmonisation
export { normaliseContact, communeForPostalCode, foldPlaceName, type NormalisedContact, type ContactInput } from "./normalise/contact";
export { suspectedDomainTypo } from "./normalise/email-typos";
export { clusterIdentities, type IdentityKeys, type IdentityCluster } from "./identity/clusters";
export { mergeSpectators, undoSpectatorMerge, MergeError, type MergeResult, type MergeRule } from "./identity/merge-spectators";
export { listSpectatorMerges, undoSpectatorMergeByStaff, type MergeHistoryEntry } from "./identity/merge-history";
export { importShowCatalogue, type CatalogueImportResult } from "./catalogue/import-show-catalogue";
export { GENRES, GENRE_IDS, genreForLabel, type GenreId } from "./catalogue/genres";
export { listShowGenres, setShowGenre, ZGenreChoice, type ShowGenreRow } from "./catalogue/show-genres";
export { listVenues, getVenue, updateVenue, VenueError, ZVenueUpdate, type TVenueUpdate, type VenueRow } from "./venues/venues";
