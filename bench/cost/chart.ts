/**
 * A horizontal bar chart of the monthly bill by service, as plain SVG (no library: a dozen
 * rectangles and labels). Bars are sorted by cost; each is labelled with its dollars and share.
 */
export interface Bar {
  label: string;
  usd: number;
}

const share = (fraction: number) => (fraction < 0.005 ? "<1%" : `${(fraction * 100).toFixed(0)}%`);
const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function barChart(title: string, subtitle: string, bars: Bar[]): string {
  const sorted = [...bars].filter((bar) => bar.usd > 0).sort((a, b) => b.usd - a.usd);
  const total = sorted.reduce((sum, bar) => sum + bar.usd, 0);
  const width = 880;
  const labelWidth = 300;
  const valueWidth = 130;
  const barArea = width - labelWidth - valueWidth - 40;
  const rowHeight = 30;
  const top = 84;
  const height = top + sorted.length * rowHeight + 44;
  const max = Math.max(...sorted.map((bar) => bar.usd), 1e-9);
  const rows = sorted.map((bar, index) => {
    const y = top + index * rowHeight;
    const length = Math.max(1, (bar.usd / max) * barArea);
    return [
      `<text x="${labelWidth - 10}" y="${y + 19}" text-anchor="end">${escape(bar.label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 5}" width="${length.toFixed(1)}" height="${rowHeight - 10}" rx="3" fill="#2f6fb3"/>`,
      `<text x="${(labelWidth + length + 8).toFixed(1)}" y="${y + 19}">${escape(`$${bar.usd.toFixed(2)} (${share(bar.usd / total)})`)}</text>`,
    ].join("");
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="14" fill="#1d2733">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="20" y="32" font-size="19" font-weight="bold">${escape(title)}</text>`,
    `<text x="20" y="56" font-size="13" fill="#55606e">${escape(subtitle)}</text>`,
    ...rows,
    `<text x="20" y="${height - 16}" font-size="14" font-weight="bold">Total $${total.toFixed(2)} a month</text>`,
    `</svg>`,
    "",
  ].join("\n");
}
