export * from "./calendar";
export * from "./retention-catalogue";
export * from "./personal-data-registry";
export * from "./purge-steps";
export * from "./purge-engine";
