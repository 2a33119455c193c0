import { COURIER_FORM_SCREEN, type CourierFormMode, courierFormExchange, type TokTokBackend } from "@toktok/flows";
import {
  createFlowEndpointHandler,
  type FlowEndpointHandler,
  FlowTokenNoLongerValidError,
} from "@toktok/whatsapp-client";
import type { Logger } from "@toktok-example/shared";

/** Options of {@link createFlowEndpoint}. */
export interface FlowEndpointOptions {
  /** PEM of the key registered with `setBusinessPublicKey` (`WHATSAPP_FLOW_PRIVATE_KEY`). Never logged. */
  privateKey: string;
  passphrase?: string;
  appSecret: string;
  /** True for a user the bot ignores: their forms are refused too. */
  isBlocked(waId: string): boolean;
  /**
   * The live form token of `waId`'s session (`Session.flowToken`), `undefined` when none: a form
   * already completed, or replaced by a newer one, no longer opens.
   */
  liveFlowToken(waId: string): Promise<string | undefined>;
  logger: Logger;
  /**
   * The courier form's mode (`WHATSAPP_FLOW_COURIER_MODE`). `data_exchange`: the endpoint serves its
   * two screens and quotes the price with `missions.quote` (`courierFormExchange`). Default `navigate`.
   */
  courierMode?: CourierFormMode;
  /** Quotes the price of a data_exchange courier form. */
  backend: Pick<TokTokBackend, "missions">;
}

/** `courier:<waId>:<nonce>`: what the courier flow puts in the Flow message it sends. */
const COURIER_TOKEN = /^courier:(\d{8,15}):\S+$/;

/**
 * The bot's Flows data-exchange endpoint (`POST /flows/endpoint`): answers Meta's `ping`, serves the
 * courier form's screen to the token its user's session holds as live (a `data_exchange` Flow message
 * opens on it), completes the form with what it sent, and answers any other token — forged, another
 * user's, already completed or replaced — 427 so WhatsApp tells the user to start again from the chat.
 * With the data_exchange courier form, its route screen is answered with the quoted price first.
 */
export function createFlowEndpoint(options: FlowEndpointOptions): FlowEndpointHandler {
  const exchange =
    options.courierMode === "data_exchange" ? courierFormExchange({ backend: options.backend }) : undefined;
  return createFlowEndpointHandler({
    privateKey: options.privateKey,
    ...(options.passphrase ? { passphrase: options.passphrase } : {}),
    appSecret: options.appSecret,
    logger: options.logger,
    onRequest: async (request) => {
      const token = request.flowToken;
      const waId = COURIER_TOKEN.exec(token ?? "")?.[1];
      if (waId === undefined || options.isBlocked(waId) || (await options.liveFlowToken(waId)) !== token) {
        throw new FlowTokenNoLongerValidError("Ce formulaire a expiré : recommencez depuis la conversation.");
      }
      if (exchange) return exchange(request);
      if (request.action === "INIT" || request.action === "BACK") return { screen: COURIER_FORM_SCREEN, data: {} };
      if (request.action === "data_exchange") {
        // The answers go back with the completion (nfm_reply), where the courier flow checks them.
        const params = { ...request.data, flow_token: request.flowToken };
        return { screen: "SUCCESS", data: { extension_message_response: { params } } };
      }
      return undefined;
    },
  });
}
