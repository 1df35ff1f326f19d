// The SMTP peer of the benchmarks as a process of its own, as a production relay would be: in
// the benchmark's process, its parsing competed with the nodemailer loop it measures. It prints
// its port, then one line per accepted message with its envelope recipients.
import { startSmtpPeer } from "@rappel/mail/testing";

const peer = await startSmtpPeer({
  keep: "envelope",
  onMessage: (mail) => process.stdout.write(`${mail.envelope.to.join(",")}\n`),
});
process.stdout.write(`port ${peer.port}\n`);
process.on("SIGTERM", () => {
  void peer.stop().then(() => process.exit(0));
});
