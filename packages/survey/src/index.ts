export * from "./definition";
export { checkLogicGraph, type LogicIssue } from "./logic-check";
export * from "./answers";
export * from "./nps";
export * from "./tagger";
export * from "./paris-time";
export * from "./dispatch-plan";
export * from "./core-questionnaire";
export * from "./contrast";
