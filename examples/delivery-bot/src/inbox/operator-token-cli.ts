// Mints an operator's inbox token from the server's key:
//   DASHBOARD_JWT_SECRET=… pnpm --filter @toktok-example/delivery-bot operator-token --name Grace --role operator [--url http://127.0.0.1:3000]
// Prints the token alone on its line (and, with --url, the inbox link that signs in with it).
// DASHBOARD_JWT_PRIVATE_KEY (PKCS#8 PEM) signs RS256 tokens for a server with DASHBOARD_JWT_PUBLIC_KEY.
import { parseArgs } from "node:util";
import { DashboardConfigError } from "../dashboard-api/errors.ts";
import { inboxLink, mintOperatorToken } from "./operator-token.ts";

const FLAGS = { name: "--name", role: "--role", id: "--id", ttlSeconds: "--ttl-hours", baseUrl: "--url" } as const;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      name: { type: "string" },
      role: { type: "string", default: "operator" },
      id: { type: "string" },
      "ttl-hours": { type: "string" },
      url: { type: "string" },
    },
    strict: true,
  });
  if (values.name === undefined) throw new DashboardConfigError("name", "is required (--name Grace)");
  const hours = values["ttl-hours"] === undefined ? undefined : Number(values["ttl-hours"]);
  if (hours !== undefined && !(Number.isInteger(hours) && hours >= 1 && hours <= 24 * 30))
    throw new DashboardConfigError("ttlSeconds", "must be a whole number of hours, 1 to 720");
  const token = await mintOperatorToken({
    env: process.env,
    name: values.name,
    role: values.role,
    ...(values.id === undefined ? {} : { id: values.id }),
    ...(hours === undefined ? {} : { ttlSeconds: hours * 3600 }),
    ...(process.env.DASHBOARD_JWT_PRIVATE_KEY ? { privateKeyPem: process.env.DASHBOARD_JWT_PRIVATE_KEY } : {}),
  });
  process.stdout.write(`${token}\n`);
  if (values.url !== undefined) process.stdout.write(`${inboxLink(values.url, token)}\n`);
}

main().catch((error: unknown) => {
  // Name the flag, never echo a key.
  const message = DashboardConfigError.isInstance(error)
    ? `operator-token: ${FLAGS[error.field as keyof typeof FLAGS] ?? error.field}: ${error.message.replace(/^invalid option "[^"]+": /, "")}`
    : `operator-token: ${(error as Error).message}`;
  process.stderr.write(`${message}\n`);
  process.exitCode = 2;
});
