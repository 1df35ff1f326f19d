// The browser-safe part of the package: the definition schema, its logic checks, answer-time
// evaluation, the core questionnaire and question bank, the contrast check. Client components
// (the visual builder and its live preview) import this entry, which pulls in neither Prisma nor
// node:crypto (the main entry's token and key helpers do).
export * from "./definition";
export { checkLogicGraph, type LogicIssue, type LogicIssueCode } from "./logic-check";
export * from "./answers";
export * from "./core-questionnaire";
export * from "./core-lock";
export * from "./contrast";
