import type { Payments } from "../api.ts";
import { formatCount, formatRate, formatXaf } from "../format.ts";
import { useT } from "../lang.ts";
import { FigureTable } from "./figure-table.tsx";

/** Payments of the period: attempts, success rate of the settled ones, XAF per method, failures per reason. */
export function PaymentsCard({ payments }: { payments: Payments | undefined }) {
  const { t, lang } = useT();
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
            {formatCount(payments.succeeded)} / {formatCount(payments.succeeded + payments.failed)} {t.paymentSettled})
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
