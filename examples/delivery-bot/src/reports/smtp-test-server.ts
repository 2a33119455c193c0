import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A real SMTP server on loopback (smtp-server), keeping every message it accepts, parsed. */
export async function startSmtp(auth: { user: string; pass: string }) {
  const received: ParsedMail[] = [];
  const logins: string[] = [];
  let refuseNext = 0;
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(a, _session, callback) {
      logins.push(a.username ?? "");
      if (a.username === auth.user && a.password === auth.pass) callback(null, { user: a.username });
      else callback(new Error("Invalid username or password"));
    },
    onData(stream, _session, callback) {
      if (refuseNext > 0) {
        refuseNext--;
        stream.resume();
        const error = Object.assign(new Error("Try again later"), { responseCode: 451 });
        stream.on("end", () => callback(error));
        return;
      }
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://${auth.user}:${auth.pass}@127.0.0.1:${port}`,
    received,
    logins,
    refuse(n: number) {
      refuseNext = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
