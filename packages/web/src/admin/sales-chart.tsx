import { useEffect, useId, useRef, useState } from "react";

export interface ChartPoint {
  day: string;
  value: number;
}

/** The element's width in CSS pixels, followed as it changes, so the chart draws at its real size (legible text at 390 px and at desktop). */
function useWidth<E extends HTMLElement>(): [React.RefObject<E | null>, number] {
  const ref = useRef<E>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry?.contentRect.width ?? 0)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** 1, 2, 2.5 or 5 times a power of ten: the axis step that gives about `count` gridlines. */
function niceStep(max: number, count: number): number {
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 2.5, 5, 10].find((factor) => factor * power >= raw) ?? 10) * power;
}

const HEIGHT = 200;
const MARGIN = { top: 12, right: 8, bottom: 26, left: 64 };

/**
 * A bar chart of one value per day, drawn by hand in SVG (no chart library in the bundle). It is
 * an image with a name and a summary for assistive tech; the page gives the same numbers as a
 * table. Day labels thin out to fit the width.
 */
export function BarChart({
  title,
  summary,
  points,
  format,
  whole = false,
}: {
  title: string;
  summary: string;
  points: ChartPoint[];
  format: (value: number) => string;
  /** Counts: gridlines on whole numbers only. */
  whole?: boolean;
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const titleId = useId();
  const descId = useId();
  const max = Math.max(...points.map((point) => point.value), 0);
  const nice = max > 0 ? niceStep(max, 4) : 1;
  const step = whole ? Math.max(1, Math.ceil(nice)) : nice;
  const top = Math.max(step, Math.ceil(max / step) * step);
  const plotWidth = Math.max(width - MARGIN.left - MARGIN.right, 0);
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const slot = points.length > 0 ? plotWidth / points.length : 0;
  const barWidth = Math.max(Math.min(slot * 0.7, 36), 1);
  const labelEvery = Math.max(1, Math.ceil(56 / Math.max(slot, 1)));
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, index) => index * step);
  return (
    <div className="chart" ref={ref}>
      {width > 0 ? (
        <svg width={width} height={HEIGHT} role="img" aria-labelledby={titleId} aria-describedby={descId}>
          <title id={titleId}>{title}</title>
          <desc id={descId}>{summary}</desc>
          {ticks.map((tick) => (
            <g key={tick} aria-hidden="true">
              <line className="chart-grid" x1={MARGIN.left} x2={width - MARGIN.right} y1={y(tick)} y2={y(tick)} />
              <text className="chart-label" x={MARGIN.left - 8} y={y(tick)} dy="0.32em" textAnchor="end">
                {format(tick)}
              </text>
            </g>
          ))}
          {points.map((point, index) => {
            const x = MARGIN.left + slot * index + (slot - barWidth) / 2;
            return (
              <g key={point.day} aria-hidden="true">
                {point.value > 0 ? <rect className="chart-bar" x={x} width={barWidth} y={y(point.value)} height={y(0) - y(point.value)} rx={2} /> : null}
                {index % labelEvery === 0 ? (
                  <text className="chart-label" x={x + barWidth / 2} y={HEIGHT - 8} textAnchor="middle">
                    {point.day.slice(5)}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
      ) : null}
    </div>
  );
}
