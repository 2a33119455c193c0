import type { Logger } from "@toktok-example/shared";
import nodemailer from "nodemailer";

/** One e-mail of a report: HTML with its plain-text part, and the PDF attached. */
export interface ReportMail {
  subject: string;
  html: string;
  text: string;
  pdf: { filename: string; content: Buffer };
}

/** Options of {@link createReportMailer}. */
export interface ReportMailerOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465` (TLS from the start). */
  smtpUrl: string;
  to: readonly string[];
  /** Default `TokTok <rapports@HOST>`, HOST the SMTP server's. */
  from?: string;
  logger: Logger;
  /** Tries per mail (default 4) and the first wait, doubled each time (default 2 000 ms). */
  retry?: { attempts?: number; baseDelayMs?: number };
  /** How the mailer waits between tries (tests pass one that does not wait on the wall clock). */
  sleep?: (ms: number) => Promise<void>;
}

/** Sends report e-mails; closes its SMTP connections on `close()`. */
export interface ReportMailer {
  /** Sends, retrying transient failures with backoff; rejects with the last error (credentials removed). */
  send(mail: ReportMail): Promise<void>;
  close(): void;
}

/** The credentials of `smtpUrl` removed from a text (nodemailer's errors may quote the server's dialogue). */
function redactor(smtpUrl: string): (text: string) => string {
  const { username, password } = new URL(smtpUrl);
  const secrets = [password, decodeURIComponent(password), username, decodeURIComponent(username)].filter(
    (s) => s.length >= 3,
  );
  return (text) => secrets.reduce((out, s) => out.replaceAll(s, "***"), text);
}

/** 5xx SMTP replies are permanent (bad recipient, refused sender): trying again cannot help. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

/**
 * The reports' SMTP transport, through nodemailer: a multipart message (HTML + text) with the PDF
 * attached, retried with exponential backoff on connection errors and 4xx replies. The SMTP URL and its
 * credentials never reach a log or an error message.
 */
export function createReportMailer(options: ReportMailerOptions): ReportMailer {
  const url = new URL(options.smtpUrl);
  const redact = redactor(options.smtpUrl);
  const transport = nodemailer.createTransport(options.smtpUrl);
  const from = options.from ?? `TokTok <rapports@${url.hostname}>`;
  const attempts = Math.max(1, options.retry?.attempts ?? 4);
  const baseDelayMs = options.retry?.baseDelayMs ?? 2_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref()));
  const server = `${url.protocol}//${url.hostname}:${url.port || (url.protocol === "smtps:" ? 465 : 587)}`;

  return {
    async send(mail) {
      for (let attempt = 1; ; attempt++) {
        try {
          await transport.sendMail({
            from,
            to: [...options.to],
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
            attachments: [{ filename: mail.pdf.filename, content: mail.pdf.content, contentType: "application/pdf" }],
          });
          options.logger.info("report e-mailed", { subject: mail.subject, recipients: options.to.length, attempt });
          return;
        } catch (error) {
          const message = redact(error instanceof Error ? error.message : String(error));
          const last = attempt >= attempts || isPermanent(error);
          options.logger.warn("report e-mail failed", { server, attempt, final: last, error: message });
          if (last) throw new Error(`report e-mail failed after ${attempt} attempt(s): ${message}`);
          await sleep(baseDelayMs * 2 ** (attempt - 1));
        }
      }
    },
    close() {
      transport.close();
    },
  };
}
