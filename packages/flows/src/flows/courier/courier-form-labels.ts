// The courier form's field names and texts, shared by its navigate and data_exchange versions.

/** The form's field names: the keys of its `response_json`. */
export const FIELDS = ["pickup", "destination", "recipient_name", "recipient_phone", "value", "description"] as const;

type Texts = (typeof FIELDS)[number] | "title" | "send" | "cta" | "body" | "next" | "parcel" | "price" | "badRoute";

/** The form's labels (at most 20 characters each for inputs, Meta's limit). */
export const labels: Record<"fr" | "en", Record<Texts, string>> = {
  fr: {
    cta: "Remplir le formulaire",
    body: "📝 Tout en un seul formulaire : ouvrez-le ci-dessous. Sinon, répondez ici étape par étape.",
    title: "Nouvelle course",
    pickup: "Adresse de départ",
    destination: "Adresse d'arrivée",
    recipient_name: "Destinataire",
    recipient_phone: "Tél. destinataire",
    value: "Valeur (FCFA)",
    description: "Contenu du colis",
    send: "Envoyer la demande",
    next: "Voir le prix",
    parcel: "Le colis",
    price: "Prix de la course :",
    badRoute: "Vérifiez les adresses (2 à 200 caractères) et la valeur (un nombre entier de FCFA, jusqu'à",
  },
  en: {
    cta: "Fill in the form",
    body: "📝 Everything in one form: open it below. Or answer here step by step.",
    title: "New delivery",
    pickup: "Pickup address",
    destination: "Drop-off address",
    recipient_name: "Recipient",
    recipient_phone: "Recipient phone",
    value: "Value (XAF)",
    description: "Parcel contents",
    send: "Send the request",
    next: "See the price",
    parcel: "The parcel",
    price: "Delivery price:",
    badRoute: "Check the addresses (2 to 200 characters) and the value (a whole number of XAF, up to",
  },
};

/** The texts of `locale` (French unless English). */
export const labelsOf = (locale: string): (typeof labels)["fr"] => labels[locale === "en" ? "en" : "fr"];
