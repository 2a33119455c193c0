import type { BusinessPublicKey } from "../flows/encryption-key.js";
import * as encryption from "../flows/encryption-key.js";
import type { FlowJson } from "../flows/flow-json.js";
import type { CreateFlowInput, FlowInfo, FlowValidationError, UpdateFlowMetadataInput } from "../flows/management.js";
import * as flows from "../flows/management.js";
import type { BlockResult, UnblockResult } from "../management/block-users.js";
import * as blocking from "../management/block-users.js";
import type { BusinessProfile, BusinessProfileUpdate } from "../management/business-profile.js";
import * as profile from "../management/business-profile.js";
import type { ConversationalAutomation } from "../management/conversational-automation.js";
import * as automation from "../management/conversational-automation.js";
import type { GraphContext, GraphPage, ListOptions } from "../management/graph-context.js";
import type { QrCode, QrImageOptions } from "../management/qr-codes.js";
import * as qr from "../management/qr-codes.js";
import type {
  CreateTemplateInput,
  ListTemplatesOptions,
  TemplateInfo,
  UpdateTemplateInput,
} from "../templates/management.js";
import * as templates from "../templates/management.js";
import type { CallOptions } from "./transport.js";

type Success = Promise<{ success: boolean }>;

/**
 * The management half of {@link WhatsAppClient}: templates and Flows on the
 * WhatsApp Business Account (`businessAccountId`), QR codes, conversational
 * automation, blocked users and the business profile on the phone number.
 * Each call lives in its feature module; this class only binds it to the client.
 */
export abstract class AccountCalls {
  /** The transport and ids the management calls act on. */
  protected readonly graph: GraphContext;
  /** Country assumed for numbers written without a country code. */
  protected readonly defaultCountry: string;

  protected constructor(graph: GraphContext, defaultCountry: string) {
    this.graph = graph;
    this.defaultCountry = defaultCountry;
  }

  /** Lists the account's templates with their status and quality (needs `businessAccountId`). */
  listTemplates(options?: ListTemplatesOptions): Promise<GraphPage<TemplateInfo>> {
    return templates.listTemplates(this.graph, options);
  }

  /** Submits a template for review (needs `businessAccountId`). */
  createTemplate(
    input: CreateTemplateInput,
    options?: CallOptions,
  ): Promise<{ id: string; status: string; category: string }> {
    return templates.createTemplate(this.graph, input, options);
  }

  /** Edits a template's components, category or message TTL. */
  updateTemplate(templateId: string, input: UpdateTemplateInput, options?: CallOptions): Success {
    return templates.updateTemplate(this.graph, templateId, input, options);
  }

  /** Deletes a template: every language of `name`, or the one with `id` (needs `businessAccountId`). */
  deleteTemplate(target: { name: string; id?: string }, options?: CallOptions): Success {
    return templates.deleteTemplate(this.graph, target, options);
  }

  /** Creates a Flow (a draft unless `publish`), optionally with its JSON (needs `businessAccountId`). */
  createFlow(
    input: CreateFlowInput,
    options?: CallOptions,
  ): Promise<{ id: string; validationErrors: FlowValidationError[] }> {
    return flows.createFlow(this.graph, input, options);
  }

  /** Renames a draft Flow, or changes its categories or endpoint. */
  updateFlowMetadata(flowId: string, input: UpdateFlowMetadataInput, options?: CallOptions): Success {
    return flows.updateFlowMetadata(this.graph, flowId, input, options);
  }

  /** Uploads a draft Flow's JSON; Meta answers the problems it found. */
  updateFlowJson(
    flowId: string,
    json: FlowJson | string,
    options?: CallOptions,
  ): Promise<{ success: boolean; validationErrors: FlowValidationError[] }> {
    return flows.updateFlowJson(this.graph, flowId, json, options);
  }

  /** Publishes a draft Flow (it can no longer change). */
  publishFlow(flowId: string, options?: CallOptions): Success {
    return flows.publishFlow(this.graph, flowId, options);
  }

  /** Deprecates a published Flow (it can no longer be sent). */
  deprecateFlow(flowId: string, options?: CallOptions): Success {
    return flows.deprecateFlow(this.graph, flowId, options);
  }

  /** Deletes a draft Flow. */
  deleteFlow(flowId: string, options?: CallOptions): Success {
    return flows.deleteFlow(this.graph, flowId, options);
  }

  /** Lists the account's Flows (needs `businessAccountId`). */
  listFlows(options?: ListOptions): Promise<GraphPage<FlowInfo>> {
    return flows.listFlows(this.graph, options);
  }

  /** One Flow with its versions, endpoint and preview URL. */
  getFlow(flowId: string, options?: CallOptions): Promise<FlowInfo> {
    return flows.getFlow(this.graph, flowId, options);
  }

  /** Registers the public key of your Flows key pair on the number (2048-bit RSA, PEM); WhatsApp encrypts endpoint requests with it. */
  setBusinessPublicKey(publicKey: string, options?: CallOptions): Success {
    return encryption.setBusinessPublicKey(this.graph, publicKey, options);
  }

  /** The Flows public key registered on the number and Meta's check of its signature (`VALID`, `MISMATCH`). */
  getBusinessPublicKey(options?: CallOptions): Promise<BusinessPublicKey> {
    return encryption.getBusinessPublicKey(this.graph, options);
  }

  /** Creates a QR code and wa.me link opening a chat with `prefilledMessage` (at most 140 characters). */
  createQrCode(prefilledMessage: string, options?: QrImageOptions): Promise<QrCode> {
    return qr.createQrCode(this.graph, prefilledMessage, options);
  }

  /** One page of the number's QR codes. */
  listQrCodes(options?: QrImageOptions & ListOptions): Promise<GraphPage<QrCode>> {
    return qr.listQrCodes(this.graph, options);
  }

  /** One QR code, or `undefined` when Meta has none with that code. */
  getQrCode(code: string, options?: QrImageOptions): Promise<QrCode | undefined> {
    return qr.getQrCode(this.graph, code, options);
  }

  /** Changes the prefilled message of a QR code (its image and link stay). */
  updateQrCode(code: string, prefilledMessage: string, options?: CallOptions): Promise<QrCode> {
    return qr.updateQrCode(this.graph, code, prefilledMessage, options);
  }

  /** Deletes a QR code (its link stops working). */
  deleteQrCode(code: string, options?: CallOptions): Success {
    return qr.deleteQrCode(this.graph, code, options);
  }

  /** Sets the welcome-message switch, ice breakers and `/` commands of the number. */
  setConversationalAutomation(settings: ConversationalAutomation, options?: CallOptions): Success {
    return automation.setConversationalAutomation(this.graph, settings, options);
  }

  /** Reads the welcome-message switch, ice breakers and commands of the number. */
  getConversationalAutomation(options?: CallOptions): Promise<ConversationalAutomation> {
    return automation.getConversationalAutomation(this.graph, options);
  }

  /** Blocks users (they can no longer write to the number); Meta only blocks users who wrote in the last 24 hours. */
  blockUsers(users: string[], options?: CallOptions): Promise<BlockResult> {
    return blocking.blockUsers(this.graph, users, this.defaultCountry, options);
  }

  /** Unblocks users. */
  unblockUsers(users: string[], options?: CallOptions): Promise<UnblockResult> {
    return blocking.unblockUsers(this.graph, users, this.defaultCountry, options);
  }

  /** One page of the blocked users' WhatsApp ids. */
  listBlockedUsers(options?: ListOptions): Promise<GraphPage<string>> {
    return blocking.listBlockedUsers(this.graph, options);
  }

  /** The number's public business profile. */
  getBusinessProfile(options?: CallOptions): Promise<BusinessProfile> {
    return profile.getBusinessProfile(this.graph, options);
  }

  /** Changes fields of the business profile (the others stay). */
  updateBusinessProfile(update: BusinessProfileUpdate, options?: CallOptions): Success {
    return profile.updateBusinessProfile(this.graph, update, options);
  }
}
