// Separate entry point: only the worker listens for mail; the web app never loads smtp-server.
export { startInboundReceiver, type InboundMessage, type InboundReceiver, type InboundReceiverOptions } from "./inbound-receiver";
