export * from "./permissions";
export * from "./areas";
export { renderPermissionMatrix } from "./matrix-doc";
