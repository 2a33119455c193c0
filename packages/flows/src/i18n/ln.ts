import type { MissionStatus, OrderStatus } from "../domain.js";
import type { Catalogue } from "./catalogue-type.js";
import { fr } from "./fr.js";

/** Sections of the other flows whose menu entry is translated (the rest of those flows stays French). */
type MenuOnly = "auth" | "marketplace" | "driver" | "merchant";
/** The driver's presence texts, translated too: a driver going offline must understand he gets no offer. */
type DriverPresence =
  | "goOnline"
  | "goOffline"
  | "missionsSection"
  | "presenceSection"
  | "presenceRow"
  | "nowOnline"
  | "nowOffline";

/**
 * What the Lingala catalogue must translate: the engine (menu, commands, errors), the courier flow,
 * tracking and the statuses it shows, voice notes, and each flow's menu entry. The compiler requires
 * every key of these; the sections left out (sign-up, marketplace, driver and merchant steps,
 * notifications) fall back to French.
 */
export type LingalaTexts = Pick<
  Catalogue,
  "engine" | "explain" | "common" | "courier" | "tracking" | "missionStatus" | "orderStatus" | "voice" | "handoff"
> & { [K in MenuOnly]: Pick<Catalogue[K], "menuTitle" | "menuDescription"> } & {
  driver: Pick<Catalogue["driver"], DriverPresence>;
};

// Brazzaville Lingala as customers write it, with the French words everyone uses here ("colis",
// "livreur", "adresse", "quartier", "course", "référence"). To be reviewed by a native speaker.
const own: LingalaTexts = {
  engine: {
    progress: (n, total) => `Étape ${n}/${total}`,
    welcome: (name) => `👋 Mbote${name ? ` ${name}` : ""} ! Boyei malamu na TokTok, livraison na Brazzaville.`,
    menuHeader: "🛵 TokTok",
    menuBody: "Olingi kosala nini ?",
    menuButton: "Tala menu",
    menuSection: "Misala",
    notUnderstood: "🤔 Nasosoli malamu te. Pona na menu :",
    cancelled: "❌ Totiki demande na yo.",
    nothingToCancel: "Eloko moko te ya kotika.",
    alreadyAtStart: "↩️ Ozali naino na étape ya liboso.",
    help: "🆘 *Lisalisi TokTok*\n• *menu* : kozonga na menu\n• *retour* : étape oyo eleki\n• *annuler* : kotika demande\n• *aide* : lisalisi oyo\n• *francais* / *lingala* : kobongola monoko\nSoki likambo ezali, tokomela biso, moto moko akozongisela yo.",
    helpOffer: "😕 Emonani ete likambo ezali. Olingi lisalisi ?",
    switchConfirm: (from, to) => `Ozali kosala : *${from}*.\nOlingi kotika yango mpe kokende na : *${to}* ?`,
    cancelConfirm: "Olingi kotika demande oyo ozali kosala ?",
    expired: (flow) => `⏰ Eleki ntango ! Demande na yo « ${flow} » etelemi. Tokoba esika otikaki ?`,
    resumed: "▶️ Tokobi esika otikaki.",
    greetingMidFlow: "👋 Mbote lisusu ! Tokoba :",
    roleRequired: (roles) => `⛔ Mosala oyo ezali kaka mpo na ba compte ${roles.join(" / ")}.`,
    technicalError: "😓 Likambo moko ya technique ebimi. Meka lisusu mwa moke.",
    replyLost: "📵 Message na biso oyo eleki ekomeli yo te. Yango oyo lisusu :",
    formSpent:
      "📝 Formulaire oyo etindamaki kala to esili ntango na yango : eloko moko te esalemi lisusu. Koba awa na conversation.",
    slowDown: (seconds) => `🐢 Ozali kotinda ba message mingi. Zela ${seconds} s mpe meka lisusu.`,
    marketingQuestion: "📣 Olingi kozwa ba offres mpe ba promotions na biso na WhatsApp ?",
    marketingOptedIn: "✅ Tokomi yango : okozwa ba offres mpe ba promotions na biso. Koma STOP mpo na kotika yango.",
    marketingDeclined: "👍 Tokomi yango : ba offres te. Koma OFFRES soki obongoli makanisi.",
    marketingStopped: "🔕 Okozwa lisusu ba offres na biso te. Koma OFFRES mpo na kozwa yango lisusu.",
    buttons: {
      marketingYes: "✅ Iyo",
      marketingNo: "🚫 Te, matondi",
      yes: "✅ Iyo",
      yesCancel: "✅ Iyo, tika",
      no: "↩️ Te, tokoba",
      resume: "▶️ Kokoba",
      restart: "🔄 Kobanda sika",
      help: "🆘 Lisalisi",
      cancel: "❌ Kotika",
      menu: "🏠 Menu",
      back: "↩️ Kozonga",
    },
  },
  explain: {
    amount: "⚠️ Nasosoli motuya te. 💡 Koma 5000 mpo na 5000 FCFA.",
    phone: "⚠️ Nimero oyo ezali malamu te. 💡 Koma ndakisa 06 123 4567.",
    address: "⚠️ Nasosoli adresse te. 💡 Koma quartier mpe esika ya koyeba, ndakisa : Marché Total, Poto-Poto.",
    name: "⚠️ Nkombo esengeli kozala na ba lettre 2 to koleka. 💡 Ndakisa : Marie Okemba.",
    description: "⚠️ Limbola colis na maloba moke. 💡 Ndakisa : saki ya bilamba.",
    choice: "⚠️ Pona na ba bouton oyo ezali awa na se.",
    quantity: "⚠️ Koma motango kobanda 1 tii 20. 💡 Koma 2 mpo na mibale.",
    location: "⚠️ Tinda position na yo 📌 to koma adresse.",
  },
  common: {
    gpsPoint: (lat, lng) => `📌 position GPS (${lat.toFixed(5)}, ${lng.toFixed(5)})`,
    confirm: "✅ Kondima",
    edit: "✏️ Kobongola",
    cancel: "❌ Kotika",
    choose: "Kopona",
  },
  courier: {
    menuTitle: "📦 Kotinda colis",
    menuDescription: "Livreur akozwa colis na yo mpe akomema yango",
    askPickup:
      "📍 Esika nini livreur akozwa colis ?\nTinda position na yo 📌 to koma adresse (ndakisa : Marché Total, Poto-Poto).",
    askDestination:
      "🏁 Esika nini livreur akomema colis ?\nTinda position to koma adresse (ndakisa : Rond-point Moungali).",
    askValue: "💰 Motuya ya colis ezali boni ? (na FCFA, ndakisa : 15000)",
    valueTooHigh: (max) => `⚠️ Motuya ya colis ekoki koleka ${max} te.`,
    helpPickup:
      "ℹ️ Mpo na kotinda position : finá 📎 sima « Localisation ». Okoki mpe kokoma quartier mpe esika ya koyeba.",
    helpValue:
      "ℹ️ Motuya oyo olobi ebatelaka colis na yo (1 % ya motuya ebakisamaka na ntalo). Koma 0 soki colis ezali na motuya te.",
    askDescription: "📦 Nini ezali na kati ya colis ? (ndakisa : bilamba 2 mpe mikanda)",
    askRecipientName: "👤 Nkombo ya moto akozwa colis ?",
    askRecipientPhone: (name) => `📞 Nimero ya ${name} ezali boni ? (ndakisa : 06 123 4567)`,
    recap: (r) =>
      `🧾 *Bokuse*\n📍 Esika ya kozwa : ${r.pickup}\n🏁 Esika ya komema : ${r.destination}\n📦 Colis : ${r.description} (motuya ${r.value})\n👤 Moto akozwa : ${r.recipient} (${r.phone})\n💵 *Ntalo ya course : ${r.price}*\n\nOndimi ?`,
    editBody: "Olingi kobongola nini ?",
    editRows: {
      pickup: "Esika ya kozwa",
      destination: "Esika ya komema",
      parcelValue: "Motuya ya colis",
      description: "Nini ezali na colis",
      recipientName: "Nkombo ya moto akozwa",
      recipientPhone: "Nimero ya moto akozwa",
    },
    confirmHint: "⚠️ Finá ✅ Kondima, ✏️ Kobongola to ❌ Kotika.",
    askPayment: "💳 Okofuta course ndenge nini ?",
    paymentLine: (method) => `💳 Kofuta : ${method}`,
    held: "Course na yo ekobanda soki mbongo ekoti.",
    afterFailure: "Demande na yo ebombami. Olingi kosala nini ?",
    created: (reference, price) =>
      `✅ Demande etindami ! Référence *${reference}*.\n💵 Ntalo : ${price}.\nTozali koluka livreur pene na yo 🛵. Koma *suivi ${reference}* mpo na kolanda colis na yo.`,
  },
  tracking: {
    menuTitle: "🔎 Kolanda colis",
    menuDescription: "Course to commande na ngai ekomi wapi ?",
    askReference: "🔎 Référence ezali nini ? (ndakisa : COUR-20261121-061)",
    recentBody: "🔎 Course to commande nini olingi kolanda ? Pona to koma référence.",
    recentButton: "Ba envoi na ngai",
    badReference: "⚠️ Tomoni référence oyo te. 💡 Ezali lokola COUR-20261121-061 to CMD-20261121-004.",
    missionHeader: (r) =>
      `📦 *Suivi ${r.reference}*\n🗺️ ${r.pickup} → ${r.destination}\n👤 Moto akozwa : ${r.recipient}\n💰 Motuya : ${r.value}\n🛵 Livreur : ${r.driver ?? "tozali naino koluka"}`,
    orderHeader: (r) => `🧾 *Suivi ${r.reference}*\n🏪 ${r.merchant} → ${r.address}\n💵 Nyonso : ${r.total}`,
    cancelled: "❌ Etikami",
  },
  missionStatus: {
    pending: "Demande ekomi",
    accepted: "Livreur aponami",
    pickup_arrived: "Livreur akomi esika ya kozwa",
    picked_up: "Colis ezwami",
    in_transit: "Na nzela",
    arrived: "Akomi esika ya komema",
    delivered: "Colis epesami",
    cancelled: "Etikami",
  } satisfies Record<MissionStatus, string>,
  orderStatus: {
    pending: "Commande ekomi",
    confirmed: "Magazini endimi",
    ready: "Ebongisami",
    in_delivery: "Na nzela",
    delivered: "Epesami",
    cancelled: "Etikami",
  } satisfies Record<OrderStatus, string>,
  voice: {
    heard: (text) => `🎤 Nayoki : « ${text} »`,
    unavailable: "🎤 Nakoki naino koyoka ba message vocal te. Okoki kokoma message na yo, svp ?",
    tooLong: "🎤 Message vocal oyo eleki molai. Koma yango, to tinda moko ya mokuse.",
    unsupported: "🎤 Nakoki kotanga audio ya lolenge oyo te. Koma message na yo, svp.",
    timeout: "🎤 Koyoka message vocal na yo ezwi ntango mingi. Koma yango, svp.",
    failed: "🎤 Nakoki koyoka message vocal na yo te. Koma yango, svp.",
    empty: "🎤 Nayoki eloko te na message vocal oyo. Loba lisusu to koma yango.",
  },
  handoff: {
    waiting: (minutes) =>
      `🙋 Nazali kopesa yo na conseiller ya TokTok. Kozela : pene na ${minutes} min. Okoki koloba mposa na yo awa.`,
    noOperator: (opensAt) =>
      `🌙 Ba conseiller bazali te sikoyo. Bakozongisela yo banda ${opensAt} ; okoki koloba mposa na yo awa.`,
    operatorJoined: (firstName) => `👤 ${firstName}, conseiller ya TokTok, azali kozongisela yo.`,
    backToBot: "🤖 Lisolo na conseiller esili. Robot ya TokTok azongi : koma *menu* ntango nyonso.",
  },
  auth: { menuTitle: "👤 Compte na ngai", menuDescription: "Kokota to komikomisa" },
  marketplace: { menuTitle: "🛍️ Kosomba", menuDescription: "Ba restaurant, épicerie, pharmacie" },
  driver: {
    menuTitle: "🛵 Misala na ngai",
    menuDescription: "Ba livreur : misala mpe ba statut",
    goOnline: "🟢 En ligne",
    goOffline: "🔴 Hors ligne",
    missionsSection: "📦 Misala",
    presenceSection: "Disponibilité",
    presenceRow: (online) => (online ? "Ozali en ligne — kopema ?" : "Ozali hors ligne — kozongela ?"),
    nowOnline: "🟢 Ozali *en ligne* : ba course ya pene bakotindela yo. Koma *hors ligne* mpo na kopema.",
    nowOffline: "🔴 Ozali *hors ligne* : course moko te ekotindama epai na yo. Koma *en ligne* mpo na kozongela.",
  },
  merchant: { menuTitle: "🏪 Ba commande na ngai", menuDescription: "Ba magazini : kondima mpe kobongisa" },
};

/** Every Lingala text of the package: {@link LingalaTexts} in Lingala, the rest in French. */
export const ln: Catalogue = {
  ...fr,
  ...own,
  auth: { ...fr.auth, ...own.auth },
  marketplace: { ...fr.marketplace, ...own.marketplace },
  driver: { ...fr.driver, ...own.driver },
  merchant: { ...fr.merchant, ...own.merchant },
};
