/** An error object as WhatsApp puts it in statuses, messages and `value.errors`. */
export interface WebhookErrorDetail {
  code: number;
  title: string;
  message?: string;
  details?: string;
  href?: string;
}

/** Fields every event shares: the WhatsApp Business Account the change is about. */
export interface AccountScope {
  /** The WhatsApp Business Account id (`entry[].id`). */
  businessAccountId: string;
}

/** Fields of the events tied to one business phone number (their change carries `metadata`). */
export interface NumberScope extends AccountScope {
  /** The business phone number id the event concerns. */
  phoneNumberId: string;
  /** The business phone number as displayed. */
  displayPhoneNumber?: string;
}
