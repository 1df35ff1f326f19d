// Minimal typings for the `smpp` package (it ships none): only what this package uses.
declare module "smpp" {
  import type { EventEmitter } from "node:events";
  export interface PDU {
    command: string;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    response(options?: Record<string, unknown>): PDU;
  }
  export interface Session extends EventEmitter {
    send(pdu: PDU, callback?: (pdu: PDU) => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
    bind_transceiver(options: Record<string, unknown>, callback?: (pdu: PDU) => void): boolean;
    submit_sm(options: Record<string, unknown>, callback?: (pdu: PDU) => void): boolean;
    deliver_sm(options: Record<string, unknown>, callback?: (pdu: PDU) => void): boolean;
    unbind(options?: Record<string, unknown>, callback?: (pdu: PDU) => void): boolean;
  }
  export interface Server extends EventEmitter {
    listen(port: number, host?: string, callback?: () => void): Server;
    close(callback?: () => void): void;
    address(): { port: number } | string | null;
  }
  export function connect(options: { url: string; auto_enquire_link_period?: number; debug?: boolean }, listener?: () => void): Session;
  export function createServer(options: Record<string, unknown>, listener: (session: Session) => void): Server;
  export const ESME_ROK: number;
  export const ESME_RTHROTTLED: number;
  export const ESME_RINVDSTADR: number;
  export const ESME_RBINDFAIL: number;
  const smpp: { connect: typeof connect; createServer: typeof createServer; ESME_ROK: number; ESME_RTHROTTLED: number; ESME_RINVDSTADR: number };
  export default smpp;
}
