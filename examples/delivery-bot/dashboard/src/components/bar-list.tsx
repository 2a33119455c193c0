import { formatCount } from "../format.ts";

/** Horizontal bars of labelled counts, largest first (messages by type, sessions by role). */
export function BarList({ title, items }: { title: string; items: Array<{ label: string; value: number }> }) {
  const sorted = [...items].sort((a, b) => b.value - a.value);
  const max = Math.max(1, ...sorted.map((i) => i.value));
  return (
    <section className="card">
      <h2>{title}</h2>
      <ul className="bars">
        {sorted.map((i) => (
          <li key={i.label}>
            <span className="label">{i.label}</span>
            <span className="track">
              <span className="fill" style={{ width: `${(i.value / max) * 100}%` }} />
            </span>
            <span className="num">{formatCount(i.value)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
