import type { Payments } from "../api.ts";
import { formatCount, formatRate, formatXaf } from "../format.ts";
import { useT } from "../lang.ts";

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
            <table>
              <thead>
                <tr>
                  <th>{t.paymentRevenue}</th>
                  <th className="num">FCFA</th>
                </tr>
              </thead>
              <tbody>
                {methods.map(([method, xaf]) => (
                  <tr key={method}>
                    <td>{t.paymentMethods[method] ?? method}</td>
                    <td className="num">{formatXaf(xaf)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {reasons.length > 0 && (
              <table>
                <thead>
                  <tr>
                    <th>{t.paymentFailures}</th>
                    <th className="num">{t.paymentCount}</th>
                  </tr>
                </thead>
                <tbody>
                  {reasons.map(([reason, n]) => (
                    <tr key={reason}>
                      <td>{t.failureReasons[reason] ?? reason}</td>
                      <td className="num">{formatCount(n)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </>
      )}
    </section>
  );
}
