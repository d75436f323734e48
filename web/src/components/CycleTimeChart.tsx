// Days per stage: for each stage of the lifecycle, the median (solid bar) and the 90th
// percentile (the lighter bar behind it) of the days spent in it by the agreements that left it.
// Plain SVG, as the funnel (StageChart); the table beside it carries the same numbers in text.
import { t, tOf } from '../i18n.ts';
import type { Schemas } from '../api.ts';

type StageTimes = Schemas['CycleTimeReport']['overall']['stages'];

const ROW = 40;
const LABEL = 190;
const WIDTH = 640;

export function CycleTimeChart({ stages }: { stages: StageTimes }) {
  const max = Math.max(1, ...stages.map((s) => s.completed.p90Days ?? 0));
  const scale = (days: number) => ((WIDTH - LABEL - 150) * days) / max;
  const height = stages.length * ROW + 8;
  /** A bar of `days` in the row at `y`, `inset` from its top and bottom. */
  const bar = (y: number, days: number, inset: number, className: string) => (
    <rect
      x={LABEL}
      y={y + inset}
      width={Math.max(2, scale(days))}
      height={ROW - 10 - 2 * inset}
      rx="3"
      class={className}
    />
  );
  return (
    <figure class="chart cycle-chart">
      <svg
        viewBox={`0 0 ${String(WIDTH)} ${String(height)}`}
        role="img"
        aria-labelledby="cycle-chart-caption"
        width="100%"
      >
        {stages.map(({ stage, completed }, i) => {
          const y = i * ROW + 4;
          const median = completed.medianDays;
          const p90 = completed.p90Days;
          return (
            <g key={stage} data-stage={stage}>
              <text x={LABEL - 10} y={y + 21} text-anchor="end" class="chart-label">
                {tOf('stage', stage)}
              </text>
              {p90 !== null && bar(y, p90, 2, 'chart-bar-p90')}
              {median !== null && bar(y, median, 8, `chart-bar stage-${stage.toLowerCase()}`)}
              <text
                x={LABEL + (p90 === null ? 0 : Math.max(2, scale(p90))) + 8}
                y={y + 21}
                class="chart-value"
              >
                {median === null || p90 === null
                  ? t('cycleNoData')
                  : `${String(median)} / ${String(p90)} ${t('days')}`}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption id="cycle-chart-caption" class="muted">
        {t('cycleChartCaption')}
      </figcaption>
    </figure>
  );
}
