// The funnel: one horizontal bar per stage, in the order of the lifecycle. Plain SVG (no chart
// library: a canvas chart would be invisible to screen readers and cost more than the whole
// console); every bar is a link to the list filtered by its stage, and says its count in text.
import { t, tOf } from '../i18n.ts';
import { navigate } from '../router.tsx';

export interface StageCount {
  stage: string;
  count: number;
}

const ROW = 34;
const LABEL = 190;
const WIDTH = 640;

export function StageChart({ counts }: { counts: StageCount[] }) {
  const max = Math.max(1, ...counts.map((c) => c.count));
  const height = counts.length * ROW + 8;
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${String(WIDTH)} ${String(height)}`}
        role="group"
        aria-label={t('byStageDescription')}
        width="100%"
      >
        {counts.map(({ stage, count }, i) => {
          const y = i * ROW + 4;
          const barWidth = Math.max(2, ((WIDTH - LABEL - 60) * count) / max);
          const href = `/agreements?stage=${stage}`;
          return (
            <a
              key={stage}
              href={href}
              onClick={(event) => {
                event.preventDefault();
                navigate(href);
              }}
            >
              <text x={LABEL - 10} y={y + 19} text-anchor="end" class="chart-label">
                {tOf('stage', stage)}
              </text>
              <rect
                x={LABEL}
                y={y}
                width={barWidth}
                height={ROW - 10}
                rx="3"
                class={`chart-bar stage-${stage.toLowerCase()}`}
              />
              <text x={LABEL + barWidth + 8} y={y + 19} class="chart-value">
                {count}
              </text>
            </a>
          );
        })}
      </svg>
    </figure>
  );
}
