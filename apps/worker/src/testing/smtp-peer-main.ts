// The SMTP peer of the benchmarks as a process of its own, as a production relay would be: in
// the benchmark's process, its parsing competed with the nodemailer loop it measures. It prints
// its port, then one line per accepted message with its envelope recipients, and one line
// "aborted <recipients> <terminator arrived: 0|1> <reset: 0|1>" per message whose connection
// closed before it was accepted.
import { startSmtpPeer } from "@rappel/mail/testing";

// Lines go out every few milliseconds, not one write per message: a write to a pipe is a
// system call, and at a thousand messages a second those were a good part of the peer's CPU.
let pending: string[] = [];
const flush = () => {
  if (pending.length === 0) return;
  process.stdout.write(pending.join(""));
  pending = [];
};
const flusher = setInterval(flush, 5);
const peer = await startSmtpPeer({
  keep: "envelope",
  onMessage: (mail) => pending.push(`${mail.envelope.to.join(",")}\n`),
  onAborted: (aborted) =>
    pending.push(`aborted ${aborted.to.join(",")} ${Number(aborted.terminatorArrived)} ${Number(aborted.reset)}\n`),
});
process.stdout.write(`port ${peer.port}\n`);
process.on("SIGTERM", () => {
  void peer.stop().then(() => {
    clearInterval(flusher);
    flush();
    process.stdout.write("", () => process.exit(0));
  });
});
