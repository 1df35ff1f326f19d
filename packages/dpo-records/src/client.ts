// What browser code may import: schemas and constants only (the main entry pulls in the database).
export * from "./registers/schemas";
export { BREACH_DATA, BREACH_NATURES, type BreachData, type TBreach } from "./breaches/schemas";
export { DPIA_PRINCIPLES, DPIA_RISKS, classifyRisk, type TDpia, type RiskZone } from "./dpias/schemas";
