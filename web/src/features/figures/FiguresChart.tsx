// Loaded lazily: recharts is the largest dependency and only this page needs it.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { FigureGroup } from '../../app/types';
import { useName, useT } from '../../i18n';

const ROW_HEIGHT = 44;

export default function FiguresChart({ groups }: { groups: FigureGroup[] }) {
  const t = useT();
  const name = useName();
  const data = groups.map((g) => ({
    name: name(g) || g.key,
    received: g.received,
    fixed: g.fixed,
    closed_unfixed: g.closed_unfixed,
  }));
  const height = Math.max(200, data.length * ROW_HEIGHT + 80);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} tick={{ fill: '#1f2937' }} />
        <YAxis type="category" dataKey="name" width={120} tick={{ fill: '#1f2937', fontSize: 13 }} interval={0} />
        <Tooltip />
        <Legend verticalAlign="top" itemSorter={null} />
        <Bar dataKey="received" name={t('figures.received')} fill="#1d4ed8" />
        <Bar dataKey="fixed" name={t('figures.fixed')} fill="#047857" />
        <Bar dataKey="closed_unfixed" name={t('figures.closed_unfixed')} fill="#6b7280" />
      </BarChart>
    </ResponsiveContainer>
  );
}
