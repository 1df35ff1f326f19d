export { startSmtpPeer, type AbortedMail, type ReceivedMail, type SmtpPeer, type SmtpPeerOptions, type TPeerVerdict } from "./smtp-peer";
