import type { Payments } from "../api.ts";
import { formatCount, formatRate, formatXaf } from "../format.ts";
import { useT } from "../lang.ts";
import { FigureTable } from "./figure-table.tsx";

/** The methods whose payments can fail: the success rate shown is theirs (a cash order is paid at once). */
const MOBILE_MONEY = ["mtn_momo", "airtel_money"] as const;

/**
 * Payments of the period: attempts, the Mobile Money success rate (cash left out) with its counts, XAF per
 * method, failures per reason.
 */
export function PaymentsCard({ payments }: { payments: Payments | undefined }) {
  const { t, lang } = useT();
  const mobile = MOBILE_MONEY.map((m) => payments?.byMethod[m]);
  const paid = mobile.reduce((n, m) => n + (m?.succeeded ?? 0), 0);
  const settled = mobile.reduce((n, m) => n + (m?.succeeded ?? 0) + (m?.failed ?? 0), 0);
  const methods = Object.entries(payments?.revenueByMethod ?? {}).sort(([, a], [, b]) => b - a);
  const reasons = Object.entries(payments?.failureReasons ?? {}).sort(([, a], [, b]) => b - a);
  return (
    <section className="card" data-testid="payments">
      <h2>{t.payments}</h2>
      {!payments || payments.attempts === 0 ? (
        <p className="muted">{t.noPayment}</p>
      ) : (
        <>
          <p>
            {t.paymentAttempts} : <strong>{formatCount(payments.attempts)}</strong> · {t.paymentSuccess} :{" "}
            <strong data-testid="payments-success">{formatRate(payments.successRate, lang)}</strong> (
            <span data-testid="payments-settled">
              {formatCount(paid)} / {formatCount(settled)}
            </span>{" "}
            {t.paymentSettled})
          </p>
          <div className="grid2">
            <FigureTable
              head={[t.paymentRevenue, "FCFA"]}
              rows={methods.map(([method, xaf]) => ({
                key: method,
                cells: [t.paymentMethods[method] ?? method, formatXaf(xaf)],
              }))}
            />
            {reasons.length > 0 && (
              <FigureTable
                head={[t.paymentFailures, t.paymentCount]}
                rows={reasons.map(([reason, n]) => ({
                  key: reason,
                  cells: [t.failureReasons[reason] ?? reason, formatCount(n)],
                }))}
              />
            )}
          </div>
        </>
      )}
    </section>
  );
}
