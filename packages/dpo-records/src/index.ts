export * from "./registers/schemas";
export { readEntryForm, type FormInput } from "./registers/form";
export { diffDocuments, type FieldChange } from "./registers/diff";
export { generateProcessorRecord, mergeRegenerated, detectApps, isInEea, DEFAULT_VENDOR, type TenantConfiguration, type VendorProfile, type AppKey } from "./registers/generate-processor-record";
export { DEFAULT_CONTROLLER_ACTIVITIES } from "./registers/controller-defaults";
export { DpoRecordError } from "./errors";
export * from "./store/documents";
export * from "./store/controller-register";
export * from "./store/processor-register";
