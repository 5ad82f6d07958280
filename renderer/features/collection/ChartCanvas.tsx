import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useRef } from 'react';

// Only what the dashboard draws, so the bundle stays small.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, DoughnutController, ArcElement, Legend, Tooltip);
Chart.defaults.font.family = '"Noto Sans SC", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';
Chart.defaults.font.size = 14;
Chart.defaults.color = '#1f2733';
Chart.defaults.animation = false;

/** Calm colours that stay apart on a projector and for most colour-blind readers. */
export const palette = ['#1d6fb8', '#e07b00', '#2e8540', '#b4262a', '#6f42c1', '#0f8b8d', '#8c6d1f', '#5d6b7a'];

/** One Chart.js chart on a canvas; `summary` is what a screen reader hears instead of the picture. */
export function ChartCanvas({ config, summary }: { config: ChartConfiguration; summary: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const chart = new Chart(canvas.current!, { ...config, options: { maintainAspectRatio: false, ...config.options } });
    return () => chart.destroy();
  }, [config]);
  return (
    <div className="chart-box">
      <canvas ref={canvas} role="img" aria-label={summary} />
    </div>
  );
}
