import type { AlertNotification } from "@toktok/analytics";

const SEVERITY = { info: "ℹ️ Info", warning: "🟠 Attention", critical: "🔴 Critique" } as const;

/** The operator's WhatsApp message of an alert that fired or resolved (French, like the seeds' operators). */
export function alertText({ event, record }: AlertNotification): string {
  const { alert } = record;
  if (event === "resolved") {
    return `✅ Alerte résolue : *${record.rule}*\nDéclenchée le ${record.firedAt}, résolue le ${record.resolvedAt ?? "maintenant"}.`;
  }
  return `${SEVERITY[alert.severity]} — alerte *${record.rule}*\n${alert.message}\nÀ acquitter dans le tableau de bord (onglet Alertes).`;
}
