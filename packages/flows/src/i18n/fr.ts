import type { DriverStatusUpdate, MissionStatus, OrderStatus, PaymentMethod, Role } from "../domain.js";
import type { MobileMoneyFailure } from "../payments/mobile-money.js";

/** Every French text of the package; `en.ts` mirrors these keys (the type checker enforces it). */
export const fr = {
  engine: {
    progress: (n: number, total: number): string => `Étape ${n}/${total}`,
    welcome: (name: string | undefined): string =>
      `👋 Bonjour${name ? ` ${name}` : ""} ! Bienvenue sur TokTok, la livraison à Brazzaville.`,
    menuHeader: "🛵 TokTok",
    menuBody: "Que souhaitez-vous faire ?",
    menuButton: "Voir le menu",
    menuSection: "Services",
    notUnderstood: "🤔 Je n'ai pas bien compris. Choisissez dans le menu :",
    cancelled: "❌ Demande annulée.",
    nothingToCancel: "Il n'y a rien à annuler.",
    alreadyAtStart: "↩️ Vous êtes déjà à la première étape.",
    help: "🆘 *Aide TokTok*\n• *menu* : revenir au menu\n• *retour* : étape précédente\n• *annuler* : abandonner la demande\n• *aide* : cette aide\n• *lingala* / *english* : changer de langue\nUn souci ? Écrivez-nous, un agent vous répondra.",
    helpOffer: "😕 On dirait que ça coince. Besoin d'aide ?",
    switchConfirm: (from: string, to: string): string =>
      `Vous êtes en train de faire : *${from}*.\nVoulez-vous abandonner et passer à : *${to}* ?`,
    cancelConfirm: "Voulez-vous annuler la demande en cours ?",
    expired: (flow: string): string =>
      `⏰ Cela fait un moment ! Votre demande « ${flow} » est en pause. On reprend là où vous étiez ?`,
    resumed: "▶️ On reprend là où vous étiez.",
    greetingMidFlow: "👋 Rebonjour ! On continue :",
    roleRequired: (roles: string[]): string => `⛔ Ce service est réservé aux comptes ${roles.join(" / ")}.`,
    technicalError: "😓 Un problème technique est survenu. Réessayez dans un instant.",
    replyLost: "📵 Notre message précédent n'a pas pu vous être remis. Le voici à nouveau :",
    /** A Flow form answered twice, or one the conversation no longer waits for. */
    formSpent:
      "📝 Ce formulaire a déjà été envoyé ou n'est plus valable : rien n'a été refait. Continuez ici dans la conversation.",
    slowDown: (seconds: number): string =>
      `🐢 Vous envoyez beaucoup de messages. Patientez ${seconds} s puis réessayez.`,
    /** Asked once, after the first order or delivery request, while the user's marketing choice is unknown. */
    marketingQuestion: "📣 Voulez-vous recevoir nos offres et promotions sur WhatsApp ?",
    marketingOptedIn: "✅ C'est noté : vous recevrez nos offres et promotions. Tapez STOP pour ne plus les recevoir.",
    marketingDeclined: "👍 C'est noté : pas d'offres ni de promotions. Tapez OFFRES si vous changez d'avis.",
    marketingStopped: "🔕 Vous ne recevrez plus nos offres. Tapez OFFRES pour les recevoir à nouveau.",
    buttons: {
      marketingYes: "✅ Oui",
      marketingNo: "🚫 Non merci",
      yes: "✅ Oui",
      yesCancel: "✅ Oui, annuler",
      no: "↩️ Non, continuer",
      resume: "▶️ Reprendre",
      restart: "🔄 Recommencer",
      help: "🆘 Aide",
      cancel: "❌ Annuler",
      menu: "🏠 Menu",
      back: "↩️ Retour",
    },
  },
  explain: {
    amount: "⚠️ Je n'ai pas compris le montant. 💡 Tapez 5000 pour 5000 FCFA.",
    phone: "⚠️ Ce numéro n'est pas valide. 💡 Tapez par exemple 06 123 4567.",
    address: "⚠️ Je n'ai pas compris l'adresse. 💡 Tapez un quartier et un repère, ex. : Marché Total, Poto-Poto.",
    name: "⚠️ Le nom doit contenir au moins 2 lettres. 💡 Exemple : Marie Okemba.",
    description: "⚠️ Décrivez le colis en quelques mots. 💡 Exemple : un sac de vêtements.",
    choice: "⚠️ Choisissez une option avec les boutons ci-dessous.",
    quantity: "⚠️ Indiquez une quantité entre 1 et 20. 💡 Tapez 2 pour deux.",
    location: "⚠️ Partagez votre position 📌 ou tapez une adresse.",
  },
  roles: { client: "client", livreur: "livreur", entreprise: "entreprise" } satisfies Record<Role, string>,
  common: {
    gpsPoint: (lat: number, lng: number): string => `📌 position GPS (${lat.toFixed(5)}, ${lng.toFixed(5)})`,
    confirm: "✅ Confirmer",
    edit: "✏️ Modifier",
    cancel: "❌ Annuler",
    choose: "Choisir",
  },
  auth: {
    menuTitle: "👤 Mon compte",
    menuDescription: "Connexion ou inscription",
    askRole: "Bienvenue sur TokTok ! Pour créer votre compte, vous êtes :",
    roleButtons: { client: "🙋 Client", livreur: "🛵 Livreur", entreprise: "🏪 Entreprise" } satisfies Record<
      Role,
      string
    >,
    askName: "Quel est votre nom complet ?",
    askBusiness: "Quel est le nom de votre entreprise ?",
    recap: (name: string, role: string, business: string | undefined): string =>
      `Vous créez un compte :\n👤 ${name}\n🏷️ ${role}${business ? `\n🏪 ${business}` : ""}\n\nC'est correct ?`,
    welcomeBack: (name: string, role: string): string => `👋 Bon retour ${name} ! Vous êtes connecté(e) (${role}).`,
    created: (name: string): string => `🎉 Compte créé ! Bienvenue ${name}.`,
  },
  account: {
    body: (name: string, role: string, language: string): string =>
      `👤 *${name}*\n🏷️ Compte ${role}\n🌐 Langue : ${language}\n\nQue voulez-vous faire ?`,
    button: "Mon compte",
    rows: {
      name: "✏️ Changer mon nom",
      role: "🏷️ Mon rôle",
      language: "🌐 Langue",
      signout: "🚪 Me déconnecter",
      menu: "🏠 Menu",
    },
    askNewName: "✏️ Quel nom voulez-vous afficher ?",
    renamed: (name: string): string => `✅ C'est noté : vous êtes *${name}*.`,
    language: (current: string): string =>
      `🌐 Langue : ${current}.\nChoisissez la langue dans laquelle je vous réponds (ou tapez *français*, *english*, *lingala*) :`,
    languageButtons: { fr: "🇫🇷 Français", en: "🇬🇧 English", ln: "🇨🇬 Lingala" },
    role: (role: string): string =>
      `🏷️ Votre compte est un compte *${role}*.\nUn changement de rôle passe par l'opérateur TokTok, qui vérifie le compte avant de le changer : écrivez-nous ici et un agent vous répondra.`,
    signedOut: "🚪 Vous êtes déconnecté(e). Ouvrez *Mon compte* pour vous reconnecter.",
    languages: { fr: "français", en: "anglais", ln: "lingala" },
  },
  courier: {
    menuTitle: "📦 Envoyer un colis",
    menuDescription: "Un livreur récupère et livre votre colis",
    askPickup:
      "📍 Où faut-il récupérer le colis ?\nPartagez votre position 📌 ou tapez l'adresse (ex. : Marché Total, Poto-Poto).",
    askDestination:
      "🏁 Où faut-il livrer le colis ?\nPartagez la position ou tapez l'adresse (ex. : Rond-point Moungali).",
    askValue: "💰 Quelle est la valeur du colis ? (en FCFA, ex. : 15000)",
    valueTooHigh: (max: string): string => `⚠️ La valeur déclarée ne peut pas dépasser ${max}.`,
    helpPickup:
      "ℹ️ Pour partager votre position : touchez 📎 puis « Localisation ». Vous pouvez aussi taper un quartier et un repère.",
    helpValue:
      "ℹ️ La valeur déclarée assure votre colis (1 % du montant est ajouté au prix). Tapez 0 si le colis n'a pas de valeur marchande.",
    askDescription: "📦 Que contient le colis ? (ex. : 2 pagnes et des documents)",
    askRecipientName: "👤 Quel est le nom du destinataire ?",
    askRecipientPhone: (name: string): string => `📞 Quel est le numéro de ${name} ? (ex. : 06 123 4567)`,
    recap: (r: {
      pickup: string;
      destination: string;
      value: string;
      description: string;
      recipient: string;
      phone: string;
      price: string;
    }): string =>
      `🧾 *Récapitulatif*\n📍 Départ : ${r.pickup}\n🏁 Arrivée : ${r.destination}\n📦 Colis : ${r.description} (valeur ${r.value})\n👤 Destinataire : ${r.recipient} (${r.phone})\n💵 *Prix de la course : ${r.price}*\n\nConfirmez-vous ?`,
    editBody: "Que voulez-vous modifier ?",
    editRows: {
      pickup: "Adresse de départ",
      destination: "Adresse d'arrivée",
      parcelValue: "Valeur du colis",
      description: "Contenu du colis",
      recipientName: "Nom du destinataire",
      recipientPhone: "Téléphone destinataire",
    },
    confirmHint: "⚠️ Appuyez sur ✅ Confirmer, ✏️ Modifier ou ❌ Annuler.",
    askPayment: "💳 Comment payez-vous la course ?",
    paymentLine: (method: string): string => `💳 Paiement : ${method}`,
    held: "Votre course part dès que le paiement est reçu.",
    afterFailure: "Votre demande est gardée. Que voulez-vous faire ?",
    created: (reference: string, price: string): string =>
      `✅ Demande envoyée ! Référence *${reference}*.\n💵 Prix : ${price}.\nNous cherchons un livreur près de vous 🛵. Tapez *suivi ${reference}* pour suivre votre colis.`,
  },
  marketplace: {
    menuTitle: "🛍️ Commander",
    menuDescription: "Restaurants, épicerie, pharmacie",
    askCategory: "🛍️ Que voulez-vous commander ?",
    categoriesButton: "Catégories",
    askMerchant: (category: string): string => `🏪 Choisissez un commerce — ${category}`,
    merchantsButton: "Commerces",
    noMerchant: "😕 Aucun commerce dans cette catégorie pour le moment. Choisissez-en une autre.",
    productCaption: (name: string, price: string): string => `*${name}*\n${price}`,
    askProduct: (merchant: string): string => `🍽️ Que voulez-vous chez *${merchant}* ?`,
    /** Body of the shop's product-list message (its Meta catalogue): a cart is sent from it. */
    catalogueBody: "🛒 Ajoutez au panier depuis la vitrine puis envoyez-le, ou choisissez dans la liste qui suit.",
    productsButton: "Produits",
    askQuantity: (product: string, price: string): string => `🔢 Combien de « ${product} » (${price} l'unité) ?`,
    askMore: (cart: string): string => `🛒 *Votre panier*\n${cart}\n\nAjouter un autre produit ?`,
    more: "➕ Autre produit",
    checkout: "✅ Commander",
    askAddress: "📍 Adresse de livraison ? Partagez votre position 📌 ou tapez l'adresse.",
    askPayment: "💳 Comment souhaitez-vous payer ?",
    payment: { cash: "💵 Espèces", mtn_momo: "📱 MTN MoMo", airtel_money: "📱 Airtel Money" } satisfies Record<
      PaymentMethod,
      string
    >,
    recap: (r: {
      merchant: string;
      lines: string;
      fee: string;
      total: string;
      address: string;
      payment: string;
    }): string =>
      `🧾 *Votre commande*\n🏪 ${r.merchant}\n${r.lines}\n🛵 Livraison : ${r.fee}\n💵 *Total : ${r.total}*\n📍 ${r.address}\n${r.payment}\n\nConfirmez-vous ?`,
    line: (qty: number, name: string, amount: string): string => `${qty} × ${name} — ${amount}`,
    created: (reference: string, total: string): string =>
      `✅ Commande *${reference}* envoyée ! Total : ${total}.\nVous serez prévenu(e) à chaque étape. Tapez *suivi ${reference}* pour suivre.`,
    held: "Votre commande part dès que le paiement est reçu.",
    afterFailure: "Votre commande est gardée. Que voulez-vous faire ?",
  },
  /** The Mobile Money steps both the marketplace and the courier flow use (`flows/shared/mobile-money-steps.ts`). */
  mobileMoney: {
    askPayer: (method: string, own: string): string =>
      `${method} — quel numéro va payer ?\nTouchez *Ce numéro* (${own}) ou tapez un autre numéro.`,
    payerSelf: "📱 Ce numéro",
    payerOther: "✏️ Autre numéro",
    askPayerNumber: (method: string): string => `✏️ Tapez le numéro ${method} qui va payer (ex. 06 123 45 67).`,
    wrongPayer: (method: string): string =>
      `😕 Ce n'est pas un numéro ${method}. MTN : 06 123 45 67 · Airtel : 05 123 45 67 ou 04 123 45 67.`,
    /** A number whose prefix is the other operator's: numbers ported between operators keep theirs. */
    confirmPayerOperator: (method: string, number: string): string =>
      `🤔 Le ${number} commence comme un numéro de l'autre opérateur. Ce numéro est-il bien un compte ${method} ?`,
    payerOperatorYes: "✅ Oui",
    payerOperatorNo: "✏️ Non, autre numéro",
    confirmOnPhone: (amount: string, number: string): string =>
      `📲 Confirmez le paiement de ${amount} sur votre téléphone (${number}).`,
    stillWaiting: (amount: string): string =>
      `⏳ Paiement de ${amount} en attente : validez-le sur votre téléphone avec votre code secret.`,
    paid: (amount: string): string => `💰 Paiement de ${amount} reçu, merci !`,
    failed: {
      insufficient_funds: "❌ Solde insuffisant sur ce compte Mobile Money.",
      rejected: "❌ Le paiement a été refusé sur le téléphone.",
      expired: "⌛ Le paiement n'a pas été validé à temps (code secret non saisi).",
      payer_not_found: "❌ Ce numéro n'a pas de compte Mobile Money actif.",
      limit_reached: "❌ Le plafond de ce compte Mobile Money est atteint.",
      not_allowed: "❌ Ce compte Mobile Money ne peut pas faire ce paiement.",
      // MTN Congo's one code for three causes: name them all rather than guess one.
      declined_unspecified:
        "❌ Paiement refusé par MTN MoMo : solde insuffisant, plafond atteint ou compte non autorisé. Vérifiez votre solde, ou payez autrement.",
      unknown: "❌ Le paiement n'a pas abouti.",
    } satisfies Record<MobileMoneyFailure, string>,
    retry: "🔁 Réessayer",
    otherNumber: "✏️ Autre numéro",
    payCash: "💵 Espèces",
    /** A payment that succeeded after its customer left the waiting step (`paymentSettledLate`). */
    paidAfterLeaving: (amount: string): string =>
      `💰 Nous avons reçu votre paiement de ${amount}, mais la demande qu'il réglait n'est plus en cours. Un conseiller TokTok vous contacte pour le rembourser : vous n'avez rien à faire.`,
    /**
     * A payment that succeeded for another amount than the one due now (a price changed while the customer
     * approved): nothing is confirmed, a person refunds it, the recap with the new total follows.
     */
    amountChanged: (paid: string, due: string): string =>
      `⚠️ Le montant a changé pendant votre paiement : vous avez payé ${paid}, il faut maintenant ${due}. Rien n'est confirmé. Un conseiller TokTok vous contacte pour vous rembourser ces ${paid} : vous n'avez rien à faire. Voici le récapitulatif à jour.`,
  },
  driver: {
    menuTitle: "🛵 Mes missions",
    menuDescription: "Livreurs : missions disponibles et statuts",
    noMissions: "😴 Aucune mission disponible pour le moment. Réessayez plus tard.",
    listBody: (n: number): string => `🛵 ${n} mission(s) disponible(s) :`,
    listButton: "Voir",
    missionRow: (pickup: string, destination: string, price: string): string => `${pickup} → ${destination} · ${price}`,
    details: (r: {
      reference: string;
      pickup: string;
      destination: string;
      description: string;
      price: string;
    }): string => `📋 *${r.reference}*\n📍 ${r.pickup}\n🏁 ${r.destination}\n📦 ${r.description}\n💵 Gain : ${r.price}`,
    accept: "✅ Accepter",
    other: "↩️ Autre mission",
    taken: "⚠️ Cette mission vient d'être acceptée par un autre livreur.",
    accepted: (reference: string, pickup: string): string =>
      `🎉 Mission ${reference} acceptée ! Rendez-vous au point de retrait : ${pickup}.`,
    askStatus: (reference: string, status: string): string => `Mission *${reference}* — ${status}.\nMettre à jour :`,
    statusButtons: {
      pickup_arrived: "📍 Arrivé retrait",
      picked_up: "📦 Colis récupéré",
      in_transit: "🛵 En route",
      arrived: "🏁 Arrivé",
      delivered: "✅ Livré",
    } satisfies Record<DriverStatusUpdate, string>,
    askLocation: (status: string): string =>
      `📌 Partagez votre position pour confirmer « ${status} » (ou tapez *passer*).`,
    updated: (status: string): string => `✔️ Statut mis à jour : ${status}.`,
    delivered: (reference: string): string => `🎉 Mission ${reference} livrée. Merci et bonne route !`,
    /** A mission paid by Mobile Money before it was created (`method` as `marketplace.payment` names it). */
    paidBy: (method: string): string => `✅ Déjà payé par ${method} : rien à encaisser.`,
    /** A mission paid in cash: what the driver collects. */
    collectCash: (amount: string): string => `💵 À encaisser en espèces : ${amount}.`,
    /** A shop order's delivery paid in cash, when its total could not be read. */
    collectOrder: (reference: string): string => `💵 À encaisser en espèces : le total de la commande ${reference}.`,
    /** Marks a paid mission in the list of missions. */
    paidTag: "✅ payé",
    /** The presence toggle (a button or list row): go online, go offline. */
    goOnline: "🟢 En ligne",
    goOffline: "🔴 Hors ligne",
    /**
     * The two sections' titles when the list carries the toggle: WhatsApp refuses a list of several
     * sections unless every one has a title (≤ 24 characters).
     */
    missionsSection: "📦 Missions",
    presenceSection: "Disponibilité",
    /** Under the toggle: where the driver stands now. */
    presenceRow: (online: boolean): string =>
      online ? "Vous êtes en ligne — faire une pause ?" : "Vous êtes hors ligne — reprendre ?",
    nowOnline:
      "🟢 Vous êtes *en ligne* : les courses proches vous seront proposées. Tapez *hors ligne* pour une pause.",
    nowOffline: "🔴 Vous êtes *hors ligne* : aucune course ne vous sera proposée. Tapez *en ligne* pour reprendre.",
  },
  merchant: {
    menuTitle: "🏪 Mes commandes",
    menuDescription: "Commerces : confirmer et préparer",
    noMerchant: "⚠️ Votre compte n'est lié à aucun commerce. Contactez l'équipe TokTok.",
    noOrders: "📭 Aucune commande à traiter pour le moment.",
    listBody: (n: number): string => `📥 ${n} commande(s) à traiter :`,
    listButton: "Voir",
    details: (r: { reference: string; lines: string; total: string; address: string; status: string }): string =>
      `🧾 *${r.reference}* (${r.status})\n${r.lines}\n💵 Total : ${r.total}\n📍 ${r.address}`,
    confirm: "✅ Confirmer",
    ready: "📦 Prête",
    reject: "❌ Refuser",
    done: {
      confirmed: (reference: string): string => `👍 Commande ${reference} confirmée. Le client est prévenu.`,
      ready: (reference: string): string => `📦 Commande ${reference} prête : un livreur va la récupérer.`,
      cancelled: (reference: string): string => `❌ Commande ${reference} refusée. Le client est prévenu.`,
    },
  },
  cancelRequest: {
    ask: (reference: string): string => `Voulez-vous annuler *${reference}* ?`,
    keep: "↩️ Non, garder",
    done: (reference: string): string => `❌ *${reference}* est annulée.`,
    kept: (reference: string): string => `👍 *${reference}* continue.`,
    tooLate: (reference: string, status: string): string =>
      `⚠️ *${reference}* ne peut plus être annulée ici (${status}) : le livreur ou le commerce l'a déjà prise en charge. Écrivez *aide* pour joindre un agent.`,
  },
  tracking: {
    menuTitle: "🔎 Suivre un colis",
    menuDescription: "Où en est ma course ou ma commande ?",
    askReference: "🔎 Quelle est la référence ? (ex. : COUR-20261121-061)",
    recentBody: "🔎 Quelle course ou commande voulez-vous suivre ? Choisissez ou tapez la référence.",
    recentButton: "Mes envois",
    badReference: "⚠️ Référence introuvable. 💡 Elle ressemble à COUR-20261121-061 ou CMD-20261121-004.",
    missionHeader: (r: {
      reference: string;
      pickup: string;
      destination: string;
      recipient: string;
      value: string;
      driver: string | undefined;
    }): string =>
      `📦 *Suivi ${r.reference}*\n🗺️ ${r.pickup} → ${r.destination}\n👤 Destinataire : ${r.recipient}\n💰 Valeur : ${r.value}\n🛵 Livreur : ${r.driver ?? "en attente d'attribution"}`,
    orderHeader: (r: { reference: string; merchant: string; total: string; address: string }): string =>
      `🧾 *Suivi ${r.reference}*\n🏪 ${r.merchant} → ${r.address}\n💵 Total : ${r.total}`,
    cancelled: "❌ Annulée",
  },
  missionStatus: {
    pending: "Demande reçue",
    accepted: "Livreur assigné",
    pickup_arrived: "Livreur au point de retrait",
    picked_up: "Colis récupéré",
    in_transit: "En route",
    arrived: "Arrivé à destination",
    delivered: "Livré",
    cancelled: "Annulée",
  } satisfies Record<MissionStatus, string>,
  orderStatus: {
    pending: "Commande reçue",
    confirmed: "Confirmée par le commerce",
    ready: "Prête",
    in_delivery: "En livraison",
    delivered: "Livrée",
    cancelled: "Annulée",
  } satisfies Record<OrderStatus, string>,
  notify: {
    /** How a customer is greeted in a template when their name is unknown. */
    customer: "client",
    driverTitle: "Livreur TokTok",
    mission: {
      pending: (ref: string, price: string): string =>
        `📨 Demande ${ref} reçue. Prix : ${price}. Nous cherchons un livreur…`,
      accepted: (ref: string, driver: string): string =>
        `🛵 ${driver} a accepté votre course ${ref} et se rend au point de retrait. Voici son contact :`,
      pickup_arrived: (ref: string, place: string): string =>
        `📍 Votre livreur est arrivé au point de retrait (${place}) — ${ref}.`,
      picked_up: (ref: string, place: string): string => `📦 Colis ${ref} récupéré ! Direction ${place}.`,
      in_transit: (ref: string, place: string): string => `🛵 Votre colis ${ref} est en route vers ${place}.`,
      arrived: (ref: string, place: string): string => `🏁 Le livreur est arrivé à destination (${place}) — ${ref}.`,
      delivered: (ref: string): string => `✅ Colis ${ref} livré ! Merci d'avoir choisi TokTok 🙏`,
      cancelled: (ref: string): string => `❌ La course ${ref} a été annulée.`,
      recipient: (ref: string, driver: string, sender: string): string =>
        `📦 Un colis TokTok arrive pour vous (${ref}), envoyé par ${sender}. Livreur : ${driver}.`,
    },
    /** The delivery of a shop's order, told to its customer: their order (`CMD-…`), not a courier parcel. */
    orderDelivery: {
      pending: (ref: string, _price: string): string => `🧾 Votre commande ${ref} attend son livreur…`,
      accepted: (ref: string, driver: string): string =>
        `🛵 ${driver} va chercher votre commande ${ref} chez le commerçant. Voici son contact :`,
      pickup_arrived: (ref: string, place: string): string =>
        `📍 Votre livreur est chez le commerçant (${place}) pour votre commande ${ref}.`,
      picked_up: (ref: string, place: string): string => `📦 Votre commande ${ref} est récupérée ! Direction ${place}.`,
      in_transit: (ref: string, place: string): string => `🛵 Votre commande ${ref} est en route vers ${place}.`,
      arrived: (ref: string, place: string): string =>
        `🏁 Votre livreur est arrivé avec votre commande ${ref} (${place}).`,
      delivered: (ref: string): string => `✅ Votre commande ${ref} est livrée ! Merci d'avoir choisi TokTok 🙏`,
      cancelled: (ref: string): string => `❌ La livraison de votre commande ${ref} a été annulée.`,
    },
    order: {
      pending: (ref: string, merchant: string): string => `🧾 Commande ${ref} transmise à ${merchant}.`,
      confirmed: (ref: string, merchant: string): string =>
        `👍 ${merchant} a confirmé votre commande ${ref}. Préparation en cours.`,
      ready: (ref: string): string => `📦 Votre commande ${ref} est prête, un livreur va la récupérer.`,
      in_delivery: (ref: string): string => `🛵 Votre commande ${ref} est en route.`,
      delivered: (ref: string): string => `✅ Commande ${ref} livrée. Merci et à bientôt sur TokTok !`,
      cancelled: (ref: string): string => `❌ La commande ${ref} a été annulée.`,
      merchantNew: (ref: string, lines: string, total: string): string =>
        `📥 *Nouvelle commande ${ref}*\n${lines}\n💵 Total : ${total}\nOuvrez *menu → Mes commandes* pour la confirmer.`,
      /** To the shop: its customer cancelled the order. */
      merchantCancelled: (ref: string): string => `❌ Le client a annulé la commande ${ref}. Ne la préparez pas.`,
    },
  },
  voice: {
    /** Echo of a voice note's transcript, sent before anything is acted on. */
    heard: (text: string): string => `🎤 J'ai compris : « ${text} »`,
    unavailable:
      "🎤 Je ne peux pas encore écouter les messages vocaux. Pouvez-vous écrire votre message, s'il vous plaît ?",
    tooLong: "🎤 Ce message vocal est trop long pour moi. Pouvez-vous l'écrire, ou en envoyer un plus court ?",
    unsupported: "🎤 Je ne peux pas lire ce format audio. Pouvez-vous écrire votre message, s'il vous plaît ?",
    timeout: "🎤 L'écoute de votre message vocal a pris trop de temps. Pouvez-vous l'écrire, s'il vous plaît ?",
    failed: "🎤 Je n'ai pas pu écouter votre message vocal. Pouvez-vous l'écrire, s'il vous plaît ?",
    empty: "🎤 Je n'ai rien entendu dans ce message vocal. Pouvez-vous le répéter ou l'écrire ?",
  },
  /** A person takes over the conversation (issue 22). */
  handoff: {
    waiting: (minutes: number): string =>
      `🙋 Je vous passe un conseiller TokTok. Attente estimée : environ ${minutes} min. Vous pouvez déjà décrire votre demande ici.`,
    noOperator: (opensAt: string): string =>
      `🌙 Nos conseillers ne sont pas disponibles pour le moment. Ils vous répondront dès ${opensAt} ; vous pouvez déjà décrire votre demande ici.`,
    operatorJoined: (firstName: string): string => `👤 ${firstName}, conseiller TokTok, vous répond.`,
    backToBot:
      "🤖 Votre conversation avec le conseiller est terminée. Le robot TokTok reprend : écrivez *menu* à tout moment.",
  },
};
