// Loaded lazily: recharts is large and only the accountability page draws with it.
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { useLang, useT } from '../../i18n';
import { formatNumber } from '../../ui/format';
import type { StepFigure } from './types';

const COLOURS = { count: '#0b5a3a', money: '#1d4ed8' } as const;

/**
 * One metric across the five steps, as horizontal bars labelled with their values. The
 * figure around it carries the text alternative; the same numbers are in the table.
 */
export default function FunnelChart({ steps, metric }: { steps: StepFigure[]; metric: 'count' | 'money' }) {
  const t = useT();
  const { lang } = useLang();
  const data = steps.map((s) => ({
    name: t(`accountability.step.${s.step}`),
    // Whole baht are plenty for bar lengths; exact amounts are in the table.
    value: metric === 'count' ? s.count : Number(BigInt(s.satang) / 100n),
  }));
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={data} layout="vertical" margin={{ top: 8, right: 96, bottom: 8, left: 8 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} tick={{ fill: '#1f2937', fontSize: 12 }} tickFormatter={(v: number) => formatNumber(v, lang)} />
        <YAxis type="category" dataKey="name" width={120} tick={{ fill: '#1f2937', fontSize: 13 }} interval={0} />
        <Bar dataKey="value" fill={COLOURS[metric]} isAnimationActive={false}>
          <LabelList dataKey="value" position="right" formatter={(v: unknown) => formatNumber(Number(v), lang)} fill="#1f2937" />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
