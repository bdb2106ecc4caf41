// Loaded lazily: recharts only for the figures pages.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useLang } from '../../../i18n';
import { useLabels } from '../labels';
import { CHANNEL_COLOURS, monthLabel } from './figures';
import type { MonthRow } from './figures';

export default function MonthChart({ rows, channels }: { rows: MonthRow[]; channels: string[] }) {
  const { lang } = useLang();
  const labels = useLabels();
  const data = rows.map((r) => ({ ...r, label: monthLabel(r.month, lang) }));
  return (
    <ResponsiveContainer width="100%" height={280}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={{ fill: '#1f2937', fontSize: 12 }} />
        <YAxis allowDecimals={false} tick={{ fill: '#1f2937' }} width={36} />
        <Tooltip />
        <Legend verticalAlign="top" />
        {channels.map((c, i) => (
          <Bar key={c} dataKey={c} stackId="m" name={labels.channel(c)} fill={CHANNEL_COLOURS[i % CHANNEL_COLOURS.length]} maxBarSize={56} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
