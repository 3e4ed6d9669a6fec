// A small trend chart of pulse and systolic pressure, drawn as SVG on the server: no JavaScript to
// download (docs/architecture.md §8), readable without it, and a table beside it carries the numbers
// for screen readers (decision 045 explains why not a charting library).
type Point = { at: string; pulse: number | null; systolic: number | null };

const WIDTH = 420;
const HEIGHT = 120;
const PAD = 8;

function path(points: Point[], key: "pulse" | "systolic", min: number, max: number): string {
  const step = points.length > 1 ? (WIDTH - 2 * PAD) / (points.length - 1) : 0;
  const y = (v: number) => HEIGHT - PAD - ((v - min) / Math.max(1, max - min)) * (HEIGHT - 2 * PAD);
  return points
    .map((p, i) => (p[key] === null ? null : `${i === 0 ? "M" : "L"}${(PAD + i * step).toFixed(1)},${y(p[key]!).toFixed(1)}`))
    .filter(Boolean)
    .join(" ")
    .replace(/^L/, "M");
}

export function TrendChart({ points, label, pulseLabel, systolicLabel }: { points: Point[]; label: string; pulseLabel: string; systolicLabel: string }) {
  const values = points.flatMap((p) => [p.pulse, p.systolic]).filter((v): v is number => v !== null);
  if (values.length === 0) return null;
  const min = Math.min(...values) - 5;
  const max = Math.max(...values) + 5;
  return (
    <figure className="trend">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" height={HEIGHT} role="img" aria-label={label}>
        <path d={path(points, "systolic", min, max)} fill="none" stroke="#0b3d61" strokeWidth="2" />
        <path d={path(points, "pulse", min, max)} fill="none" stroke="#a4262c" strokeWidth="2" strokeDasharray="5 3" />
      </svg>
      <figcaption className="trend-legend">
        <span className="trend-systolic">— {systolicLabel}</span> <span className="trend-pulse">- - {pulseLabel}</span>
      </figcaption>
    </figure>
  );
}
