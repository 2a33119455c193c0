import type { ProviderAnswer } from "./call.js";
import type { TokenCache } from "./token-cache.js";

/**
 * Runs `send` with a token; when the provider answers 401 (the token expired or was revoked before its
 * announced end), drops that token and sends once more with a fresh one. A 401 means the request was not
 * processed, so the second attempt cannot double anything.
 */
export async function withToken(
  tokens: TokenCache,
  send: (token: string) => Promise<ProviderAnswer>,
): Promise<ProviderAnswer> {
  const token = await tokens.get();
  const answer = await send(token);
  if (answer.status !== 401) return answer;
  tokens.invalidate(token);
  return send(await tokens.get());
}
