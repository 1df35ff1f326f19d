// What browser code may import: schemas and constants only (the main entry pulls in the database).
export * from "./registers/schemas";
export { BREACH_DATA, BREACH_NATURES, type BreachData, type TBreach } from "./breaches/schemas";
