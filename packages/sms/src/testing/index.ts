export { startSmscSimulator, type SmscSimulator, type SubmittedSms } from "./smsc-simulator";
